/**
 * A scripted stand-in for `POST /api/rtc/offer`: a real werift peer that answers the browser's
 * offer, counts the microphone's RTP packets, and once audio flows plays a turn of events on the
 * browser's "events" data channel, shaped as src/voice/session.ts emits them. It checks the
 * browser half of the transport (offer with complete ICE, data channel, mic upstream) and how the
 * page shows a turn; the real voice pipeline is test/web/voice.test.ts.
 */
import { RTCPeerConnection, type RTCDataChannel } from "werift";
import type { Employee } from "../../src/attendance/types.ts";
import type { LocalRtc } from "../../src/rtc/local/rtc.ts";
import type { ServerVoiceEvent } from "../../web/src/voice/events.ts";

export interface FakeRtc {
  /** Stands in for the local WebRTC transport: the real signalling route calls it. */
  rtc: LocalRtc<Employee>;
  /** Per offer: who sent it, the data channel labels seen, and mic packets received. */
  sessions: { login: string; channels: string[]; packets: number; offerHadCandidates: boolean }[];
  close(): Promise<void>;
}

/** The turn the fake plays once 20 packets (about 0.4 s) of microphone audio have arrived. */
export const SCRIPTED_TURN: ServerVoiceEvent[] = [
  { type: "state", state: "listening" },
  { type: "user-speech", speaking: true },
  { type: "transcript", role: "user", turnId: 1, text: "check me", final: false, language: "en" },
  { type: "user-speech", speaking: false },
  { type: "transcript", role: "user", turnId: 1, text: "check me in", final: true, language: "en" },
  { type: "state", state: "thinking" },
  { type: "tool-call", turnId: 1, name: "checkIn", args: {} },
  { type: "tool-result", turnId: 1, name: "checkIn", result: { ok: true } },
  { type: "agent-text", turnId: 1, delta: "Checked in at 9:20, " },
  { type: "state", state: "speaking" },
  { type: "agent-text", turnId: 1, delta: "20 minutes late." },
  {
    type: "transcript",
    role: "agent",
    turnId: 1,
    text: "Checked in at 9:20, 20 minutes late.",
    final: true,
    language: "en",
    interrupted: false,
    spokenText: "Checked in at 9:20, 20 minutes late.",
    toolCalls: [{ name: "checkIn", args: {}, result: { ok: true } }],
  },
  { type: "metrics", turnId: 1, speechEndMs: 300, sttDoneMs: 340, firstTextMs: 352, firstAudioMs: 420, e2eLatencyMs: 420, utteranceMs: 900, replyAudioMs: 2100, interrupted: false },
  { type: "state", state: "listening" },
];

export function fakeRtc(): FakeRtc {
  const peers: RTCPeerConnection[] = [];
  const sessions: FakeRtc["sessions"] = [];
  const offer = async (sdp: string, user: Employee) => {
    const session = { login: user.login, channels: [] as string[], packets: 0, offerHadCandidates: /a=candidate:/.test(sdp) };
    sessions.push(session);
    const pc = new RTCPeerConnection({});
    peers.push(pc);
    let channel: RTCDataChannel | undefined;
    let played = false;
    const play = () => {
      if (played || !channel || channel.readyState !== "open" || session.packets < 20) return;
      played = true;
      SCRIPTED_TURN.forEach((event, i) => setTimeout(() => channel!.send(JSON.stringify(event)), 30 * i));
    };
    // The transceiver added here is the one the offer's audio section binds to.
    const transceiver = pc.addTransceiver("audio", { direction: "sendrecv" });
    transceiver.onTrack.subscribe((track) =>
      track.onReceiveRtp.subscribe(() => {
        session.packets++;
        play();
      }),
    );
    pc.onDataChannel.subscribe((dc) => {
      session.channels.push(dc.label);
      channel = dc;
      dc.stateChanged.subscribe(() => play());
      play();
    });
    await pc.setRemoteDescription({ type: "offer", sdp });
    await pc.setLocalDescription(await pc.createAnswer());
    return { sdp: pc.localDescription!.sdp, sessionId: `fake-${sessions.length}` };
  };
  return {
    rtc: { offer, sessionCount: () => sessions.length, closeAll: async () => undefined },
    sessions,
    close: async () => {
      await Promise.all(peers.map((pc) => pc.close().catch(() => undefined)));
    },
  };
}
