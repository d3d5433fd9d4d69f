/**
 * Voice over a direct WebRTC connection to this server (werift on the other end): the
 * microphone goes up as Opus, the reply comes back as Opus, and events arrive on the "events"
 * data channel. Signalling is one HTTP round trip: the complete offer (ICE gathering finished,
 * no trickle) to `POST /api/rtc/offer`, the answer back.
 */
import { api, ApiError } from "../api.ts";
import type { PunchLocation } from "../components/punch-place.ts";
import { EVENTS_CHANNEL, parseVoiceEvent, type ServerVoiceEvent } from "./events.ts";

export interface LocalCallHandlers {
  onEvent(event: ServerVoiceEvent): void;
  /** The connection dropped or failed after it was up. */
  onClosed(reason: string): void;
}

export interface LocalCall {
  sessionId: string;
  /** Sends or silences the microphone (push-to-talk) without renegotiating. */
  setMicEnabled(enabled: boolean): void;
  /** Tells the server where the device is now (a spoken punch is judged by it). */
  sendLocation(location: PunchLocation): void;
  close(): void;
}

/** Microphone constraints: the speaker's own reply must not come back as speech. */
export const MIC_CONSTRAINTS: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true, channelCount: 1 };

/** Resolves when ICE gathering is complete, or after `timeoutMs` with what has been gathered. */
function gatheringComplete(pc: RTCPeerConnection, timeoutMs = 3000): Promise<void> {
  if (pc.iceGatheringState === "complete") return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      pc.removeEventListener("icegatheringstatechange", check);
      resolve();
    };
    const check = () => {
      if (pc.iceGatheringState === "complete") done();
    };
    const timer = setTimeout(done, timeoutMs);
    pc.addEventListener("icegatheringstatechange", check);
  });
}

/**
 * Connects; `microphone` is a stream from getUserMedia, `speaker` plays the reply, `location`
 * where the device is when the person's punches need one.
 */
export async function connectLocal(microphone: MediaStream, speaker: HTMLAudioElement, handlers: LocalCallHandlers, location?: PunchLocation): Promise<LocalCall> {
  const pc = new RTCPeerConnection({ iceServers: [] });
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    pc.close();
    speaker.srcObject = null;
  };
  try {
    // The channel is created before the offer so it is part of the negotiated SDP.
    const channel = pc.createDataChannel(EVENTS_CHANNEL, { ordered: true });
    channel.addEventListener("message", (e) => {
      const event = parseVoiceEvent(e.data);
      if (event) handlers.onEvent(event);
    });
    const [track] = microphone.getAudioTracks();
    pc.addTransceiver(track, { direction: "sendrecv", streams: [microphone] });
    pc.addEventListener("track", (e) => {
      speaker.srcObject = e.streams[0] ?? new MediaStream([e.track]);
      void speaker.play().catch(() => undefined);
    });
    pc.addEventListener("connectionstatechange", () => {
      if (closed) return;
      if (pc.connectionState === "failed" || pc.connectionState === "closed") {
        close();
        handlers.onClosed(pc.connectionState);
      }
    });

    await pc.setLocalDescription(await pc.createOffer());
    await gatheringComplete(pc);
    const answer = await api.rtcOffer(pc.localDescription!.sdp, location);
    await pc.setRemoteDescription({ type: "answer", sdp: answer.sdp });
    return {
      sessionId: answer.sessionId,
      setMicEnabled(enabled) {
        track.enabled = enabled;
      },
      sendLocation(where) {
        if (channel.readyState === "open") channel.send(JSON.stringify({ type: "location", ...where }));
      },
      close,
    };
  } catch (error) {
    close();
    throw error;
  }
}

/** A getUserMedia failure in words the page can show: which notice applies. */
export function microphoneProblem(error: unknown): "mic.denied" | "mic.missing" | "mic.unsupported" | undefined {
  const name = (error as { name?: string })?.name;
  if (name === "NotAllowedError" || name === "SecurityError" || name === "PermissionDeniedError") return "mic.denied";
  if (name === "NotFoundError" || name === "OverconstrainedError" || name === "NotReadableError") return "mic.missing";
  if (name === "TypeError" && !navigator.mediaDevices) return "mic.unsupported";
  return undefined;
}

/** True when the server has no voice endpoint (an older or voice-less server). */
export function isMissingEndpoint(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 503);
}
