/**
 * Local WebRTC transport: answers SDP offers from browsers with a werift peer connection per
 * session, bridged to a voice session. No media server: audio goes peer to peer between the
 * browser and this process (as in Pipecat's SmallWebRTCTransport).
 */
import type { VoiceSession } from "../../voice/session.ts";
import { LocalSession, type EndReason, type IceServer, type SessionLimits } from "./session.ts";

export type { EndReason, IceServer };

/** A refused offer; `code` is for the HTTP layer (BAD_SDP -> 400, TOO_MANY_VOICE_SESSIONS -> 429). */
export class RtcOfferError extends Error {
  constructor(
    readonly code: "BAD_SDP" | "TOO_MANY_VOICE_SESSIONS",
    message: string,
  ) {
    super(message);
    this.name = "RtcOfferError";
  }
}

/** A device's location as the page sends it: WGS-84 degrees, accuracy in metres. */
export interface CallLocation {
  latitude: number;
  longitude: number;
  accuracyM?: number;
  mocked?: boolean;
}

/**
 * Where the caller is, for a punch spoken in the call to be judged like a button's: the address
 * the offer came from, and the page's latest location (sent with the offer, then on the data
 * channel as it changes). Kept up to date for as long as the call lasts.
 */
export interface CallPlace {
  address: string | null;
  location: CallLocation | null;
}

/** What the transport needs from the server. */
export interface LocalRtcOptions<User> {
  /**
   * A fresh voice session for a user: its own VAD and TurnRunner, shared STT/TTS engines,
   * `outputSampleRate: 48000` preferred (other rates are resampled).
   */
  pipelineFor(user: User, place: CallPlace): VoiceSession | Promise<VoiceSession>;
  /** STUN/TURN servers, for clients not on this host or LAN. Default none (host candidates). */
  iceServers?: IceServer[];
  /** Limits; defaults: media 10 s, idle 10 min, connect 20 s. */
  limits?: Partial<SessionLimits>;
  /** Told when a session ends and why (for logs). */
  onSessionEnd?(sessionId: string, reason: EndReason): void;
  /**
   * At most `max` sessions at once per user, told apart by `key` (each call costs a peer
   * connection, a decoder and a synthesiser: one user must not take them all).
   */
  perUser?: { key(user: User): string; max: number };
}

/** The transport's surface. */
export interface LocalRtc<User> {
  /** Answers a browser's complete (non-trickle) SDP offer; throws RtcOfferError for a bad one. */
  offer(sdp: string, user: User, place?: Partial<CallPlace>): Promise<{ sdp: string; sessionId: string }>;
  /** Sessions open now. */
  sessionCount(): number;
  /** Ends every session (server shutdown). */
  closeAll(): Promise<void>;
}

/** Longest SDP accepted (bytes); real offers are 2-6 kB. */
const MAX_SDP_BYTES = 64 * 1024;

/** Cheap structural checks: werift accepts almost any text as SDP without complaint. */
export function checkOffer(sdp: unknown): string {
  if (typeof sdp !== "string" || sdp.length === 0) throw new RtcOfferError("BAD_SDP", "sdp must be a non-empty string");
  if (sdp.length > MAX_SDP_BYTES) throw new RtcOfferError("BAD_SDP", "sdp is too long");
  const lines = sdp.split(/\r?\n/);
  if (lines[0]?.trim() !== "v=0") throw new RtcOfferError("BAD_SDP", "not an SDP offer (must start with v=0)");
  if (!lines.some((l) => l.startsWith("m=audio "))) throw new RtcOfferError("BAD_SDP", "the offer has no audio section");
  if (!lines.some((l) => l.startsWith("a=ice-ufrag:"))) throw new RtcOfferError("BAD_SDP", "the offer has no ICE credentials");
  if (!lines.some((l) => l.startsWith("a=fingerprint:"))) throw new RtcOfferError("BAD_SDP", "the offer has no DTLS fingerprint");
  if (!/a=rtpmap:\d+ opus\/48000/i.test(sdp)) throw new RtcOfferError("BAD_SDP", "the offer does not support Opus");
  return sdp;
}

/** Creates the transport; see {@link LocalRtcOptions} for what to pass. */
export function createLocalRtc<User>(options: LocalRtcOptions<User>): LocalRtc<User> {
  const sessions = new Map<string, LocalSession>();
  /** Open sessions per user key. */
  const open = new Map<string, number>();
  const limits: SessionLimits = { mediaTimeoutMs: 10_000, idleTimeoutMs: 600_000, connectTimeoutMs: 20_000, ...options.limits };
  const owners = new Map<string, string>();
  const ended = (session: LocalSession, reason: EndReason) => {
    const owner = owners.get(session.id);
    if (owner !== undefined) {
      owners.delete(session.id);
      open.set(owner, (open.get(owner) ?? 1) - 1);
    }
    if (sessions.delete(session.id)) options.onSessionEnd?.(session.id, reason);
  };

  return {
    async offer(sdp, user, where = {}) {
      checkOffer(sdp);
      const owner = options.perUser?.key(user);
      if (owner !== undefined && (open.get(owner) ?? 0) >= options.perUser!.max) {
        throw new RtcOfferError("TOO_MANY_VOICE_SESSIONS", `at most ${options.perUser!.max} voice sessions at once; end one first`);
      }
      const place: CallPlace = { address: where.address ?? null, location: where.location ?? null };
      const session = new LocalSession(options.iceServers ?? [], limits, ended, place);
      sessions.set(session.id, session);
      if (owner !== undefined) {
        owners.set(session.id, owner);
        open.set(owner, (open.get(owner) ?? 0) + 1);
      }
      try {
        let answer: string;
        try {
          answer = await session.answer(sdp);
        } catch (err) {
          throw new RtcOfferError("BAD_SDP", `the offer could not be applied: ${(err as Error).message}`);
        }
        session.attachVoice(await options.pipelineFor(user, place));
        return { sdp: answer, sessionId: session.id };
      } catch (err) {
        await session.end("error");
        throw err;
      }
    },
    sessionCount: () => sessions.size,
    async closeAll() {
      await Promise.all([...sessions.values()].map((s) => s.end("shutdown")));
    },
  };
}
