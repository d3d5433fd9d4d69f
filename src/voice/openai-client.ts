import OpenAI from "openai";
import type { EngineStatus } from "./engine.ts";

/** How the OpenAI-compatible speech engines reach their server. */
export interface OpenAiConnection {
  /** API key (the config's `OPENAI_API_KEY`). Local servers often accept any non-empty string. */
  apiKey?: string;
  /** Server root including `/v1` (the config's `OPENAI_BASE_URL`); default OpenAI's. */
  baseURL?: string;
  /** Per-request timeout (ms). Default 15000. */
  timeoutMs?: number;
  /** A ready client (tests, shared configuration); the options above are then ignored. */
  client?: OpenAI;
}

/** The client the options describe, or undefined when there is no key (the environment is read by src/config.ts only). */
export function openAiClient(options: OpenAiConnection): OpenAI | undefined {
  if (options.client) return options.client;
  const apiKey = options.apiKey;
  if (!apiKey) return undefined;
  return new OpenAI({ apiKey, baseURL: options.baseURL, timeout: options.timeoutMs ?? 15_000, maxRetries: 1 });
}

export function openAiStatus(client: OpenAI | undefined): EngineStatus {
  return client ? { ok: true } : { ok: false, missing: "set OPENAI_API_KEY (and OPENAI_BASE_URL for a compatible server)" };
}
