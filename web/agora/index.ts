/**
 * Browser side of an Agora call: join the channel the server prepared, publish the microphone,
 * play the agent's voice and turn its stream messages into a live transcript.
 *
 * agora-rtc-sdk-ng (about 1.5 MB) is loaded with a dynamic import, so pages that never use Agora
 * never fetch it.
 */
import type { IAgoraRTC, IAgoraRTCClient, IMicrophoneAudioTrack, UID } from "agora-rtc-sdk-ng";
import type { AgoraSessionInfo } from "../../src/rtc/agora/session-info.ts";
import { TranscriptAssembler, type TranscriptItem } from "../../src/rtc/agora/transcript.ts";

export type { TranscriptItem } from "../../src/rtc/agora/transcript.ts";

/** What `POST /api/agora/session` answers. */
export type AgoraSession = AgoraSessionInfo;

/**
 * Where the call is: `connecting` until the microphone is published, `connected` while waiting
 * for the agent, `agent-ready` once its voice plays, `agent-left` if it goes (idle timeout),
 * `reconnecting` during network trouble, then `disconnected` or `failed`.
 */
export type AgoraCallState =
  | "connecting"
  | "connected"
  | "agent-ready"
  | "agent-left"
  | "reconnecting"
  | "disconnected"
  | "failed";

/** Callbacks; both are optional. */
export interface AgoraCallHandlers {
  /** The whole transcript in order, after every change; `changed` holds the lines that changed. */
  onTranscript?(items: TranscriptItem[], changed: TranscriptItem[]): void;
  /** State changes; `detail` explains failures in words. */
  onState?(state: AgoraCallState, detail?: string): void;
}

/** A joined call. */
export interface AgoraCall {
  /** Mutes or unmutes the microphone without leaving. */
  setMuted(muted: boolean): Promise<void>;
  /** Leaves the channel and releases the microphone; safe to call twice. */
  leave(): Promise<void>;
  /** The transcript so far. */
  transcript(): TranscriptItem[];
}

/** Test seam: how the SDK is obtained. */
export interface JoinAgoraOptions {
  loadSdk?: () => Promise<IAgoraRTC>;
}

/** Loads agora-rtc-sdk-ng on first use; the bundler splits it into its own chunk. */
export async function loadAgoraSdk(): Promise<IAgoraRTC> {
  const sdk: { default: unknown } = await import("agora-rtc-sdk-ng");
  // The package is a UMD bundle: Vite hands over its module.exports as `default`, while
  // Node-style interop (and TypeScript under NodeNext) wraps it once more.
  const exported = sdk.default as IAgoraRTC & { default?: IAgoraRTC };
  return typeof exported.createClient === "function" ? exported : exported.default!;
}

/** Joins the call described by `session`. Rejects (after reporting `failed`) if joining fails. */
export async function joinAgora(
  session: AgoraSession,
  handlers: AgoraCallHandlers = {},
  options: JoinAgoraOptions = {},
): Promise<AgoraCall> {
  const report = (state: AgoraCallState, detail?: string) => handlers.onState?.(state, detail);
  report("connecting");
  const AgoraRTC = await (options.loadSdk ?? loadAgoraSdk)();
  const client: IAgoraRTCClient = AgoraRTC.createClient({ mode: "rtc", codec: "vp8" });
  const transcript = new TranscriptAssembler();
  const isAgent = (uid: UID) => String(uid) === String(session.agentUid);
  let microphone: IMicrophoneAudioTrack | undefined;
  let left = false;

  client.on("user-published", async (user, mediaType) => {
    // Only the agent is subscribed: the channel is private to this user and their agent.
    if (!isAgent(user.uid) || mediaType !== "audio") return;
    try {
      const track = await client.subscribe(user, "audio");
      track.play();
      report("agent-ready");
    } catch (error) {
      report("failed", `cannot play the assistant's voice: ${messageOf(error)}`);
    }
  });
  client.on("user-left", (user) => {
    if (isAgent(user.uid)) report("agent-left");
  });
  client.on("stream-message", (uid, payload) => {
    if (!isAgent(uid)) return;
    const changed = transcript.push(payload);
    if (changed.length > 0) handlers.onTranscript?.(transcript.items(), changed);
  });
  client.on("connection-state-change", (state) => {
    if (left) return;
    if (state === "RECONNECTING") report("reconnecting");
    else if (state === "CONNECTED") report(microphone ? "connected" : "connecting");
    else if (state === "DISCONNECTED") report("disconnected");
  });

  async function leave(): Promise<void> {
    if (left) return;
    left = true;
    microphone?.close();
    microphone = undefined;
    try {
      await client.leave();
    } finally {
      client.removeAllListeners();
      report("disconnected");
    }
  }

  try {
    await client.join(session.appId, session.channel, session.token, session.uid);
    // Echo cancellation matters most: without it the agent hears itself and interrupts itself.
    microphone = await AgoraRTC.createMicrophoneAudioTrack({ AEC: true, ANS: true, AGC: true });
    await client.publish(microphone);
  } catch (error) {
    const detail = messageOf(error);
    await leave().catch(() => undefined);
    report("failed", detail);
    throw error;
  }
  report("connected");

  return {
    async setMuted(muted) {
      await microphone?.setMuted(muted);
    },
    leave,
    transcript: () => transcript.items(),
  };
}

/** `fetch` options for the two session calls: where the API is and how to authenticate. */
export interface AgoraApiOptions {
  /** Prefix of the API, default `/api/agora`. */
  baseUrl?: string;
  /** Extra headers, e.g. `{ authorization: "Bearer …" }`. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** Asks the server to start an agent; rejects with the server's error message. */
export async function startAgoraSession(options: AgoraApiOptions = {}): Promise<AgoraSession> {
  const response = await fetch(`${options.baseUrl ?? "/api/agora"}/session`, {
    method: "POST",
    headers: options.headers,
    signal: options.signal,
  });
  return (await readJson(response)) as AgoraSession;
}

/** Asks the server to stop the agent and revoke its key. */
export async function stopAgoraSession(agentId: string, options: AgoraApiOptions = {}): Promise<void> {
  const response = await fetch(`${options.baseUrl ?? "/api/agora"}/session/${encodeURIComponent(agentId)}`, {
    method: "DELETE",
    headers: options.headers,
    signal: options.signal,
  });
  await readJson(response);
}

async function readJson(response: Response): Promise<unknown> {
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) return body;
  const error = (body as { error?: { message?: string } } | undefined)?.error;
  throw new Error(error?.message ?? `request failed with HTTP ${response.status}`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
