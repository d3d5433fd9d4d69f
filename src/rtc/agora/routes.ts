/**
 * `/api/agora`: start and stop a Conversational AI agent for the signed-in employee. The agent
 * hears the employee in an RTC channel and calls our /v1/chat/completions with a per-agent key, so
 * every tool still runs here, as that employee only.
 */
import { randomBytes, randomInt } from "node:crypto";
import { Hono, type Context } from "hono";
import { ApiError } from "../../http/errors.ts";
import { AgentRegistry, type RunningAgent } from "./agents.ts";
import { AgoraApiError, createAgoraAgentClient, type AgoraAgentClient, type JoinAgentRequest } from "./client.ts";
import { llmUrl, REQUIRED_AGORA_VARIABLES, type AgoraConfig, type AgoraConfigStatus } from "./config.ts";
import type { Language } from "../../attendance/types.ts";
import type { AgoraSessionInfo } from "./session-info.ts";
import { mintRtcToken, RTC_TOKEN_TTL_SEC } from "./token.ts";

/** The signed-in user as the Agora routes need them. */
export interface AgoraUser {
  login: string;
  name: string;
  language: Language;
}

/** What the main app supplies; everything outside this folder comes in here. */
export interface AgoraRoutesDeps {
  /** From the configuration (src/config.ts); unconfigured means every route answers 503. */
  config: AgoraConfigStatus;
  /** Agora REST client (built from the same config). */
  client: AgoraAgentClient;
  /** Running agents of this process. */
  agents: AgentRegistry;
  /** Issues a fresh bearer key for /v1/chat/completions that acts as this employee only, for `ttlMs`. */
  issueAgentKey(employeeLogin: string, ttlMs: number): string;
  /** Makes a key from `issueAgentKey` invalid at once. */
  revokeAgentKey(key: string): void;
  /** The system prompt for this user's agent. */
  systemPrompt(user: AgoraUser): string | Promise<string>;
  /** The signed-in user; throws (e.g. ApiError 401) when there is none. */
  currentUser(c: Context): AgoraUser;
}

/** The routes of a server without Agora: every call answers 503 naming what to set. */
export function agoraNotConfigured(missing: readonly string[] = REQUIRED_AGORA_VARIABLES): AgoraRoutesDeps {
  const never = () => {
    throw new Error("Agora is not configured");
  };
  return {
    config: { configured: false, missing: [...missing] },
    // Never called: the routes answer 503 first.
    client: createAgoraAgentClient({ apiBase: "", appId: "", customerId: "", customerSecret: "" }),
    agents: new AgentRegistry(),
    issueAgentKey: never,
    revokeAgentKey: never,
    systemPrompt: never,
    currentUser: never,
  };
}

// Declared apart so the browser can read it without this module's Node imports; exported here as before.
export type { AgoraSessionInfo } from "./session-info.ts";

const AGENT_TTL_MS = RTC_TOKEN_TTL_SEC * 1000;

const GREETING = {
  zh: "你好，我是考勤助手。可以说“打卡”，或者问“我这个月考勤怎么样”。",
  en: "Hi, I'm your attendance assistant. Say \"check me in\" or ask how your month looks.",
};
const FAILURE_MESSAGE = { zh: "抱歉，我这边出了点问题，请再说一次。", en: "Sorry, something went wrong. Please say that again." };
const ASR_LANGUAGE = { zh: "zh-CN", en: "en-US" };

/** Builds the sub-app; mount it with `app.route("/api/agora", agoraRoutes(deps))`. */
export function agoraRoutes(deps: AgoraRoutesDeps) {
  return new Hono<{ Variables: { agoraConfig: AgoraConfig } }>()
    .use("*", async (c, next) => {
      if (!deps.config.configured) {
        throw new ApiError(503, "AGORA_NOT_CONFIGURED", notConfiguredMessage(deps.config));
      }
      c.set("agoraConfig", deps.config.config);
      await next();
    })
    .post("/session", async (c) => {
      const config = c.get("agoraConfig");
      const user = deps.currentUser(c);
      forgetExpiredAgents(deps);
      // One agent per employee: a reload or second tab replaces the old call instead of leaking it.
      const replaced = Promise.allSettled(deps.agents.forEmployee(user.login).map((a) => stopAgent(deps, a)));

      const channel = channelName(user.login);
      const uid = randomUid();
      let agentUid = randomUid();
      while (agentUid === uid) agentUid = randomUid();
      const agentKey = deps.issueAgentKey(user.login, AGENT_TTL_MS);

      let agentId: string;
      try {
        const joined = await deps.client.join(joinRequest(config, await deps.systemPrompt(user), user, { channel, uid, agentUid, agentKey }));
        agentId = joined.agentId;
      } catch (error) {
        deps.revokeAgentKey(agentKey);
        throw upstreamError("AGENT_START_FAILED", error);
      } finally {
        await replaced;
      }
      deps.agents.add({ agentId, employeeLogin: user.login, agentKey, channel, userUid: uid, agentUid });
      const token = mintRtcToken(config, channel, uid);
      return c.json({ appId: config.appId, channel, token, uid, agentId, agentUid } satisfies AgoraSessionInfo);
    })
    .delete("/session/:agentId", async (c) => {
      const user = deps.currentUser(c);
      const agent = deps.agents.get(c.req.param("agentId"));
      // Someone else's agent is reported exactly like an unknown one.
      if (!agent || agent.employeeLogin !== user.login) {
        throw new ApiError(404, "AGENT_NOT_FOUND", "No running agent with that id for this user");
      }
      try {
        await stopAgent(deps, agent);
      } catch (error) {
        throw upstreamError("AGENT_STOP_FAILED", error);
      }
      return c.json({ agentId: agent.agentId, stopped: true });
    });
}

