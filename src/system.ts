/**
 * The composition root: the configuration in, every part built and wired once. Nothing below this
 * file reads the environment or builds its own dependencies; src/server.ts only listens and shuts
 * down, and the CLI opens the same core.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Agent } from "./agent/index.ts";
import type { Clock, DomainEvents } from "./attendance/context.ts";
import type { Employee } from "./attendance/types.ts";
import { AttendanceContext } from "./attendance/context.ts";
import { seedHistory, seedOrganisation } from "./attendance/seed.ts";
import { createServices, type AttendanceServices } from "./attendance/services.ts";
import { migrate, openSqliteStore, type AttendanceStore } from "./attendance/store/index.ts";
import { SYSTEM_ACTOR } from "./attendance/permissions.ts";
import { AgentKeys } from "./auth/agent-keys.ts";
import { signInMode, type SignInMode } from "./auth/mode.ts";
import { PasswordHasher, type ScryptParams } from "./auth/passwords.ts";
import { Secrets, secretKeyFileFor } from "./auth/secrets.ts";
import { OidcSignIn } from "./auth/oidc.ts";
import { SessionService } from "./auth/sessions.ts";
import { AuthService } from "./auth/sign-in.ts";
import { SignInThrottle } from "./auth/throttle.ts";
import { loadConfig, type Config } from "./config.ts";
import type { AppType } from "./http/app.ts";
import type { PartStatus } from "./http/health.ts";
import type { AgoraAgentClient } from "./rtc/agora/client.ts";
import type { AgoraRoutesDeps } from "./rtc/agora/routes.ts";
import { IM_MIGRATIONS, seedDemoChatIds } from "./im/store.ts";
import { chatIdRecords } from "./im/identities.ts";
import type { ImParts } from "./im/wiring.ts";
import type { Stt } from "./voice/stt/stt.ts";
import { buildNotify, NOTIFY_MIGRATIONS, type NotifyParts } from "./notify/index.ts";
import { RequestNotices } from "./notify/events.ts";

/** How to open the core; everything defaults to the configuration. */
export interface OpenOptions {
  /** The configuration; default: no variables set (tests), the server passes its environment's. */
  config?: Config;
  /** A database file other than the configured one (":memory:" for a scratch one). */
  db?: string;
  /** The clock every service reads; `--now` and tests fix it. */
  clock?: Clock;
  /**
   * What an empty database gets: the demo organisation (with its history by default) where demo
   * sign-in is allowed (src/auth/mode.ts), nothing elsewhere; this says otherwise.
   */
  seed?: "history" | "org" | "none";
  /** scrypt parameters for new password hashes; default N=2^17 (tests pass cheaper ones). */
  passwordHashing?: ScryptParams;
}

