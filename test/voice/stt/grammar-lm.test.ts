import { describe, expect, it } from "vitest";
import { grammarLanguageModel, parseJsgf, sampleSentences } from "../../../src/voice/stt/grammar-lm.ts";
import { everydayWords } from "../../../src/voice/stt/everyday-words.ts";

/** log10 probability of each n-gram of one order in an ARPA text. */
function ngrams(arpa: string, order: number): Map<string, number> {
  const section = arpa.split(`\\${order}-grams:\n`)[1].split("\n\n")[0];
  return new Map(section.split("\n").map((l) => l.split(" ")).map((p) => [p.slice(1, order + 1).join(" "), Number(p[0])]));
}

const GRAMMAR = `#JSGF V1.0;
grammar g;
// comments are ignored
public <command> = [ please ] ( <in> | <out> ) | how is my <period> /2/ ;
<in> = (check | clock) me in;
<out> = (check | clock) me out {tag};
<period> = ( this | last ) month | today;
`;

describe("grammar language model", () => {
  it("samples only sentences the grammar accepts", () => {
    const sentences = sampleSentences(parseJsgf(GRAMMAR), 500).map((s) => s.join(" "));
    const accepted = /^(please )?(check|clock) me (in|out)$|^how is my ((this|last) month|today)$/;
    expect(sentences.every((s) => accepted.test(s))).toBe(true);
    expect(new Set(sentences).size).toBeGreaterThan(10);
  });

  it("writes an ARPA trigram model over the grammar's words", () => {
    const arpa = grammarLanguageModel(GRAMMAR, 2000);
    expect(arpa.startsWith("\\data\\\nngram 1=")).toBe(true);
    expect(arpa).toMatch(/\\3-grams:/);
    expect(arpa.trim().endsWith("\\end\\")).toBe(true);
    const unigrams = arpa.split("\\1-grams:\n")[1].split("\n\n")[0].split("\n").map((l) => l.split(" ")[1]);
    expect(unigrams.sort()).toEqual(
      ["</s>", "<s>", "check", "clock", "how", "in", "is", "last", "me", "month", "my", "out", "please", "this", "today"].sort(),
    );
  });

  it("mixes everyday words in at their share, so a word outside the grammar can be heard", () => {
    const background = { frequencies: new Map([["cold", 30], ["caught", 20], ["check", 50]]), weight: 0.2 };
    const arpa = grammarLanguageModel(GRAMMAR, 2000, background);
    const uni = ngrams(arpa, 1);
    expect(uni.has("cold") && uni.has("caught")).toBe(true);
    // "cold" has 30% of the background's mass, the background 20% of the unigrams'.
    expect(10 ** uni.get("cold")!).toBeCloseTo(0.2 * 0.3, 3);
    // Grammar words keep most of the probability, and the grammar's order still leads.
    const total = [...uni.values()].reduce((a, l) => a + 10 ** l, 0);
    expect(total).toBeCloseTo(1, 2);
    const without = ngrams(grammarLanguageModel(GRAMMAR, 2000), 2);
    const mixed = ngrams(arpa, 2);
    expect(10 ** mixed.get("me in")!).toBeCloseTo(0.8 * 10 ** without.get("me in")!, 2);
  });

  it("takes everyday words by spoken frequency, whole words the dictionary knows only", () => {
    const dictionary = new Set(["you", "i", "the", "to", "a", "it", "that", "and", "what", "me", "cold"]);
    const words = everydayWords(5, (w) => dictionary.has(w));
    expect([...words.keys()]).toEqual(["you", "i", "the", "to", "a"]);
    // Pieces of contractions ("s" of "it's", "don" of "don't") are not words.
    const all = [...everydayWords(3000, () => true).keys()];
    expect(all).not.toContain("s");
    expect(all).not.toContain("don");
    expect(all).toContain("cold");
  });

  it("is the same on every run", () => {
    expect(grammarLanguageModel(GRAMMAR, 500)).toBe(grammarLanguageModel(GRAMMAR, 500));
  });
});