/** Stops every agent this process started; call it on shutdown. */
export function stopAllAgoraAgents(
  deps: Pick<AgoraRoutesDeps, "client" | "agents" | "revokeAgentKey">,
): Promise<{ stopped: number; failed: number }> {
  return deps.agents.stopAll((agent) => stopAgent(deps, agent));
}

/** Leaves Agora and revokes the key; the key goes even when leave fails, so it cannot outlive the call. */
async function stopAgent(
  deps: Pick<AgoraRoutesDeps, "client" | "agents" | "revokeAgentKey">,
  agent: RunningAgent,
): Promise<void> {
  try {
    await deps.client.leave(agent.agentId);
  } catch (error) {
    // 404: the agent already left (idle timeout, token expiry); that is the state we want.
    if (!(error instanceof AgoraApiError && error.status === 404)) throw error;
  } finally {
    deps.revokeAgentKey(agent.agentKey);
    deps.agents.remove(agent.agentId);
  }
}

/** Agents past their token's lifetime were dropped by Agora; their keys have expired too. */
function forgetExpiredAgents(deps: AgoraRoutesDeps): void {
  for (const agent of deps.agents.olderThan(AGENT_TTL_MS)) {
    deps.revokeAgentKey(agent.agentKey);
    deps.agents.remove(agent.agentId);
  }
}

function joinRequest(
  config: AgoraConfig,
  systemPrompt: string,
  user: AgoraUser,
  call: { channel: string; uid: number; agentUid: number; agentKey: string },
): JoinAgentRequest {
  return {
    // Agora needs a unique name per running agent; the channel name is unique per call.
    name: call.channel,
    properties: {
      channel: call.channel,
      token: mintRtcToken(config, call.channel, call.agentUid),
      agent_rtc_uid: String(call.agentUid),
      // Only this employee may talk to the agent: it acts with their permissions.
      remote_rtc_uids: [String(call.uid)],
      idle_timeout: config.idleTimeoutSec,
      llm: {
        url: llmUrl(config),
        api_key: call.agentKey,
        system_messages: [{ role: "system", content: systemPrompt }],
        greeting_message: config.greeting ?? GREETING[user.language],
        failure_message: FAILURE_MESSAGE[user.language],
        // Our endpoint keeps its own conversation state; Agora's history only needs the recent turns.
        max_history: 16,
        params: { model: "attendance-assistant" },
      },
      asr: {
        ...(config.asr.vendor ? { vendor: config.asr.vendor } : {}),
        language: config.asr.language ?? ASR_LANGUAGE[user.language],
        ...(config.asr.params ? { params: config.asr.params } : {}),
      },
      tts: { vendor: config.tts.vendor, params: config.tts.params },
      turn_detection: {
        type: "agora_vad",
        interrupt_mode: "interrupt",
        interrupt_duration_ms: 160,
        prefix_padding_ms: 800,
        silence_duration_ms: 480,
        threshold: 0.5,
      },
      // Transcripts reach the browser as RTC stream messages (see transcript.ts).
      parameters: { data_channel: "datastream" },
    },
  };
}

/** `att-<login>-<8 hex>`: under Agora's 64-byte limit, only characters it allows. */
function channelName(login: string): string {
  const safeLogin = login.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 32);
  return `att-${safeLogin}-${randomBytes(4).toString("hex")}`;
}

/** A random RTC uid; 0 is reserved by Agora for "any uid". */
function randomUid(): number {
  return randomInt(10_000, 2 ** 31 - 1);
}

function notConfiguredMessage(status: Extract<AgoraConfigStatus, { configured: false }>): string {
  return `Agora is not configured: set ${status.missing.join(", ")}, then restart the server.`;
}

/** A failure of Agora's REST API, passed on as 502 with Agora's status and message. */
function upstreamError(code: string, error: unknown): ApiError {
  return new ApiError(502, code, error instanceof Error ? error.message : String(error), true);
}
