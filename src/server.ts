import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import type { Context } from "hono";
import { Agent } from "./agent/index.ts";
import { systemPromptFor } from "./agent/prompts.ts";
import { describeCalendar } from "./attendance/calendar.ts";
import { createApp } from "./http/app.ts";
import type { AuthEnv } from "./http/auth.ts";
import { chatCompletionsRoutes } from "./http/routes/chat-completions.ts";
import { webRoutes } from "./http/web.ts";
import type { Employee } from "./attendance/types.ts";
import { createLocalRtc, rtcRoutes, type IceServer } from "./rtc/local/index.ts";
import { createVoiceSession, EnergyVad } from "./voice/index.ts";
import { voiceEnginesFromEnv } from "./voice/engines.ts";
import { AgentRegistry, agoraRoutes, createAgoraAgentClient, describeAgoraConfig, readAgoraConfig, stopAllAgoraAgents } from "./rtc/agora/index.ts";
import { databasePath, openSystem } from "./system.ts";

/** config -> deps -> app -> listen. */
const started = performance.now();
const port = Number(process.env.PORT || 8787);
const system = openSystem();
const agent = new Agent(system);

const agoraConfig = readAgoraConfig(process.env);
const agoraDeps = {
  config: agoraConfig,
  // Unconfigured, the routes answer 503 before the client is ever called.
  client: createAgoraAgentClient(agoraConfig.configured ? agoraConfig.config : { apiBase: "", appId: "", customerId: "", customerSecret: "" }),
  agents: new AgentRegistry(),
  issueAgentKey: (login: string, ttlMs: number) => system.agentKeys.issue(login, ttlMs),
  revokeAgentKey: (key: string) => system.agentKeys.revoke(key),
  systemPrompt: (u: { login: string; language: "zh" | "en" }) => systemPromptFor(system.ctx, system.store.employeeByLogin(u.login)!, u.language),
  currentUser: (c: Context) => {
    const user = (c as Context<AuthEnv>).get("user");
    return { login: user.login, name: user.language === "zh" ? user.name : user.nameEn, language: user.language };
  },
};

const voice = voiceEnginesFromEnv();
const rtc = createLocalRtc<Employee>({
  // Engines are shared; each call gets its own VAD and its own conversation.
  pipelineFor: (user) => createVoiceSession({ vad: new EnergyVad(), stt: voice.stt, tts: voice.tts, runner: agent.conversation(user), outputSampleRate: 48_000 }),
  iceServers: process.env.ICE_SERVERS ? (JSON.parse(process.env.ICE_SERVERS) as IceServer[]) : undefined,
});

const engines: Record<string, string> = {
  holidays: describeCalendar(system.ctx.calendar(), system.ctx.today()),
  model: agent.describe(), stt: voice.status.stt, tts: voice.status.tts, agora: describeAgoraConfig(agoraConfig) };

const app = createApp({
  ...system,
  health: () => ({ database: databasePath(), engines }),
  protectedRoutes: [
    { path: "/agora", app: agoraRoutes(agoraDeps) },
    { path: "/rtc", app: rtcRoutes({ rtc, currentUser: (c) => (c as Context<AuthEnv>).get("user") }) },
  ],
  publicRoutes: [{ path: "/v1", app: chatCompletionsRoutes({ ...system, agent }) }],
  web: webRoutes({ distDir: fileURLToPath(new URL("../web/dist", import.meta.url)) }),
});

const server = serve({ fetch: app.fetch, port, hostname: process.env.HOST || "0.0.0.0" }, (info) => {
  if (system.seeded) console.log(`Seeded the demo organisation into ${databasePath()}`);
  for (const line of Object.values(engines)) console.log(`- ${line}`);
  console.log(`Voice attendance assistant on http://localhost:${info.port} (ready in ${Math.round(performance.now() - started)} ms)`);
});

async function shutdown() {
  await stopAllAgoraAgents(agoraDeps).catch(() => undefined);
  await rtc.closeAll().catch(() => undefined);
  await voice.stt.close?.();
  await voice.tts.close?.();
  server.close();
  system.close();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
