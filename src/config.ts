/**
 * Every environment variable the product reads, in one zod schema, parsed once at start-up.
 * Nothing else reads `process.env`: the composition root (src/system.ts) hands each part the
 * values it needs. A bad value stops start-up with one line naming the variable and what it
 * expects (exit code 2); an unset optional part (an LLM, Agora) only turns that part off.
 * Every variable here is also listed in the README.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { LlmSettings, ModelMode } from "./agent/models.ts";
import type { OidcSettings } from "./auth/oidc.ts";
import type { ImSettings } from "./im/channels.ts";
import { agoraStatus, type AgoraConfigStatus } from "./rtc/agora/config.ts";
import type { IceServer } from "./rtc/local/index.ts";
import type { VoiceSettings } from "./voice/engines.ts";

/** The whole configuration, typed; built by {@link loadConfig}. */
export interface Config {
  /** HTTP listen port (`PORT`, default 8787; 0 picks a free one). */
  port: number;
  /** Listen address (`HOST`, default 127.0.0.1: reachable from this machine only). */
  host: string;
  /** The SQLite database file (`ATTENDANCE_DB`, default data/attendance.db). */
  databaseFile: string;
  /**
   * Demo sign-in by picking a person (`DEMO_MODE`): `1` turns it on anywhere, any other value
   * off; unset, it is on only for the demo organisation on a loopback address (see src/auth/mode.ts).
   */
  demoMode?: boolean;
  /** Behind a reverse proxy (`TRUST_PROXY=1`): read the client address and scheme from X-Forwarded-For / -Proto. */
  trustProxy: boolean;
  /** HTTPS in this process: PEM files (`TLS_CERT`, `TLS_KEY`), or a self-signed certificate (`TLS_SELF_SIGNED=1`). */
  tls: TlsSettings | null;
  /** The master key for secrets at rest (`SECRET_KEY`); unset: a 0600 file beside the database. */
  secretKey?: string;
  /** The OpenAI-compatible language model, when `OPENAI_API_KEY` is set. */
  llm: LlmSettings | null;
  /** Which model answers (`AGENT_MODEL_MODE`); unset: local-first with an LLM, local without. */
  modelMode?: ModelMode;
  /** Speech engines (`VOICE_*`). */
  voice: VoiceSettings;
  /** STUN/TURN servers for local WebRTC (`ICE_SERVERS`). */
  iceServers?: IceServer[];
  /** Agora, configured or the names of what is missing (`AGORA_*`, `PUBLIC_BASE_URL`). */
  agora: AgoraConfigStatus;
  /** The secret Agora's Notification Callback Service signs events with (`AGORA_NCS_SECRET`): meeting check-in. */
  agoraNcsSecret?: string;
  /** This server's public address (`PUBLIC_BASE_URL`): Agora's callbacks, links in chat cards. */
  publicBaseUrl?: string;
  /** The chat platforms' values (`WECOM_*`, `FEISHU_*`, `DINGTALK_*`, `SLACK_*`); a platform missing any required one stays off. */
  im: ImSettings;
  /** Email for notifications (`SMTP_URL`, `MAIL_FROM`); null: reminders go by chat and in the app only. */
  mail: { url: string; from: string } | null;
  /** Single sign-on with OpenID Connect (`OIDC_*`), when `OIDC_ISSUER` is set. */
  oidc: OidcSettings | null;
  /** Password sign-in for everyone (`PASSWORD_SIGN_IN`, default 1); 0: admins only, SSO for the rest. */
  passwordSignIn: boolean;
}

/** Where the HTTPS certificate comes from. */
export type TlsSettings = { kind: "files"; certFile: string; keyFile: string } | { kind: "self-signed" };

