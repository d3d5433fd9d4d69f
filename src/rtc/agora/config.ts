/**
 * Agora settings, read once at start-up from an env-like object (never from `process.env`
 * directly, so tests pass plain objects). Without the required variables the Agora routes answer
 * 503 and `/api/health` names what is missing.
 */

/** An env-like source: `process.env` or a plain object in tests. */
export type EnvLike = Readonly<Record<string, string | undefined>>;

/** Speech-to-text settings passed to Agora's engine as `properties.asr`. */
export interface AgoraAsrSettings {
  /** ASR vendor (`ares` is Agora's own and needs no key); omitted means Agora's default. */
  vendor?: string;
  /** Fixed recognition language such as `zh-CN`; omitted means the signed-in user's language. */
  language?: string;
  /** Vendor parameters (keys, model), passed through unchanged. */
  params?: Record<string, unknown>;
}

/** Text-to-speech settings passed to Agora's engine as `properties.tts`. */
export interface AgoraTtsSettings {
  /** TTS vendor, e.g. `microsoft`, `elevenlabs`, `minimax`, `openai`. */
  vendor: string;
  /** Vendor parameters (key, region, voice), passed through unchanged. */
  params: Record<string, unknown>;
}

/** A complete Agora configuration. */
export interface AgoraConfig {
  /** Project App ID (32 hex characters). */
  appId: string;
  /** Primary App Certificate (32 hex characters); signs RTC tokens, never leaves the server. */
  appCertificate: string;
  /** RESTful API customer ID (HTTP Basic user name). */
  customerId: string;
  /** RESTful API customer secret (HTTP Basic password). */
  customerSecret: string;
  /** Public origin of this server as Agora's cloud reaches it, without a trailing slash. */
  publicBaseUrl: string;
  /** Agora REST origin, `https://api.agora.io` unless overridden (tests point it at a local server). */
  apiBase: string;
  asr: AgoraAsrSettings;
  tts: AgoraTtsSettings;
  /** Fixed greeting spoken when the user joins; omitted means a greeting in the user's language. */
  greeting?: string;
  /** Seconds the agent stays after the user has left the channel. */
  idleTimeoutSec: number;
}

/** Either a usable configuration or the reasons there is none. */
export type AgoraConfigStatus =
  | { configured: true; config: AgoraConfig }
  | {
      configured: false;
      /** Names of required variables that are not set. */
      missing: string[];
      /** Variables that are set but unusable, each with the reason. */
      invalid: string[];
    };

/** Variables without which no agent can start. */
export const REQUIRED_AGORA_VARIABLES = [
  "AGORA_APP_ID",
  "AGORA_APP_CERTIFICATE",
  "AGORA_CUSTOMER_ID",
  "AGORA_CUSTOMER_SECRET",
  "PUBLIC_BASE_URL",
  "AGORA_TTS_VENDOR",
] as const;

const DEFAULT_API_BASE = "https://api.agora.io";
const DEFAULT_IDLE_TIMEOUT_SEC = 30;
const HEX32 = /^[0-9a-fA-F]{32}$/;

/** Reads the Agora configuration; never throws, so a bad value cannot stop the server starting. */
export function readAgoraConfig(env: EnvLike): AgoraConfigStatus {
  const get = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const missing = REQUIRED_AGORA_VARIABLES.filter((name) => get(name) === undefined);
  const invalid: string[] = [];

  const appId = get("AGORA_APP_ID");
  if (appId && !HEX32.test(appId)) invalid.push("AGORA_APP_ID must be 32 hex characters");
  const appCertificate = get("AGORA_APP_CERTIFICATE");
  if (appCertificate && !HEX32.test(appCertificate)) {
    invalid.push("AGORA_APP_CERTIFICATE must be 32 hex characters");
  }
  const publicBaseUrl = readOrigin(get("PUBLIC_BASE_URL"), "PUBLIC_BASE_URL", invalid);
  const apiBase = readOrigin(get("AGORA_API_BASE") ?? DEFAULT_API_BASE, "AGORA_API_BASE", invalid);
  const asrParams = readJsonObject(get("AGORA_ASR_PARAMS"), "AGORA_ASR_PARAMS", invalid);
  const ttsParams = readJsonObject(get("AGORA_TTS_PARAMS"), "AGORA_TTS_PARAMS", invalid) ?? {};

  let idleTimeoutSec = DEFAULT_IDLE_TIMEOUT_SEC;
  const idle = get("AGORA_IDLE_TIMEOUT_SEC");
  if (idle !== undefined) {
    idleTimeoutSec = Number(idle);
    if (!Number.isInteger(idleTimeoutSec) || idleTimeoutSec < 0) {
      invalid.push("AGORA_IDLE_TIMEOUT_SEC must be a whole number of seconds");
    }
  }

  if (missing.length > 0 || invalid.length > 0) return { configured: false, missing, invalid };
  return {
    configured: true,
    config: {
      appId: appId!,
      appCertificate: appCertificate!,
      customerId: get("AGORA_CUSTOMER_ID")!,
      customerSecret: get("AGORA_CUSTOMER_SECRET")!,
      publicBaseUrl: publicBaseUrl!,
      apiBase: apiBase!,
      asr: { vendor: get("AGORA_ASR_VENDOR"), language: get("AGORA_ASR_LANGUAGE"), params: asrParams },
      tts: { vendor: get("AGORA_TTS_VENDOR")!, params: ttsParams },
      greeting: get("AGORA_GREETING"),
      idleTimeoutSec,
    },
  };
}

/**
 * One line for start-up logs and `/api/health`: what is set, or what is missing. Names only,
 * never secret values.
 */
export function describeAgoraConfig(status: AgoraConfigStatus): string {
  if (!status.configured) {
    const parts: string[] = [];
    if (status.missing.length > 0) parts.push(`missing ${status.missing.join(", ")}`);
    if (status.invalid.length > 0) parts.push(status.invalid.join("; "));
    return `agora: not configured (${parts.join("; ")})`;
  }
  const { config } = status;
  const asr = `${config.asr.vendor ?? "default"}/${config.asr.language ?? "user language"}`;
  return (
    `agora: ready (app ${config.appId.slice(0, 4)}…, ASR ${asr}, TTS ${config.tts.vendor}, ` +
    `LLM ${llmUrl(config)}${config.apiBase === DEFAULT_API_BASE ? "" : `, API ${config.apiBase}`})`
  );
}

/** The OpenAI-compatible endpoint Agora's engine calls as its LLM. */
export function llmUrl(config: Pick<AgoraConfig, "publicBaseUrl">): string {
  return `${config.publicBaseUrl}/v1/chat/completions`;
}

function readOrigin(value: string | undefined, name: string, invalid: string[]): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("not http(s)");
    // Keep any path prefix (a reverse proxy may mount us under one) but never a trailing slash.
    return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
  } catch {
    invalid.push(`${name} must be an http(s) URL`);
    return undefined;
  }
}

function readJsonObject(
  value: string | undefined,
  name: string,
  invalid: string[],
): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // Reported below with the variable's name; the value may hold a key, so it is not echoed.
  }
  invalid.push(`${name} must be a JSON object`);
  return undefined;
}
