/**
 * One browser (or test client) connected peer to peer: a werift RTCPeerConnection carrying
 * Opus audio both ways and an "events" data channel, bridged to a VoiceSession.
 *
 * Audio in: Opus 48 kHz -> PCM16 -> band-limited 16 kHz -> VAD and STT. Audio out: the
 * session's paced 20 ms frames -> 48 kHz -> Opus -> RTP. Nothing is sent while the agent is
 * silent; the RTP timestamp then jumps by the silent time, with the marker bit set on the
 * first packet of each talk spurt, as RFC 3551 asks, so the receiver's jitter buffer re-syncs.
 */
import { randomUUID } from "node:crypto";
import OpusScript from "opusscript";
import { RTCPeerConnection, RtpHeader, RtpPacket, useOPUS, type RTCDataChannel, type RTCRtpTransceiver } from "werift";
import { FrameSlicer, Resampler } from "../../voice/audio.ts";
import type { VoiceEvent } from "../../voice/events.ts";
import type { VoiceSession } from "../../voice/session.ts";
import type { CallPlace } from "./rtc.ts";

/** Opus and WebRTC audio run at 48 kHz. */
const OPUS_RATE = 48_000;
/** 20 ms at 48 kHz. */
const OPUS_FRAME = 960;
/** Events kept while the data channel is still opening. */
const MAX_PENDING_EVENTS = 200;

/** An ICE server (STUN or TURN). */
export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

/** Why a session ended. */
export type EndReason = "hangup" | "ice-failed" | "media-timeout" | "idle" | "connect-timeout" | "shutdown" | "error";

/** Timing limits of a session. */
export interface SessionLimits {
  /** No audio packet from the client for this long ends the session (ms). */
  mediaTimeoutMs: number;
  /** No speech and no turn for this long ends the session (ms). */
  idleTimeoutMs: number;
  /** The connection must be up within this time of the answer (ms). */
  connectTimeoutMs: number;
}

/** A connected peer and its voice session. */
export class LocalSession {
  readonly id = randomUUID();
  readonly pc: RTCPeerConnection;
  private readonly transceiver: RTCRtpTransceiver;
  private voice: VoiceSession | undefined;
  private channel: RTCDataChannel | undefined;
  private pendingEvents: string[] = [];
  private readonly decoder = new OpusScript(OPUS_RATE, 1, OpusScript.Application.VOIP);
  private readonly encoder = new OpusScript(OPUS_RATE, 1, OpusScript.Application.VOIP);
  private inbound: Resampler | undefined;
  private outbound: Resampler | undefined;
  private readonly outFrames = new FrameSlicer(OPUS_RATE);
  private readonly createdAt = performance.now();
  private lastPacketAt = performance.now();
  private connected = false;
  private sequence = Math.floor(Math.random() * 0xffff);
  private timestamp = Math.floor(Math.random() * 0xffffffff);
  private lastSentAt = 0;
  private readonly watchdog: NodeJS.Timeout;
  private unsubscribe: (() => void)[] = [];
  private ending: Promise<void> | undefined;

  constructor(
    iceServers: IceServer[],
    private readonly limits: SessionLimits,
    private readonly onEnd: (session: LocalSession, reason: EndReason) => void,
    /** Where the caller is; the data channel's location messages update it. */
    private readonly place: CallPlace = { address: null, location: null },
  ) {
    this.pc = new RTCPeerConnection({ iceServers, codecs: { audio: [useOPUS()] } });
    this.encoder.setBitrate(32_000);
    // The transceiver we add is the one the offer's audio section binds to; its onTrack fires
    // (the peer connection's onTransceiverAdded does not for it).
    this.transceiver = this.pc.addTransceiver("audio", { direction: "sendrecv" });
    this.unsubscribe.push(
      this.transceiver.onTrack.subscribe((track) => {
        this.unsubscribe.push(track.onReceiveRtp.subscribe((rtp) => this.receive(rtp.payload)).unSubscribe);
      }).unSubscribe,
      this.pc.onDataChannel.subscribe((dc) => this.attachChannel(dc)).unSubscribe,
      this.pc.connectionStateChange.subscribe((state) => {
        if (state === "connected") this.connected = true;
        if (state === "failed") void this.end("ice-failed");
        if (state === "closed") void this.end("hangup");
      }).unSubscribe,
    );
    this.watchdog = setInterval(() => this.check(), 250);
    this.watchdog.unref();
  }