/** A configuration that cannot be used: `message` is the one line to print. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

const text = z.string();
const url = z.url({ protocol: /^https?$/, error: "expected an http(s) URL" });
const hex32 = z.string().regex(/^[0-9a-fA-F]{32}$/, "expected 32 hex characters");
const flag = z.enum(["0", "1"], { error: "expected 0 or 1" });
/** A file that must exist when set (read at start-up, so a typo stops it at once). */
const existingFile = z.string().refine((f) => existsSync(f), "no such file");
const wholeNumber = (min: number, max: number, what = "an integer") =>
  z
    .string()
    .regex(/^\d+$/, `expected ${what} ${min}-${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `expected ${what} ${min}-${max}`).max(max, `expected ${what} ${min}-${max}`));

/** A JSON value checked against `schema`; `expected` says what it should look like. */
function json<T extends z.ZodType>(schema: T, expected: string) {
  return z.string().transform((raw, ctx): z.output<T> => {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      ctx.addIssue({ code: "custom", message: `not JSON (expected ${expected})` });
      return z.NEVER;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      ctx.addIssue({ code: "custom", message: `expected ${expected}` });
      return z.NEVER;
    }
    return parsed.data;
  });
}

const IceServers = z.array(
  z.object({ urls: z.union([z.string(), z.array(z.string()).min(1)]), username: z.string().optional(), credential: z.string().optional() }).strict(),
);
const JsonObject = z.record(z.string(), z.unknown());
/** Teams' own group robots: `{"SALES": {"webhook": "https://...", "secret": "..."}}`, by department code. */
const TeamRobots = json(z.record(z.string().min(1), z.object({ webhook: url, secret: z.string().optional() }).strict()), 'an object of department code -> {"webhook": "https://...", "secret"?: "..."}');

/** The schema: one entry per variable. Unset and empty mean the same (`FOO= npm start`). */
const Environment = z.object({
  PORT: wholeNumber(0, 65535).default(8787),
  HOST: text.default("127.0.0.1"),
  ATTENDANCE_DB: text.optional(),
  // Only "1" turns demo sign-in on: a typo ("true", "yes") must fail closed, not open.
  DEMO_MODE: text.optional(),
  TRUST_PROXY: flag.optional(),
  TLS_CERT: existingFile.optional(),
  TLS_KEY: existingFile.optional(),
  TLS_SELF_SIGNED: flag.optional(),
  SECRET_KEY: z.string().min(32, "expected at least 32 characters").optional(),
  OPENAI_API_KEY: text.optional(),
  OPENAI_BASE_URL: url.optional(),
  LLM_MODEL: text.default("gpt-4o-mini"),
  AGENT_MODEL_MODE: z.enum(["local", "llm", "local-first"], { error: "expected local, llm or local-first" }).optional(),
  VOICE_STT: z.enum(["sphinx", "openai"], { error: "expected sphinx or openai" }).default("sphinx"),
  VOICE_TTS: z.enum(["espeak", "openai"], { error: "expected espeak or openai" }).default("espeak"),
  VOICE_OPENAI_BASE_URL: url.optional(),
  VOICE_STT_MODEL: text.optional(),
  VOICE_TTS_MODEL: text.optional(),
  VOICE_TTS_VOICE: text.optional(),
  ICE_SERVERS: json(IceServers, "an array of {urls, username?, credential?}").optional(),
  AGORA_APP_ID: hex32.optional(),
  AGORA_APP_CERTIFICATE: hex32.optional(),
  AGORA_CUSTOMER_ID: text.optional(),
  AGORA_CUSTOMER_SECRET: text.optional(),
  PUBLIC_BASE_URL: url.optional(),
  AGORA_API_BASE: url.optional(),
  AGORA_TTS_VENDOR: text.optional(),
  // JSON objects may hold keys: the message names the variable, never the value.
  AGORA_TTS_PARAMS: json(JsonObject, "a JSON object").optional(),
  AGORA_ASR_VENDOR: text.optional(),
  AGORA_ASR_LANGUAGE: text.optional(),
  AGORA_ASR_PARAMS: json(JsonObject, "a JSON object").optional(),
  AGORA_GREETING: text.optional(),
  AGORA_IDLE_TIMEOUT_SEC: wholeNumber(0, 86_400, "a whole number of seconds").optional(),
  AGORA_NCS_SECRET: text.optional(),
  WECOM_CORP_ID: text.optional(),
  WECOM_AGENT_ID: z.string().regex(/^\d+$/, "expected the app's numeric AgentId").optional(),
  WECOM_SECRET: text.optional(),
  WECOM_TOKEN: text.optional(),
  WECOM_ENCODING_AES_KEY: z.string().regex(/^[A-Za-z0-9]{43}$/, "expected the 43-character EncodingAESKey").optional(),
  WECOM_ROBOT_URL: url.optional(),
  WECOM_TEAM_ROBOTS: TeamRobots.optional(),
  WECOM_API_BASE: url.optional(),
  FEISHU_APP_ID: text.optional(),
  FEISHU_APP_SECRET: text.optional(),
  FEISHU_ENCRYPT_KEY: text.optional(),
  FEISHU_VERIFICATION_TOKEN: text.optional(),
  FEISHU_DOMAIN: z.enum(["feishu", "lark"], { error: "expected feishu or lark" }).optional(),
  FEISHU_API_BASE: url.optional(),
  FEISHU_ROBOT_WEBHOOK: url.optional(),
  FEISHU_ROBOT_SECRET: text.optional(),
  FEISHU_TEAM_ROBOTS: TeamRobots.optional(),
  DINGTALK_APP_KEY: text.optional(),
  DINGTALK_APP_SECRET: text.optional(),
  DINGTALK_ROBOT_CODE: text.optional(),
  DINGTALK_ROBOT_WEBHOOK: url.optional(),
  DINGTALK_ROBOT_SECRET: text.optional(),
  DINGTALK_TEAM_ROBOTS: TeamRobots.optional(),
  DINGTALK_API_BASE: url.optional(),
  DINGTALK_MODE: z.enum(["http", "stream"], { error: "expected http or stream" }).optional(),
  SLACK_SIGNING_SECRET: text.optional(),
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, "expected a bot token (xoxb-...)").optional(),
  SLACK_API_BASE: url.optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "expected smtp://user:pass@host:port or smtps://..." }).optional(),
  MAIL_FROM: text.optional(),
  OIDC_ISSUER: url.optional(),
  OIDC_CLIENT_ID: text.optional(),
  OIDC_CLIENT_SECRET: text.optional(),
  OIDC_SCOPES: text.default("openid email profile"),
  OIDC_MATCH: z.enum(["email", "preferred_username"], { error: "expected email or preferred_username" }).default("email"),
  OIDC_NAME: text.default("SSO"),
  OIDC_CREATE_UNKNOWN: flag.optional(),
  OIDC_DEFAULT_DEPARTMENT: text.optional(),
  PASSWORD_SIGN_IN: flag.optional(),
});

/** The names of every variable the product reads (for the README and the tests). */
export const CONFIG_VARIABLES = Object.keys(Environment.shape) as (keyof typeof Environment.shape)[];

/** Parses an environment (process.env, or a plain object in tests). Throws {@link ConfigError}. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const present: Record<string, string> = {};
  for (const name of CONFIG_VARIABLES) {
    const value = env[name]?.trim();
    if (value) present[name] = value;
  }
  const parsed = Environment.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join("; "));
  }
  const e = parsed.data;
  // Set at all (even empty) but not "1": off. Only an explicit 1 opens demo sign-in to a network.
  const demoMode = env.DEMO_MODE === undefined ? undefined : env.DEMO_MODE.trim() === "1";
  if (!e.TLS_CERT !== !e.TLS_KEY) throw new ConfigError(`${e.TLS_CERT ? "TLS_KEY" : "TLS_CERT"}: expected with ${e.TLS_CERT ? "TLS_CERT" : "TLS_KEY"} (both PEM files, or neither)`);
  if (e.TLS_CERT && e.TLS_SELF_SIGNED === "1") throw new ConfigError("TLS_SELF_SIGNED: expected unset when TLS_CERT and TLS_KEY are given");
  if (e.OIDC_ISSUER && !e.OIDC_CLIENT_ID) throw new ConfigError("OIDC_CLIENT_ID: expected with OIDC_ISSUER (the client id the provider gave this app)");
  // Passwords off with no other way in would lock everyone but admins out.
  if (e.PASSWORD_SIGN_IN === "0" && !e.OIDC_ISSUER) throw new ConfigError("PASSWORD_SIGN_IN: 0 needs single sign-on (OIDC_ISSUER) for everyone but admins");
  return {
    port: e.PORT,
    host: e.HOST,
    databaseFile: e.ATTENDANCE_DB ?? path.resolve("data/attendance.db"),
    demoMode,
    trustProxy: e.TRUST_PROXY === "1",
    tls: e.TLS_CERT && e.TLS_KEY ? { kind: "files", certFile: e.TLS_CERT, keyFile: e.TLS_KEY } : e.TLS_SELF_SIGNED === "1" ? { kind: "self-signed" } : null,
    secretKey: e.SECRET_KEY,
    llm: e.OPENAI_API_KEY ? { apiKey: e.OPENAI_API_KEY, baseURL: e.OPENAI_BASE_URL, model: e.LLM_MODEL } : null,
    modelMode: e.AGENT_MODEL_MODE,
    voice: {
      stt: e.VOICE_STT,
      tts: e.VOICE_TTS,
      openai: {
        apiKey: e.OPENAI_API_KEY,
        baseURL: e.VOICE_OPENAI_BASE_URL ?? e.OPENAI_BASE_URL,
        sttModel: e.VOICE_STT_MODEL,
        ttsModel: e.VOICE_TTS_MODEL,
        ttsVoice: e.VOICE_TTS_VOICE,
      },
    },
    iceServers: e.ICE_SERVERS,
    agora: agoraStatus({
      appId: e.AGORA_APP_ID,
      appCertificate: e.AGORA_APP_CERTIFICATE,
      customerId: e.AGORA_CUSTOMER_ID,
      customerSecret: e.AGORA_CUSTOMER_SECRET,
      publicBaseUrl: e.PUBLIC_BASE_URL,
      apiBase: e.AGORA_API_BASE,
      ttsVendor: e.AGORA_TTS_VENDOR,
      ttsParams: e.AGORA_TTS_PARAMS,
      asrVendor: e.AGORA_ASR_VENDOR,
      asrLanguage: e.AGORA_ASR_LANGUAGE,
      asrParams: e.AGORA_ASR_PARAMS,
      greeting: e.AGORA_GREETING,
      idleTimeoutSec: e.AGORA_IDLE_TIMEOUT_SEC,
    }),
    agoraNcsSecret: e.AGORA_NCS_SECRET,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    im: {
      wecom: {
        corpId: e.WECOM_CORP_ID,
        agentId: e.WECOM_AGENT_ID,
        secret: e.WECOM_SECRET,
        token: e.WECOM_TOKEN,
        encodingAesKey: e.WECOM_ENCODING_AES_KEY,
        robotUrl: e.WECOM_ROBOT_URL,
        teamRobots: e.WECOM_TEAM_ROBOTS,
        baseUrl: e.WECOM_API_BASE,
      },
      feishu: {
        appId: e.FEISHU_APP_ID,
        appSecret: e.FEISHU_APP_SECRET,
        encryptKey: e.FEISHU_ENCRYPT_KEY,
        verificationToken: e.FEISHU_VERIFICATION_TOKEN,
        domain: e.FEISHU_DOMAIN,
        baseUrl: e.FEISHU_API_BASE,
        robotWebhook: e.FEISHU_ROBOT_WEBHOOK,
        robotSecret: e.FEISHU_ROBOT_SECRET,
        teamRobots: e.FEISHU_TEAM_ROBOTS,
      },
      dingtalk: {
        appKey: e.DINGTALK_APP_KEY,
        appSecret: e.DINGTALK_APP_SECRET,
        robotCode: e.DINGTALK_ROBOT_CODE,
        robotWebhook: e.DINGTALK_ROBOT_WEBHOOK,
        robotSecret: e.DINGTALK_ROBOT_SECRET,
        teamRobots: e.DINGTALK_TEAM_ROBOTS,
        baseUrl: e.DINGTALK_API_BASE,
        mode: e.DINGTALK_MODE,
      },
      slack: { signingSecret: e.SLACK_SIGNING_SECRET, botToken: e.SLACK_BOT_TOKEN, baseUrl: e.SLACK_API_BASE },
    },
    mail: e.SMTP_URL ? { url: e.SMTP_URL, from: e.MAIL_FROM ?? "attendance@localhost" } : null,
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            scopes: e.OIDC_SCOPES,
            match: e.OIDC_MATCH,
            name: e.OIDC_NAME,
            createUnknown: e.OIDC_CREATE_UNKNOWN === "1",
            defaultDepartment: e.OIDC_DEFAULT_DEPARTMENT,
          }
        : null,
    passwordSignIn: e.PASSWORD_SIGN_IN !== "0",
  };
}

/**
 * Where the speech engines' programs (pocketsphinx, espeak-ng) are looked for: the `PATH` this
 * process was started with. Read here, like every other variable; it is the system's, not ours.
 */
export function executableSearchPath(): string {
  return process.env.PATH ?? "";
}

/**
 * The configuration of this process, from its environment. On a bad value prints the one line
 * and exits with code 2: a server that starts with half its settings ignored is worse than none.
 */
export function configFromEnvironment(): Config {
  try {
    return loadConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(2);
  }
}
