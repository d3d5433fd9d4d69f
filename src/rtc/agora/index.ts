/**
 * Agora transport: configuration, RTC tokens, the Conversational AI REST client, the registry of
 * running agents, the `/api/agora` routes and the transcript parser the browser shares.
 */
export {
  agoraStatus,
  describeAgoraConfig,
  agoraSummary,
  llmUrl,
  REQUIRED_AGORA_VARIABLES,
  type AgoraConfig,
  type AgoraConfigStatus,
  type AgoraAsrSettings,
  type AgoraTtsSettings,
  type AgoraSettings,
} from "./config.ts";
export { buildRtcToken, mintRtcToken, RTC_TOKEN_TTL_SEC, type RtcTokenRequest } from "./token.ts";
export {
  createAgoraAgentClient,
  AgoraApiError,
  type AgoraAgentClient,
  type AgoraAgentClientOptions,
  type AgentProperties,
  type AgentLlmProperties,
  type AgentAsrProperties,
  type AgentTtsProperties,
  type AgentTurnDetection,
  type JoinAgentRequest,
  type JoinedAgent,
  type CallOptions,
} from "./client.ts";
export { AgentRegistry, type RunningAgent } from "./agents.ts";
export {
  agoraRoutes,
  agoraNotConfigured,
  stopAllAgoraAgents,
  type AgoraRoutesDeps,
  type AgoraSessionInfo,
  type AgoraUser,
} from "./routes.ts";
export {
  TranscriptAssembler,
  parseStreamChunk,
  decodeStreamMessage,
  type TranscriptItem,
  type TranscriptRole,
  type TranscriptAssemblerOptions,
  type StreamChunk,
} from "./transcript.ts";
