/**
 * REST client for Agora's Conversational AI Engine (v2): start an agent (`join`) and stop it
 * (`leave`). Field names follow Agora's REST reference, so bodies are snake_case.
 */

/** `properties.llm`: Agora's engine calls this OpenAI-compatible endpoint as its LLM. */
export interface AgentLlmProperties {
  /** Chat-completions URL Agora's cloud calls (ours: PUBLIC_BASE_URL + /v1/chat/completions). */
  url: string;
  /** Sent by Agora as `Authorization: Bearer <api_key>`; ours is a per-agent key. */
  api_key: string;
  /** Prepended to every LLM call, OpenAI message format. */
  system_messages: Array<{ role: "system"; content: string }>;
  /** Spoken when the first subscribed user joins. */
  greeting_message?: string;
  /** Spoken when an LLM call fails. */
  failure_message?: string;
  /** Short-term memory entries Agora keeps and sends back; its default is 32. */
  max_history?: number;
  /** Extra fields merged into each chat-completions request body (e.g. `model`). */
  params?: Record<string, unknown>;
}

/** `properties.asr`. */
export interface AgentAsrProperties {
  vendor?: string;
  language?: string;
  params?: Record<string, unknown>;
}

/** `properties.tts`. */
export interface AgentTtsProperties {
  vendor: string;
  params: Record<string, unknown>;
}

/** `properties.turn_detection` with Agora's own VAD; durations in milliseconds. */
export interface AgentTurnDetection {
  type: "agora_vad";
  /** What the user's voice does while the agent speaks: `interrupt`, `append` or `ignore`. */
  interrupt_mode?: "interrupt" | "append" | "ignore";
  interrupt_duration_ms?: number;
  prefix_padding_ms?: number;
  silence_duration_ms?: number;
  /** VAD sensitivity, 0..1. */
  threshold?: number;
}

/** `properties` of a join request. */
export interface AgentProperties {
  channel: string;
  /** RTC token the agent joins with, minted for `agent_rtc_uid`. */
  token: string;
  /** The agent's RTC uid, as a string. */
  agent_rtc_uid: string;
  /** Users the agent listens to; only they can talk to it. */
  remote_rtc_uids: string[];
  /** Seconds the agent stays after every remote user has left. */
  idle_timeout?: number;
  llm: AgentLlmProperties;
  asr?: AgentAsrProperties;
  tts: AgentTtsProperties;
  turn_detection?: AgentTurnDetection;
  /** Agent parameters; `data_channel: "datastream"` sends transcripts as RTC stream messages. */
  parameters?: Record<string, unknown>;
}

/** Body of `POST …/join`. */
export interface JoinAgentRequest {
  /** Unique agent name; Agora answers 409 if it is reused while running. */
  name: string;
  properties: AgentProperties;
}

/** A started agent, as Agora reports it. */
export interface JoinedAgent {
  agentId: string;
  /** Creation time, Unix seconds. */
  createTs: number;
  /** Agora's status string, e.g. `RUNNING` or `STARTING`. */
  status: string;
}

