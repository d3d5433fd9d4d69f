import type { IAgoraRTC } from "agora-rtc-sdk-ng";
import { describe, expect, it } from "vitest";
import { joinAgora, type AgoraCallState, type AgoraSession } from "../../../web/agora/index.ts";

const session: AgoraSession = {
  appId: "970CA35de60c44645bbae8a215061b33",
  channel: "att-wang-0a1b2c3d",
  token: "007token",
  uid: 10001,
  agentId: "agent-1",
  agentUid: 20002,
};

/** A scripted stand-in for agora-rtc-sdk-ng, recording what the module asks of it. */
function fakeSdk(options: { failJoin?: boolean } = {}) {
  const calls: unknown[][] = [];
  const listeners = new Map<string, (...args: any[]) => unknown>();
  const microphone = {
    closed: false,
    muted: false,
    close() {
      this.closed = true;
    },
    async setMuted(muted: boolean) {
      this.muted = muted;
    },
  };
  const played: unknown[] = [];
  const client = {
    on(event: string, listener: (...args: any[]) => unknown) {
      listeners.set(event, listener);
    },
    removeAllListeners() {
      listeners.clear();
    },
    async join(...args: unknown[]) {
      calls.push(["join", ...args]);
      if (options.failJoin) throw new Error("CAN_NOT_GET_GATEWAY_SERVER: invalid token");
    },
    async publish(track: unknown) {
      calls.push(["publish", track === microphone]);
    },
    async subscribe(user: { uid: number }, mediaType: string) {
      calls.push(["subscribe", user.uid, mediaType]);
      return { play: () => played.push(user.uid) };
    },
    async leave() {
      calls.push(["leave"]);
    },
  };
  const sdk = {
    createClient(config: unknown) {
      calls.push(["createClient", config]);
      return client;
    },
    async createMicrophoneAudioTrack(config: unknown) {
      calls.push(["createMicrophoneAudioTrack", config]);
      return microphone;
    },
  };
  const emit = (event: string, ...args: unknown[]) => listeners.get(event)?.(...args);
  return { sdk: sdk as unknown as IAgoraRTC, calls, emit, microphone, played, listeners };
}

function chunk(id: string, message: object): Uint8Array {
  const base64 = Buffer.from(JSON.stringify(message)).toString("base64");
  return new TextEncoder().encode(`${id}|1|1|${base64}`);
}

describe("joinAgora in the browser", () => {
  it("joins with the token, publishes the microphone with AEC, ANS and AGC, and plays only the agent", async () => {
    const fake = fakeSdk();
    const states: AgoraCallState[] = [];
    const call = await joinAgora(session, { onState: (s) => states.push(s) }, { loadSdk: async () => fake.sdk });

    expect(fake.calls.slice(0, 4)).toEqual([
      ["createClient", { mode: "rtc", codec: "vp8" }],
      ["join", session.appId, session.channel, session.token, session.uid],
      ["createMicrophoneAudioTrack", { AEC: true, ANS: true, AGC: true }],
      ["publish", true],
    ]);
    await fake.emit("user-published", { uid: 30003 }, "audio");
    await fake.emit("user-published", { uid: session.agentUid }, "video");
    await fake.emit("user-published", { uid: session.agentUid }, "audio");
    expect(fake.played).toEqual([session.agentUid]);
    expect(states).toEqual(["connecting", "connected", "agent-ready"]);

    await call.setMuted(true);
    expect(fake.microphone.muted).toBe(true);
    await call.leave();
    await call.leave();
    expect(fake.microphone.closed).toBe(true);
    expect(fake.calls.filter((c) => c[0] === "leave")).toHaveLength(1);
    expect(fake.listeners.size).toBe(0);
    expect(states.at(-1)).toBe("disconnected");
  });

  it("turns the agent's stream messages into a transcript", async () => {
    const fake = fakeSdk();
    const seen: string[][] = [];
    const call = await joinAgora(
      session,
      { onTranscript: (items) => seen.push(items.map((i) => `${i.role}:${i.text}${i.final ? "" : "…"}`)) },
      { loadSdk: async () => fake.sdk },
    );
    fake.emit("stream-message", session.agentUid, chunk("a", { object: "user.transcription", text: "check", turn_id: 1, final: false }));
    fake.emit("stream-message", 30003, chunk("b", { object: "user.transcription", text: "spoofed", turn_id: 9, final: true }));
    fake.emit("stream-message", session.agentUid, chunk("c", { object: "user.transcription", text: "check me in", turn_id: 1, final: true }));
    expect(seen).toEqual([["user:check…"], ["user:check me in"]]);
    expect(call.transcript()).toHaveLength(1);
  });

  it("reports failure, releases everything and rejects when joining fails", async () => {
    const fake = fakeSdk({ failJoin: true });
    const states: Array<[AgoraCallState, string | undefined]> = [];
    await expect(
      joinAgora(session, { onState: (s, d) => states.push([s, d]) }, { loadSdk: async () => fake.sdk }),
    ).rejects.toThrow("invalid token");
    expect(states.at(-1)).toEqual(["failed", "CAN_NOT_GET_GATEWAY_SERVER: invalid token"]);
    expect(fake.calls.some((c) => c[0] === "createMicrophoneAudioTrack")).toBe(false);
    expect(fake.calls.at(-1)).toEqual(["leave"]);
  });
});