/** The services and sign-in over one store: what every front end (server, CLI, tests) shares. */
export interface Core extends AttendanceServices {
  auth: AuthService;
  /** Whether demo sign-in may be on, and why (for the start-up log). */
  mode: SignInMode;
  /** Single sign-on through the configured OpenID provider; null without OIDC_ISSUER. */
  oidc: OidcSignIn | null;
  /** Keys the server keeps outside the database (from SECRET_KEY or a 0600 file beside it). */
  secrets: Secrets;
  clock: Clock;
  /** The database file in use. */
  databaseFile: string;
  /** Whether this start seeded the demo organisation into an empty database. */
  seeded: boolean;
  /** The store under the services; only the composition root and tests reach it. */
  store: AttendanceStore;
  /** Where the services announce committed changes; the server's parts subscribe. */
  events: DomainEvents;
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
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  const secrets = new Secrets(config.secretKey ? { key: config.secretKey } : file === ":memory:" ? { memory: true } : { file: secretKeyFileFor(path.resolve(file)) });
  const dataKey = secrets.key("data-at-rest");
  const { store, db } = await openSqliteStore(file, { dataKey, keySource: secrets.describe(), keyMadeNow: secrets.madeKeyFile() });
  await migrate(db, IM_MIGRATIONS);
  await migrate(db, NOTIFY_MIGRATIONS);
  const clock = options.clock ?? Date.now;
  const mode = signInMode(config);
  let seeded = false;
  const seed = options.seed ?? (mode.demoAllowed ? "history" : "none");
  if (seed !== "none" && (await store.people.isEmpty())) {
    const ctx = new AttendanceContext(store, clock);
    await seedOrganisation(ctx);
    if (seed === "history") await seedHistory(ctx);
    await seedDemoChatIds(db, await store.people.list());
    seeded = true;
  }
  // Demo sign-in: where allowed, for the demo organisation (or anything, with DEMO_MODE=1).
  const demoMode = mode.demoAllowed && (config.demoMode === true || (await store.settings.get("demo")) === "1");
  // Listeners are added by the parts built later (the chat approvals, in buildServer).
  const events: DomainEvents = {};
  const services = createServices(store, clock, events, { chatIds: chatIdRecords });
  const sessions = new SessionService(store, clock, async () => {
    const policy = await services.attendance.policy(SYSTEM_ACTOR);
    return { idleMs: policy.sessionIdleHours * 3_600_000, maxAgeMs: policy.sessionMaxDays * 86_400_000 };
  });
  await sessions.prune();
  const auth = new AuthService({
    people: services.people,
    store,
    clock,
    sessions,
    throttle: new SignInThrottle(store, clock),
    hasher: new PasswordHasher(options.passwordHashing),
    agentKeys: new AgentKeys(clock),
    demoMode,
    passwordSignIn: config.passwordSignIn,
  });
  const oidc = config.oidc
    ? new OidcSignIn(config.oidc, { people: services.people, directory: services.directory, clock, audit: (...args) => auth.auditSignIn(...args) })
    : null;
  return {
    ...services,
    auth,
    mode,
    oidc,
    secrets,
    clock,
    databaseFile: file,
    seeded,
    store,
    events,
    dryRun: async (fn) => {
      try {
        await store.transaction(async (tx) => {
          throw new DryRunDone(await fn(createServices(tx, clock, undefined, { chatIds: chatIdRecords })));
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
      await seedDemoChatIds(db, await store.people.list());
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

/** Everything the server runs: the app, the core under it, and how to stop it. */
export interface ServerSystem {
  app: AppType;
  core: Core;
  /** Each engine and optional part: what /api/health answers and start-up prints. */
  health(): Promise<PartStatus[]>;
  /** The chat platforms: channels, identities, the outbox others send through. */
  im: ImParts;
  /** Reminders and notifications; src/server.ts starts the scheduler. */
  notify: NotifyParts;
  close(): Promise<void>;
}

/** The Agora routes' dependencies over the core: keys from sign-in, prompts from the agent. */
export async function agoraDeps(core: Core, agora: Config["agora"], client?: AgoraAgentClient): Promise<Omit<AgoraRoutesDeps, "currentUser">> {
  const [{ AgentRegistry, createAgoraAgentClient }, { systemPromptFor }] = await Promise.all([import("./rtc/agora/index.ts"), import("./agent/prompts.ts")]);
  return {
    config: agora,
    // Unconfigured, the routes answer 503 before the client is ever called.
    client: client ?? createAgoraAgentClient(agora.configured ? agora.config : { apiBase: "", appId: "", customerId: "", customerSecret: "" }),
    agents: new AgentRegistry(),
    issueAgentKey: (login, ttlMs) => core.auth.issueAgentKey(login, ttlMs),
    revokeAgentKey: (key) => core.auth.revokeAgentKey(key),
    systemPrompt: async (u) => {
      const user = await core.people.forSignIn(u.login);
      if (!user) throw new Error(`No employee ${u.login}`);
      return systemPromptFor(core, user, u.language);
    },
  };
}

/** A voice engine's status as a health entry. */
function engineStatus(name: string, engine: { name: string; available(): { ok: boolean; missing?: string } }): PartStatus {
  const s = engine.available();
  return s.ok ? { name, ready: true, missing: [], hint: engine.name } : { name, ready: false, missing: [engine.name], hint: s.missing ?? `${engine.name} is unavailable` };
}

/**
 * Builds the whole server from the configuration. The transports, engines and routes are loaded
 * here rather than at the top, so the command line opens the core without loading WebRTC and speech.
 */
export async function buildServer(
  config: Config,
  options: Omit<OpenOptions, "config"> & {
    distDir?: string;
    /** The chat parts' clock (callback freshness, dedupe, outbox) when tests fix the services' one. */
    imNow?: () => number;
    fetch?: typeof fetch;
  } = {},
): Promise<ServerSystem> {
  const [{ createApp }, { stopAllAgoraAgents, agoraSummary }, { createLocalRtc }, { createVoiceSession, vadFactory, voiceEngines }, { jsgfGrammar }] = await Promise.all([
    import("./http/app.ts"),
    import("./rtc/agora/index.ts"),
    import("./rtc/local/index.ts"),
    import("./voice/index.ts"),
    import("./agent/intent/grammar.ts"),
  ]);
  const core = await openSystem({ ...options, config });
  const agent = await createAgent(core, config);
  const agora = await agoraDeps(core, config.agora);
  // The recogniser is told what the agent understands (src/voice never imports the agent).
  const voice = voiceEngines(config.voice, { grammar: jsgfGrammar() });
  // Silero when its model loads (else the energy VAD); turns end sooner after a complete request.
  const vads = await vadFactory();
  const { completeness } = await import("./agent/intent/completeness.ts");
  const rtc = createLocalRtc<Employee>({
    // Engines are shared; each call gets its own VAD and its own conversation.
    // A punch spoken in the call is judged by where the caller is, as the page's button is.
    pipelineFor: (user, place) =>
      createVoiceSession({
        vad: vads.create(),
        stt: voice.stt,
        tts: voice.tts,
        runner: agent.conversation(user, undefined, { place: () => ({ address: place.address, location: place.location }) }),
        completeness: (text, language) => completeness(text, language),
        outputSampleRate: 48_000,
      }),
    iceServers: config.iceServers,
    perUser: { key: (user) => user.login, max: 3 },
  });

  const im = await buildChat(core, agent, config, { ...options, stt: voice.stt });
  const retention = eraseLocationsDaily(core);
  const notify = buildNotify({ services: core, db: core.store.db, outbox: im.outbox, email: config.mail !== null, clock: core.clock });
  // Approvers hear of new requests, requesters of decisions, whichever front end made them.
  const notices = new RequestNotices(core, im.approvals, notify.notifier, core.clock);
  const report = (what: string) => (err: unknown) => console.error(`notify: ${what} failed:`, err);
  core.events.requestFiled = (r) => void notices.filed(r.kind, r.id).catch(report(`the approver's notice of ${r.kind} #${r.id}`));
  core.events.requestDecided = (r) => void notices.decided(r.kind, r.id, r.status, r.approverId).catch(report(`the decision on ${r.kind} #${r.id}`));

  const health = async (): Promise<PartStatus[]> => {
    const holidays = await core.attendance.calendarCoverage();
    const a = config.agora;
    return [
      {
        name: "holidays",
        ready: holidays.missing.length === 0,
        missing: holidays.missing.map((y) => `holidays ${y}`),
        hint: holidays.missing.length
          ? `${holidays.loaded.join(", ") || "no year"} loaded; weekends only for ${holidays.missing.join(" and ")} until HR imports it in the holiday-cn format`
          : `${holidays.loaded.join(", ")} loaded`,
      },
      { name: "model", ready: true, missing: [], hint: agent.describe() },
      { name: "vad", ready: true, missing: [], hint: vads.status },
      engineStatus("stt", voice.stt),
      engineStatus("tts", voice.tts),
      a.configured
        ? { name: "agora", ready: true, missing: [], hint: agoraSummary(a.config) }
        : { name: "agora", ready: false, missing: a.missing, hint: `set ${a.missing.join(", ")} to talk over Agora` },
      ...im.statuses,
    ];
  };

  const app = createApp(core, {
    agent,
    rtc,
    agora,
    health,
    database: core.databaseFile,
    webDistDir: options.distDir ?? fileURLToPath(new URL("../web/dist", import.meta.url)),
    trustProxy: config.trustProxy,
    agoraNcsSecret: config.agoraNcsSecret,
    publicBaseUrl: config.publicBaseUrl,
    // Not for a self-signed certificate: HSTS would lock browsers out of clicking past it.
    hsts: config.tls?.kind === "files" || config.trustProxy,
    newLinkCode: im.channels.size > 0 ? (user) => im.identities.newLinkCode(user) : undefined,
    chatCallbacks: im.routes(),
    notifications: notify.service,
  });

  return {
    app,
    core,
    health,
    im,
    notify,
    close: async () => {
      clearInterval(retention);
      await notify.scheduler.stop();
      await im.stop();
      await stopAllAgoraAgents(agora).catch(() => undefined);
      await rtc.closeAll().catch(() => undefined);
      await voice.stt.close?.();
      await voice.tts.close?.();
      await core.close();
    },
  };
}

/**
 * Erases punch coordinates and photos past the policy's retention at start and then once a day
 * (the audit log records how many each time). A failure is logged and tried again the next day.
 */
function eraseLocationsDaily(core: Core): NodeJS.Timeout {
  const erase = () => core.sites.eraseExpiredLocations(SYSTEM_ACTOR).catch((err) => console.error("erasing expired punch locations failed:", err));
  void erase();
  return setInterval(erase, 86_400_000).unref();
}

/**
 * The chat platforms over the core: their callbacks answered by the same agent voice uses (punches
 * recorded with method `im`), the outbox worker (chat and email)
 * started. Only platforms whose variables are all set are mounted.
 */
async function buildChat(core: Core, agent: Agent, config: Config, options: { imNow?: () => number; fetch?: typeof fetch; stt?: Stt }): Promise<ImParts> {
  const [{ buildIm, chatTurns }, { EmailSender }] = await Promise.all([import("./im/wiring.ts"), import("./notify/email.ts")]);
  const im = buildIm({
    settings: config.im,
    services: core,
    db: core.store.db,
    conversation: (employee, place) => chatTurns(agent.conversation(employee, undefined, { punchMethod: "im", place })),
    publicBaseUrl: config.publicBaseUrl,
    now: options.imNow,
    fetch: options.fetch,
    email: config.mail ? new EmailSender(config.mail) : undefined,
    stt: options.stt,
  });
  if (im.sends) im.start();
  return im;
}
