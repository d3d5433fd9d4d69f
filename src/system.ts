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
import type { Clock } from "./attendance/context.ts";
import type { Employee } from "./attendance/types.ts";
import { AttendanceContext } from "./attendance/context.ts";
import { seedHistory, seedOrganisation } from "./attendance/seed.ts";
import { createServices, type AttendanceServices } from "./attendance/services.ts";
import { openSqliteStore, type AttendanceStore } from "./attendance/store/index.ts";
import { AgentKeys } from "./auth/agent-keys.ts";
import { AuthService } from "./auth/sign-in.ts";
import { newSecret, TokenSigner } from "./auth/tokens.ts";
import { loadConfig, type Config } from "./config.ts";
import type { createApp } from "./http/app.ts";
import type { AuthEnv } from "./http/auth.ts";

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

/** The services and sign-in over one store: what every front end (server, CLI, tests) shares. */
export interface Core extends AttendanceServices {
  auth: AuthService;
  /** Signs bearer tokens (tests and the bench mint them directly). */
  tokens: TokenSigner;
  clock: Clock;
  /** The database file in use. */
  databaseFile: string;
  /** Whether this start seeded the demo organisation into an empty database. */
  seeded: boolean;
  /** The store under the services; only the composition root and tests reach it. */
  store: AttendanceStore;
  /**
   * Runs `fn` with services inside one transaction that is rolled back afterwards, whatever `fn`
   * did (`cli ask --dry-run`): every write it made is undone, and its result is returned.
   */
  dryRun<T>(fn: (services: AttendanceServices) => Promise<T>): Promise<T>;
  /** Puts the demo organisation (and, unless told not to, its history) into an empty database. */
  seed(options: { history: boolean }): Promise<{ employees: number; punches: number; leaves: number }>;
  /** A consistent copy of the database, taken while it is in use. */
  backup(file: string): Promise<void>;
  close(): Promise<void>;
}

/** Thrown to roll a dry run back; carries its result out. */
class DryRunDone<T> {
  constructor(readonly result: T) {}
}

/** Opens the store (migrating it), seeds an empty one, and builds the services and sign-in. */
export async function openSystem(options: OpenOptions = {}): Promise<Core> {
  const config = options.config ?? loadConfig({});
  const file = options.db ?? config.databaseFile;
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const { store, db } = await openSqliteStore(file);
  const clock = options.clock ?? Date.now;
  let seeded = false;
  const seed = options.seed ?? "history";
  if (seed !== "none" && (await store.people.isEmpty())) {
    const ctx = new AttendanceContext(store, clock);
    await seedOrganisation(ctx);
    if (seed === "history") await seedHistory(ctx);
    seeded = true;
  }
  // The signing secret lives with the data, so tokens survive restarts; TOKEN_SECRET overrides it.
  let secret = config.tokenSecret || (await store.settings.get("token_secret"));
  if (!secret) {
    secret = newSecret();
    await store.settings.set("token_secret", secret);
  }
  const demoMode = config.demoMode ?? (await store.settings.get("demo")) === "1";
  const services = createServices(store, clock);
  const tokens = new TokenSigner(secret, clock);
  return {
    ...services,
    auth: new AuthService(services.people, tokens, new AgentKeys(clock), demoMode),
    tokens,
    clock,
    databaseFile: file,
    seeded,
    store,
    dryRun: async (fn) => {
      try {
        await store.transaction(async (tx) => {
          throw new DryRunDone(await fn(createServices(tx, clock)));
        });
      } catch (err) {
        if (err instanceof DryRunDone) return err.result;
        throw err;
      }
      throw new Error("unreachable: a dry run always rolls back");
    },
    seed: async ({ history }) => {
      const ctx = new AttendanceContext(store, clock);
      const people = await seedOrganisation(ctx);
      const made = history ? await seedHistory(ctx) : { punches: 0, leaves: 0 };
      return { employees: people.length, ...made };
    },
    backup: (target) => db.backup(target),
    close: () => store.close(),
  };
}

/** The agent on the configured model (loaded on first use: most commands never talk). */
export async function createAgent(services: AttendanceServices, config: Config): Promise<Agent> {
  const [{ Agent }, { openAiCompatibleModel }] = await Promise.all([import("./agent/index.ts"), import("./agent/models.ts")]);
  return new Agent(services, { llm: config.llm && openAiCompatibleModel(config.llm), mode: config.modelMode });
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
  const core = await openSystem({ ...options, config });
  const agent = await createAgent(core, config);
  const agora = config.agora;
  const agoraDeps = {
    config: agora,
    // Unconfigured, the routes answer 503 before the client is ever called.
    client: createAgoraAgentClient(agora.configured ? agora.config : { apiBase: "", appId: "", customerId: "", customerSecret: "" }),
    agents: new AgentRegistry(),
    issueAgentKey: (login: string, ttlMs: number) => core.auth.issueAgentKey(login, ttlMs),
    revokeAgentKey: (key: string) => core.auth.revokeAgentKey(key),
    systemPrompt: async (u: { login: string; language: "zh" | "en" }) => {
      const user = await core.people.forSignIn(u.login);
      if (!user) throw new Error(`No employee ${u.login}`);
      return systemPromptFor(core, user, u.language);
    },
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
    holidays: await core.attendance.calendarStatus(),
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
      await core.close();
    },
  };
}
