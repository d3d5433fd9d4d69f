import { describe, expect, it } from "vitest";
import { SentenceSplitter, splitSentences, synthesizeBySentence, type Tts } from "../../../src/voice/tts/tts.ts";

describe("sentence splitter", () => {
  it("splits English on . ! ? followed by a space", () => {
    expect(splitSentences("Checked in at 8:57, on time. To undo, say cancel! Anything else?")).toEqual([
      "Checked in at 8:57, on time.",
      "To undo, say cancel!",
      "Anything else?",
    ]);
  });

  it("splits Chinese on 。！？； with no space after them", () => {
    expect(splitSentences("你本月应出勤21天，已出勤18天。迟到3次；目前仍是全勤！还有问题吗？")).toEqual([
      "你本月应出勤21天，已出勤18天。",
      "迟到3次；",
      "目前仍是全勤！",
      "还有问题吗？",
    ]);
  });

  it("does not split decimals, times or common abbreviations", () => {
    expect(splitSentences("It is 8.57 now. Dr. Wang, e.g. you. Done")).toEqual(["It is 8.57 now.", "Dr. Wang, e.g. you.", "Done"]);
  });

  it("keeps closing quotes with their sentence and mixes languages", () => {
    expect(splitSentences("他说：“好的。”Then he left. 然后呢？")).toEqual(["他说：“好的。”", "Then he left.", "然后呢？"]);
  });

  it("emits each sentence as soon as streamed text completes it", () => {
    const s = new SentenceSplitter();
    expect(s.push("Checked in at 8")).toEqual([]);
    expect(s.push(".")).toEqual([]); // may be "8.57"
    expect(s.push("57. Next")).toEqual(["Checked in at 8.57."]);
    expect(s.push("。好")).toEqual(["Next。"]);
    expect(s.flush()).toEqual(["好"]);
  });
});

describe("synthesis by sentence", () => {
  it("starts speaking the first sentence before the text has finished", async () => {
    const spoken: string[] = [];
    const tts: Tts = {
      name: "fake",
      languages: ["en", "zh"],
      available: () => ({ ok: true }),
      async *synthesize(text, { language }) {
        spoken.push(`${language}:${text}`);
        yield { pcm: new Int16Array(160), sampleRate: 16_000 };
      },
    };
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    async function* text() {
      yield "Hello there. ";
      await gate;
      yield "你好。";
    }
    const it = synthesizeBySentence(tts, text())[Symbol.asyncIterator]();
    const first = await it.next();
    expect(first.value).toMatchObject({ sentence: "Hello there.", index: 0 });
    release();
    const rest = [];
    for (let r = await it.next(); !r.done; r = await it.next()) rest.push(r.value.sentence);
    expect(rest).toEqual(["你好。"]);
    expect(spoken).toEqual(["en:Hello there.", "zh:你好。"]);
  });
});
