/**
 * Agora settings. src/config.ts reads and checks the variables (a malformed value stops start-up
 * there); this module turns the checked values into a configuration, or the names of what is
 * missing: without the required variables the Agora routes answer 503 and `/api/health` says
 * what to set.
 */

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
    };

/** The Agora variables as src/config.ts checked them (formats are valid; any may be unset). */
export interface AgoraSettings {
  appId?: string;
  appCertificate?: string;
  customerId?: string;
  customerSecret?: string;
  publicBaseUrl?: string;
  apiBase?: string;
  ttsVendor?: string;
  ttsParams?: Record<string, unknown>;
  asrVendor?: string;
  asrLanguage?: string;
  asrParams?: Record<string, unknown>;
  greeting?: string;
  idleTimeoutSec?: number;
}

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

const VARIABLE_OF: Record<(typeof REQUIRED_AGORA_VARIABLES)[number], keyof AgoraSettings> = {
  AGORA_APP_ID: "appId",
  AGORA_APP_CERTIFICATE: "appCertificate",
  AGORA_CUSTOMER_ID: "customerId",
  AGORA_CUSTOMER_SECRET: "customerSecret",
  PUBLIC_BASE_URL: "publicBaseUrl",
  AGORA_TTS_VENDOR: "ttsVendor",
};

/** The configuration the settings make, or the required variables still unset. */
export function agoraStatus(s: AgoraSettings): AgoraConfigStatus {
  const missing = REQUIRED_AGORA_VARIABLES.filter((name) => s[VARIABLE_OF[name]] === undefined);
  if (missing.length > 0) return { configured: false, missing };
  return {
    configured: true,
    config: {
      appId: s.appId!,
      appCertificate: s.appCertificate!,
      customerId: s.customerId!,
      customerSecret: s.customerSecret!,
      publicBaseUrl: origin(s.publicBaseUrl!),
      apiBase: origin(s.apiBase ?? DEFAULT_API_BASE),
      asr: { vendor: s.asrVendor, language: s.asrLanguage, params: s.asrParams },
      tts: { vendor: s.ttsVendor!, params: s.ttsParams ?? {} },
      greeting: s.greeting,
      idleTimeoutSec: s.idleTimeoutSec ?? DEFAULT_IDLE_TIMEOUT_SEC,
    },
  };
}

/**
 * One line for start-up logs and `/api/health`: what is set, or what is missing. Names only,
 * never secret values.
 */
export function describeAgoraConfig(status: AgoraConfigStatus): string {
  if (!status.configured) return `agora: not configured (missing ${status.missing.join(", ")})`;
  return `agora: ready (${agoraSummary(status.config)})`;
}

/** What a configuration runs on, without secrets: app, ASR, TTS, our LLM endpoint, the API if not Agora's. */
export function agoraSummary(config: AgoraConfig): string {
  const asr = `${config.asr.vendor ?? "default"}/${config.asr.language ?? "user language"}`;
  return `app ${config.appId.slice(0, 4)}…, ASR ${asr}, TTS ${config.tts.vendor}, LLM ${llmUrl(config)}${config.apiBase === DEFAULT_API_BASE ? "" : `, API ${config.apiBase}`}`;
}

/** The OpenAI-compatible endpoint Agora's engine calls as its LLM. */
export function llmUrl(config: Pick<AgoraConfig, "publicBaseUrl">): string {
  return `${config.publicBaseUrl}/v1/chat/completions`;
}

/** Any path prefix kept (a reverse proxy may mount us under one), never a trailing slash. */
function origin(value: string): string {
  const url = new URL(value);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}
