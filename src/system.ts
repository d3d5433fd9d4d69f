/**
 * The composition root: the configuration in, every part built and wired once. Nothing below this
 * file reads the environment or builds its own dependencies; src/server.ts only listens and shuts
 * down, and the CLI opens the same core.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Context } from "hono";
import type { Agent } from "./agent/index.ts";
import { describeCalendar } from "./attendance/calendar.ts";
import { LeaveService } from "./attendance/leave-service.ts";
import { seedHistory, seedOrganisation } from "./attendance/seed.ts";
import { AttendanceContext, AttendanceService, type Clock } from "./attendance/service.ts";
import { AttendanceStore } from "./attendance/store.ts";
import type { Employee } from "./attendance/types.ts";
import { AgentKeys } from "./auth/agent-keys.ts";
import { newSecret, TokenSigner } from "./auth/tokens.ts";
import { loadConfig, type Config } from "./config.ts";
import type { createApp } from "./http/app.ts";
import type { AuthEnv } from "./http/auth.ts";
import type { CoreDeps } from "./http/deps.ts";

/** How to open the core; everything defaults to the configuration. */
export interface OpenOptions {
  /** The configuration; default: no variables set (tests), the server passes its environment's. */
  config?: Config;
  /** A database file other than the configured one (":memory:" for a scratch one). */
  db?: string;
  /** The clock every service reads; `--now` and tests fix it. */
  clock?: Clock;
  /** An empty database gets the demo organisation and its history unless this says otherwise. */
  seed?: "history" | "org" | "none";
}

/** The store, the services and sign-in: what every front end (server, CLI, tests) shares. */
export type Core = CoreDeps & {
  /** The database file in use. */
  databaseFile: string;
  /** Whether this start seeded the demo organisation into an empty database. */
  seeded: boolean;
  close(): void;
};

/** Opens the store and builds the services. */
export function openSystem(options: OpenOptions = {}): Core {
  const config = options.config ?? loadConfig({});
  const file = options.db ?? config.databaseFile;
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const store = new AttendanceStore(file);
  const ctx = new AttendanceContext(store, options.clock ?? Date.now);
  let seeded = false;
  const seed = options.seed ?? "history";
  if (seed !== "none" && store.isEmpty()) {
    seedOrganisation(ctx);
    if (seed === "history") seedHistory(ctx);
    seeded = true;
  }
  // The signing secret lives with the data, so tokens survive restarts; TOKEN_SECRET overrides it.
  let secret = config.tokenSecret || store.setting("token_secret");
  if (!secret) {
    secret = newSecret();
    store.setSetting("token_secret", secret);
  }
  const demoMode = config.demoMode ?? store.setting("demo") === "1";
  return {
    store,
    ctx,
    attendance: new AttendanceService(ctx),
    leave: new LeaveService(ctx),
    tokens: new TokenSigner(secret, () => ctx.clock()),
    agentKeys: new AgentKeys(() => ctx.clock()),
    demoMode,
    databaseFile: file,
    seeded,
    close: () => store.close(),
  };
}

/** The agent on the configured model (loaded on first use: most commands never talk). */
export async function createAgent(core: Pick<Core, "attendance" | "leave">, config: Config): Promise<Agent> {
  const [{ Agent }, { openAiCompatibleModel }] = await Promise.all([import("./agent/index.ts"), import("./agent/models.ts")]);
  return new Agent(core, { llm: config.llm && openAiCompatibleModel(config.llm), mode: config.modelMode });
}

/** Everything the server runs: the app, the core under it, its status lines, and how to stop it. */
export interface ServerSystem {
  app: ReturnType<typeof createApp>;
  core: Core;
  /** One line per engine and optional part, for start-up and /api/health. */
  status: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Builds the whole server from the configuration. The transports, engines and routes are loaded
 * here rather than at the top, so the command line opens the core without loading WebRTC and speech.
 */
export async function buildServer(config: Config, options: Omit<OpenOptions, "config"> & { distDir?: string } = {}): Promise<ServerSystem> {
  const [{ createApp }, { chatCompletionsRoutes }, { webRoutes }, { systemPromptFor }, agoraModule, { createLocalRtc, rtcRoutes }, { createVoiceSession, EnergyVad, voiceEngines }] =
    await Promise.all([
      import("./http/app.ts"),
      import("./http/routes/chat-completions.ts"),
      import("./http/web.ts"),
      import("./agent/prompts.ts"),
      import("./rtc/agora/index.ts"),
      import("./rtc/local/index.ts"),
      import("./voice/index.ts"),
    ]);
  const { AgentRegistry, agoraRoutes, createAgoraAgentClient, describeAgoraConfig, stopAllAgoraAgents } = agoraModule;
  const core = openSystem({ ...options, config });
  const agent = await createAgent(core, config);
  const agora = config.agora;
  const agoraDeps = {
    config: agora,
    // Unconfigured, the routes answer 503 before the client is ever called.
    client: createAgoraAgentClient(agora.configured ? agora.config : { apiBase: "", appId: "", customerId: "", customerSecret: "" }),
    agents: new AgentRegistry(),
    issueAgentKey: (login: string, ttlMs: number) => core.agentKeys.issue(login, ttlMs),
    revokeAgentKey: (key: string) => core.agentKeys.revoke(key),
    systemPrompt: (u: { login: string; language: "zh" | "en" }) => systemPromptFor(core.ctx, core.store.employeeByLogin(u.login)!, u.language),
    currentUser: (c: Context) => {
      const user = (c as Context<AuthEnv>).get("user");
      return { login: user.login, name: user.language === "zh" ? user.name : user.nameEn, language: user.language };
    },
  };

  // The recogniser is told what the agent understands (src/voice never imports the agent).
  const { jsgfGrammar } = await import("./agent/intent/grammar.ts");
  const voice = voiceEngines(config.voice, { grammar: jsgfGrammar() });
  const rtc = createLocalRtc<Employee>({
    // Engines are shared; each call gets its own VAD and its own conversation.
    pipelineFor: (user) => createVoiceSession({ vad: new EnergyVad(), stt: voice.stt, tts: voice.tts, runner: agent.conversation(user), outputSampleRate: 48_000 }),
    iceServers: config.iceServers,
  });

  const status: Record<string, string> = {
    holidays: describeCalendar(core.ctx.calendar(), core.ctx.today()),
    model: agent.describe(),
    stt: voice.status.stt,
    tts: voice.status.tts,
    agora: describeAgoraConfig(agora),
  };

  const app = createApp({
    ...core,
    health: () => ({ database: core.databaseFile, engines: status }),
    protectedRoutes: [
      { path: "/agora", app: agoraRoutes(agoraDeps) },
      { path: "/rtc", app: rtcRoutes({ rtc, currentUser: (c) => (c as Context<AuthEnv>).get("user") }) },
    ],
    publicRoutes: [{ path: "/v1", app: chatCompletionsRoutes({ ...core, agent }) }],
    web: webRoutes({ distDir: options.distDir ?? fileURLToPath(new URL("../web/dist", import.meta.url)) }),
  });

  return {
    app,
    core,
    status,
    close: async () => {
      await stopAllAgoraAgents(agoraDeps).catch(() => undefined);
      await rtc.closeAll().catch(() => undefined);
      await voice.stt.close?.();
      await voice.tts.close?.();
      core.close();
    },
  };
}
