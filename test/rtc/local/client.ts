/**
 * A werift WebRTC client that behaves like the web page: one sendrecv audio transceiver with
 * Opus, an "events" data channel created before the offer, a complete (non-trickle) offer.
 */
import OpusScript from "opusscript";
import { RTCPeerConnection, RtpHeader, RtpPacket, useOPUS, type RTCDataChannel } from "werift";
import { Resampler, sliceFrames } from "../../../src/voice/audio.ts";

export interface TestClient {
  sessionId: string;
  events: Record<string, unknown>[];
  /** Decoded reply audio, 48 kHz frames, with arrival times. */
  received: { at: number; pcm: Int16Array }[];
  channel: RTCDataChannel;
  /** Sends 16 kHz audio as paced 20 ms Opus packets; silence is sent between calls, like a live microphone. */
  speak(pcm16k: Int16Array): Promise<void>;
  waitForEvent(pred: (e: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves once `cond` holds (checked every 10 ms); rejects after `timeoutMs`. */
  waitFor(cond: () => boolean, timeoutMs?: number): Promise<void>;
  /** Stops sending without a word, as a crashed tab or lost network would. */
  vanish(): Promise<void>;
  close(): Promise<void>;
}

export async function connectClient(offer: (sdp: string) => Promise<{ sdp: string; sessionId: string }>): Promise<TestClient> {
  // max-bundle: otherwise werift, as offerer, opens a second transport it never closes.
  const pc = new RTCPeerConnection({ codecs: { audio: [useOPUS()] }, bundlePolicy: "max-bundle" });
  const transceiver = pc.addTransceiver("audio", { direction: "sendrecv" });
  const decoder = new OpusScript(48_000, 1, OpusScript.Application.VOIP);
  const encoder = new OpusScript(48_000, 1, OpusScript.Application.VOIP);
  const received: TestClient["received"] = [];
  const events: TestClient["events"] = [];
  transceiver.onTrack.subscribe((track) =>
    track.onReceiveRtp.subscribe((rtp) => {
      const bytes = decoder.decode(rtp.payload);
      received.push({ at: performance.now(), pcm: new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)) });
    }),
  );
  const channel = pc.createDataChannel("events");
  channel.onMessage.subscribe((m) => events.push(JSON.parse(m.toString()) as Record<string, unknown>));
  await pc.setLocalDescription(await pc.createOffer());
  const answer = await offer(pc.localDescription!.sdp);
  await pc.setRemoteDescription({ type: "answer", sdp: answer.sdp });
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error("data channel did not open")), 30_000);
    if (channel.readyState === "open") return clearTimeout(t), resolve();
    channel.stateChanged.subscribe((s) => s === "open" && (clearTimeout(t), resolve()));
  });

  let seq = 0;
  let ts = 0;
  let queue: Int16Array[] = [];
  let live = true;
  const silence = new Int16Array(960);
  const upsampler = new Resampler(16_000, 48_000);
  // A microphone never stops: one packet every 20 ms, speech when there is some, else silence.
  const pump = setInterval(() => {
    if (!live) return;
    const frame = queue.shift() ?? silence;
    const payload = encoder.encode(Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength), 960);
    void transceiver.sender.sendRtp(new RtpPacket(new RtpHeader({ sequenceNumber: seq, timestamp: ts, marker: seq === 0 }), payload)).catch(() => {});
    seq = (seq + 1) & 0xffff;
    ts = (ts + 960) >>> 0;
  }, 20);

  const waitForEvent: TestClient["waitForEvent"] = (pred, timeoutMs = 15_000) =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const poll = setInterval(() => {
        const hit = events.find(pred);
        if (hit) clearInterval(poll), resolve(hit);
        else if (performance.now() - started > timeoutMs) {
          clearInterval(poll);
          reject(new Error(`no such event; got ${events.map((e) => e.type).join(",")}`));
        }
      }, 10);
    });

  const stop = async () => {
    live = false;
    clearInterval(pump);
    await pc.close();
    decoder.delete();
    encoder.delete();
  };

  return {
    sessionId: answer.sessionId,
    events,
    received,
    channel,
    async speak(pcm16k) {
      queue.push(...sliceFrames(upsampler.process(pcm16k), 48_000));
      while (queue.length) await new Promise((r) => setTimeout(r, 20));
    },
    waitForEvent,
    waitFor: waitUntil,
    vanish: stop,
    close: stop,
  };
}

/** Resolves once `cond` holds (checked every 10 ms); rejects after `timeoutMs`. */
export function waitUntil(cond: () => boolean, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const poll = setInterval(() => {
      if (cond()) clearInterval(poll), resolve();
      else if (performance.now() - started > timeoutMs) clearInterval(poll), reject(new Error("the condition did not come true"));
    }, 10);
  });
}
