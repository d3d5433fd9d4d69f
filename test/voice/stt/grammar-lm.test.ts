import { describe, expect, it } from "vitest";
import { grammarLanguageModel, parseJsgf, sampleSentences } from "../../../src/voice/stt/grammar-lm.ts";

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

  it("is the same on every run", () => {
    expect(grammarLanguageModel(GRAMMAR, 500)).toBe(grammarLanguageModel(GRAMMAR, 500));
  });
});