/** Per-call options. */
export interface CallOptions {
  /** Aborts the call and any retry wait; the call then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** The two calls this project makes. */
export interface AgoraAgentClient {
  join(request: JoinAgentRequest, options?: CallOptions): Promise<JoinedAgent>;
  leave(agentId: string, options?: CallOptions): Promise<void>;
}

/** A failed Agora REST call, with Agora's own status and message. */
export class AgoraApiError extends Error {
  override readonly name = "AgoraApiError";
  constructor(
    message: string,
    /** HTTP status from Agora; 0 when the request never got an answer. */
    readonly status: number,
    /** Agora's machine-readable reason (`reason` or legacy `statusCode`), when given. */
    readonly reason: string | undefined,
    /** True for network errors and 5xx, which were retried before this was thrown. */
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** How to reach Agora and how hard to retry. */
export interface AgoraAgentClientOptions {
  /** Origin such as `https://api.agora.io`. */
  apiBase: string;
  appId: string;
  customerId: string;
  customerSecret: string;
  /** Attempts in all, including the first. Default 3. */
  attempts?: number;
  /** Wait before the first retry; doubles for each later one. Default 300 ms. */
  retryDelayMs?: number;
  /** Give up on one attempt after this long. Default 15 s. */
  attemptTimeoutMs?: number;
  /** Waits between attempts; injectable so tests need not sleep. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Creates the REST client; it keeps no state between calls. */
export function createAgoraAgentClient(options: AgoraAgentClientOptions): AgoraAgentClient {
  const attempts = Math.max(1, options.attempts ?? 3);
  const retryDelayMs = options.retryDelayMs ?? 300;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 15_000;
  const sleep = options.sleep ?? abortableSleep;
  const projectUrl =
    `${options.apiBase.replace(/\/+$/, "")}/api/conversational-ai-agent/v2/projects/` +
    encodeURIComponent(options.appId);
  const authorization =
    "Basic " + Buffer.from(`${options.customerId}:${options.customerSecret}`).toString("base64");

  async function post(what: string, url: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
    let lastError: AgoraApiError | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await sleep(retryDelayMs * 2 ** (attempt - 2), signal);
      signal?.throwIfAborted();
      const attemptSignal = signal
        ? AbortSignal.any([signal, AbortSignal.timeout(attemptTimeoutMs)])
        : AbortSignal.timeout(attemptTimeoutMs);
      let response: Response;
      try {
        response = await fetch(url, {
          method: "POST",
          headers: {
            authorization,
            accept: "application/json",
            ...(body === undefined ? {} : { "content-type": "application/json" }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: attemptSignal,
        });
      } catch (error) {
        // The caller's abort ends the call as an abort, not as an Agora failure.
        signal?.throwIfAborted();
        lastError = new AgoraApiError(`Agora ${what} failed: ${describeNetworkError(error)}`, 0, undefined, true);
        continue;
      }
      const text = await response.text().catch(() => "");
      if (response.ok) return text ? parseJson(text) : {};
      lastError = errorFromResponse(what, response.status, text);
      if (!lastError.retryable) throw lastError;
    }
    throw lastError!;
  }

  return {
    async join(request, callOptions) {
      const body = await post("join", `${projectUrl}/join`, request, callOptions?.signal);
      const answer = (body ?? {}) as { agent_id?: unknown; create_ts?: unknown; status?: unknown };
      if (typeof answer.agent_id !== "string" || answer.agent_id === "") {
        throw new AgoraApiError("Agora join answered without an agent_id", 200, undefined, false);
      }
      return {
        agentId: answer.agent_id,
        createTs: typeof answer.create_ts === "number" ? answer.create_ts : 0,
        status: typeof answer.status === "string" ? answer.status : "UNKNOWN",
      };
    },
    async leave(agentId, callOptions) {
      const url = `${projectUrl}/agents/${encodeURIComponent(agentId)}/leave`;
      await post("leave", url, undefined, callOptions?.signal);
    },
  };
}

function errorFromResponse(what: string, status: number, text: string): AgoraApiError {
  // Agora answers `{detail, reason}`; older deployments `{message, statusCode}`.
  const body = (parseJson(text) ?? {}) as Record<string, unknown>;
  const detail = firstString(body.detail, body.message) ?? text.trim().slice(0, 300);
  const reason = firstString(body.reason, body.statusCode);
  const retryable = status >= 500;
  const label = [reason, detail].filter(Boolean).join(": ") || "no message";
  return new AgoraApiError(`Agora ${what} failed with HTTP ${status}: ${label}`, status, reason, retryable);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function firstString(...values: unknown[]): string | undefined {
  return values.find((v): v is string => typeof v === "string" && v !== "");
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error && error.name === "TimeoutError") return "no answer in time";
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error instanceof Error ? error.message : String(error)}${cause}`;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
