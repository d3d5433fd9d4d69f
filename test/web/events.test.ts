import { describe, expect, it } from "vitest";
import type { VoiceEvent } from "../../src/voice/session.ts";
import { applyVoiceEvent, parseVoiceEvent, type Line, type ServerVoiceEvent } from "../../web/src/voice/events.ts";
import { SCRIPTED_TURN } from "./fake-rtc.ts";

// The page's copy of the event type must accept everything the pipeline sends.
const compatible = (e: VoiceEvent): ServerVoiceEvent => e;
void compatible;

describe("voice events on the page", () => {
  it("turns a spoken turn into a user line and an assistant line with its latency", () => {
    const lines: Line[] = [];
    const states = SCRIPTED_TURN.map((e) => applyVoiceEvent(lines, parseVoiceEvent(JSON.stringify(e))!)).filter(Boolean);
    expect(states).toEqual(["listening", "thinking", "speaking", "listening"]);
    expect(lines).toEqual([
      { id: "voice-1-user", role: "user", text: "check me in", pending: false },
      {
        id: "voice-1-assistant",
        role: "assistant",
        text: "Checked in at 9:20, 20 minutes late.",
        pending: false,
        interrupted: false,
        tools: ["checkIn"],
        latency: { e2eMs: 420, firstTextMs: 352 },
      },
    ]);
  });

  it("shows an interim transcript as pending and ignores what it does not know", () => {
    const lines: Line[] = [];
    applyVoiceEvent(lines, { type: "transcript", role: "user", turnId: 2, text: "file annual", final: false });
    expect(lines[0]).toMatchObject({ text: "file annual", pending: true });
    expect(parseVoiceEvent("not json")).toBeUndefined();
    expect(parseVoiceEvent(JSON.stringify({ hello: 1 }))).toBeUndefined();
    expect(applyVoiceEvent(lines, { type: "something-new" } as unknown as ServerVoiceEvent)).toBeUndefined();
    expect(lines).toHaveLength(1);
  });
});
