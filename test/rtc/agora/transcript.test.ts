import { describe, expect, it } from "vitest";
import { parseStreamChunk, TranscriptAssembler } from "../../../src/rtc/agora/transcript.ts";

/** Encodes a message the way Agora's engine does and splits it into `parts` chunks. */
function chunks(messageId: string, message: object, parts = 1): string[] {
  const base64 = Buffer.from(JSON.stringify(message), "utf8").toString("base64");
  const size = Math.ceil(base64.length / parts);
  return Array.from({ length: parts }, (_, i) => `${messageId}|${i + 1}|${parts}|${base64.slice(i * size, (i + 1) * size)}`);
}

const user = (turn_id: number, text: string, final: boolean) => ({
  object: "user.transcription",
  text,
  turn_id,
  final,
  stream_id: 10001,
  user_id: "10001",
  language: "zh-CN",
});
const assistant = (turn_id: number, text: string, turn_status: number) => ({
  object: "assistant.transcription",
  text,
  turn_id,
  turn_status,
  turn_seq_id: 1,
  stream_id: 0,
  quiet: false,
});

describe("transcript parser", () => {
  it("parses the chunk header with a 1-based part index and an unknown total", () => {
    expect(parseStreamChunk("abc|1|3|eyJh")).toEqual({ messageId: "abc", partIndex: 1, partCount: 3, data: "eyJh" });
    expect(parseStreamChunk("abc|2|???|eyJh")).toMatchObject({ partCount: undefined });
    expect(parseStreamChunk("abc|0|3|x")).toBeUndefined();
    expect(parseStreamChunk("abc|4|3|x")).toBeUndefined();
    expect(parseStreamChunk("not a chunk")).toBeUndefined();
  });

  it("decodes a single-chunk UTF-8 message from bytes", () => {
    const t = new TranscriptAssembler();
    const [chunk] = chunks("m1", user(1, "我这个月考勤怎么样", true));
    const changed = t.push(new TextEncoder().encode(chunk));
    expect(changed).toEqual([
      { key: "user:1", turnId: 1, role: "user", text: "我这个月考勤怎么样", final: true, interrupted: false },
    ]);
  });

  it("reassembles a message split into chunks that arrive out of order", () => {
    const t = new TranscriptAssembler();
    const text = "你本月应出勤21天，已出勤18天，迟到3次，目前仍是全勤。";
    const parts = chunks("m2", assistant(1, text, 1), 4);
    expect(t.push(parts[2]!)).toEqual([]);
    expect(t.push(parts[0]!)).toEqual([]);
    expect(t.push(parts[3]!)).toEqual([]);
    expect(t.pendingCount).toBe(1);
    expect(t.push(parts[1]!)).toMatchObject([{ role: "assistant", turnId: 1, text, final: true }]);
    expect(t.pendingCount).toBe(0);
  });

  it("keeps interleaved messages apart by message id", () => {
    const t = new TranscriptAssembler();
    const a = chunks("a", user(2, "check me in", true), 2);
    const b = chunks("b", assistant(2, "Checked in at 8:57, on time.", 1), 2);
    t.push(a[0]!);
    t.push(b[1]!);
    t.push(b[0]!);
    t.push(a[1]!);
    expect(t.items().map((i) => [i.role, i.text])).toEqual([
      ["user", "check me in"],
      ["assistant", "Checked in at 8:57, on time."],
    ]);
  });

  it("replaces interim text with final text for the same turn, and ignores a late interim", () => {
    const t = new TranscriptAssembler();
    t.push(chunks("u1", user(3, "file annual", false))[0]!);
    t.push(chunks("u2", user(3, "file annual leave December 1", false))[0]!);
    t.push(chunks("u3", user(3, "file annual leave December 1 to 3", true))[0]!);
    expect(t.push(chunks("u4", user(3, "file annual leave Dec", false))[0]!)).toEqual([]);
    expect(t.items()).toEqual([
      { key: "user:3", turnId: 3, role: "user", text: "file annual leave December 1 to 3", final: true, interrupted: false },
    ]);
  });

  it("orders lines by turn with the greeting first, and marks an interrupted reply", () => {
    const t = new TranscriptAssembler();
    t.push(chunks("x1", assistant(1, "Your month so far", 0))[0]!);
    t.push(chunks("x2", user(1, "how is my month", true))[0]!);
    t.push(chunks("x0", assistant(0, "Hi, I'm your attendance assistant.", 1))[0]!);
    const interrupt = { object: "message.interrupt", message_id: "i", data_type: "message", turn_id: 1, start_ms: 5, send_ts: 9 };
    expect(t.push(chunks("x3", interrupt)[0]!)).toMatchObject([{ key: "assistant:1", final: true, interrupted: true }]);
    expect(t.items().map((i) => i.key)).toEqual(["assistant:0", "user:1", "assistant:1"]);
  });

  it("drops incomplete messages after the timeout and caps how many wait", () => {
    let now = 0;
    const t = new TranscriptAssembler({ pendingTimeoutMs: 1000, maxPendingMessages: 3, now: () => now });
    const stale = chunks("stale", user(4, "lost", true), 2);
    t.push(stale[0]!);
    now = 1500;
    t.push(stale[1]!); // its first half was dropped, so this starts a new incomplete message
    expect(t.items()).toEqual([]);

    for (let i = 0; i < 10; i++) t.push(chunks(`m${i}`, user(5, "x", true), 2)[0]!);
    expect(t.pendingCount).toBe(3);
  });

  it("ignores garbage, unknown totals, other message types and oversized announcements", () => {
    const t = new TranscriptAssembler({ maxParts: 8 });
    expect(t.push("hello")).toEqual([]);
    expect(t.push("m|1|1|not-base64!")).toEqual([]);
    expect(t.push("m|1|???|eyJ9")).toEqual([]);
    expect(t.push("m|1|9|eyJ9")).toEqual([]);
    expect(t.push(chunks("m", { object: "message.metrics", turn_id: 1, module: "llm" })[0]!)).toEqual([]);
    expect(t.pendingCount).toBe(0);
    expect(t.items()).toEqual([]);
  });

  it("keeps only the latest lines", () => {
    const t = new TranscriptAssembler({ maxItems: 3 });
    for (let turn = 1; turn <= 5; turn++) t.push(chunks(`m${turn}`, user(turn, `turn ${turn}`, true))[0]!);
    expect(t.items().map((i) => i.turnId)).toEqual([3, 4, 5]);
  });
});