  /** Applies the client's offer and returns the answer, ICE candidates included (no trickle). */
  async answer(offerSdp: string): Promise<string> {
    await this.pc.setRemoteDescription({ type: "offer", sdp: offerSdp });
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    if (this.pc.iceGatheringState !== "complete") {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 3000);
        const { unSubscribe } = this.pc.iceGatheringStateChange.subscribe((s) => {
          if (s !== "complete") return;
          clearTimeout(timer);
          unSubscribe();
          resolve();
        });
      });
    }
    return this.pc.localDescription!.sdp;
  }

  /** Connects the voice session: its events go to the data channel, its audio to the track. */
  attachVoice(voice: VoiceSession): void {
    this.voice = voice;
    if (voice.inputSampleRate !== OPUS_RATE) this.inbound = new Resampler(OPUS_RATE, voice.inputSampleRate);
    if (voice.outputSampleRate !== OPUS_RATE) this.outbound = new Resampler(voice.outputSampleRate, OPUS_RATE);
    this.unsubscribe.push(
      voice.listen({
        onEvent: (event) => this.sendEvent(event),
        onAudio: (frame) => this.sendAudio(frame),
      }),
    );
  }

  /** Ends the session once; later calls wait for the same end. */
  end(reason: EndReason): Promise<void> {
    this.ending ??= (async () => {
      clearInterval(this.watchdog);
      for (const off of this.unsubscribe.splice(0)) off();
      this.onEnd(this, reason);
      await this.voice?.close();
      try {
        this.channel?.close();
      } catch {
        // already closed by the peer
      }
      await this.pc.close().catch(() => {});
      this.decoder.delete();
      this.encoder.delete();
    })();
    return this.ending;
  }

  private check(): void {
    const now = performance.now();
    if (!this.connected && now - this.createdAt > this.limits.connectTimeoutMs) void this.end("connect-timeout");
    else if (this.connected && now - this.lastPacketAt > this.limits.mediaTimeoutMs) void this.end("media-timeout");
    else if (this.voice && now - Math.max(this.voice.lastActivityAt, this.createdAt) > this.limits.idleTimeoutMs) void this.end("idle");
  }

  private attachChannel(dc: RTCDataChannel): void {
    if (dc.label !== "events" || this.channel) return;
    this.channel = dc;
    const flush = () => {
      for (const msg of this.pendingEvents.splice(0)) dc.send(msg);
    };
    if (dc.readyState === "open") flush();
    this.unsubscribe.push(
      dc.stateChanged.subscribe((state) => {
        if (state === "open") flush();
        // The page closes the channel (or the whole connection) to hang up.
        if (state === "closed") void this.end("hangup");
      }).unSubscribe,
      dc.onMessage.subscribe((data) => this.command(data.toString())).unSubscribe,
    );
  }

  /**
   * Messages from the client: `{"type":"hangup"}`, `{"type":"text","text":"..."}` (typed input),
   * or `{"type":"location","latitude","longitude","accuracyM"?}` (the device moved).
   */
  private command(raw: string): void {
    let msg: { type?: unknown; text?: unknown; latitude?: unknown; longitude?: unknown; accuracyM?: unknown; mocked?: unknown };
    try {
      msg = JSON.parse(raw) as typeof msg;
    } catch {
      return;
    }
    if (msg.type === "hangup") void this.end("hangup");
    else if (msg.type === "text" && typeof msg.text === "string") this.voice?.pushText(msg.text.slice(0, 2000));
    else if (msg.type === "location") this.located(msg);
  }

  /** A location from the page, taken only when it is a real point on Earth. */
  private located(msg: { latitude?: unknown; longitude?: unknown; accuracyM?: unknown; mocked?: unknown }): void {
    const { latitude, longitude, accuracyM } = msg;
    if (typeof latitude !== "number" || typeof longitude !== "number" || !(Math.abs(latitude) <= 90) || !(Math.abs(longitude) <= 180)) return;
    const accuracy = typeof accuracyM === "number" && accuracyM >= 0 ? { accuracyM } : {};
    this.place.location = { latitude, longitude, ...accuracy, ...(msg.mocked === true ? { mocked: true } : {}) };
  }

  private sendEvent(event: VoiceEvent): void {
    const msg = JSON.stringify(event);
    if (this.channel?.readyState === "open") {
      try {
        this.channel.send(msg);
      } catch {
        // the channel closed under us; the state change ends the session
      }
    } else if (this.pendingEvents.length < MAX_PENDING_EVENTS) {
      this.pendingEvents.push(msg);
    }
  }

  private receive(payload: Buffer): void {
    this.lastPacketAt = performance.now();
    if (!this.voice || payload.length === 0) return;
    let pcm: Int16Array;
    try {
      const bytes = this.decoder.decode(payload);
      pcm = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
    } catch {
      return; // a corrupt packet: skip it, as a jitter buffer would
    }
    this.voice.pushAudio(this.inbound ? this.inbound.process(pcm) : pcm);
  }

  private sendAudio(frame: Int16Array): void {
    const at48k = this.outbound ? this.outbound.process(frame) : frame;
    const now = performance.now();
    for (const f of this.outFrames.push(at48k)) {
      // After a silence, move the clock on by the silent time so playback is not bunched up.
      const gapMs = now - this.lastSentAt;
      const marker = this.lastSentAt === 0 || gapMs > 100;
      if (marker && this.lastSentAt !== 0) this.timestamp = (this.timestamp + Math.round(gapMs / 20) * OPUS_FRAME) >>> 0;
      this.lastSentAt = now;
      let payload: Buffer;
      try {
        payload = this.encoder.encode(Buffer.from(f.buffer, f.byteOffset, f.byteLength), OPUS_FRAME);
      } catch {
        continue;
      }
      const header = new RtpHeader({ payloadType: 111, sequenceNumber: this.sequence, timestamp: this.timestamp, marker });
      this.sequence = (this.sequence + 1) & 0xffff;
      this.timestamp = (this.timestamp + OPUS_FRAME) >>> 0;
      this.transceiver.sender.sendRtp(new RtpPacket(header, payload)).catch(() => {});
    }
  }
}
