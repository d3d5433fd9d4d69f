import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SphinxStt, grammarWords } from "../../../src/voice/stt/sphinx.ts";
import { sttSuite } from "./suite.ts";

/** Stands in for the intent grammar until src/agent/intent/grammar.ts provides jsgfGrammar(). */
const FALLBACK_GRAMMAR = `#JSGF V1.0;
grammar attendance;
public <command> = <checkin> | <checkout> | how is my attendance this month;
<checkin> = (check | clock) me in [please];
<checkout> = (check | clock) me out [please];
`;

async function grammar(): Promise<string> {
  const path = new URL("../../../src/agent/intent/grammar.ts", import.meta.url);
  if (!existsSync(path)) return FALLBACK_GRAMMAR;
  const mod = (await import(path.href)) as { jsgfGrammar: () => string };
  return mod.jsgfGrammar();
}

const probe = new SphinxStt({ grammar: FALLBACK_GRAMMAR });
const status = probe.available();

sttSuite("sphinx", async () => ({ stt: new SphinxStt({ grammar: await grammar() }) }), status.ok ? undefined : status.missing);

describe("sphinx grammar handling", () => {
  it("lists a grammar's words", () => {
    expect(grammarWords(FALLBACK_GRAMMAR).sort()).toEqual(
      ["attendance", "check", "clock", "how", "in", "is", "me", "month", "my", "out", "please", "this"].sort(),
    );
  });

  it.skipIf(!status.ok)("names grammar words missing from the dictionary, and fails clearly on them", async () => {
    const stt = new SphinxStt({ grammar: "#JSGF V1.0;\ngrammar g;\npublic <s> = check me in | wfhx today;\n", keepWarm: false });
    expect(stt.unknownWords()).toEqual(["wfhx"]);
    await expect(stt.transcribe({ pcm: new Int16Array(16000), sampleRate: 16_000 })).rejects.toThrow(/wfhx/);
    await stt.close();
  });

  it("says what to install when the binary is missing", () => {
    const stt = new SphinxStt({ grammar: FALLBACK_GRAMMAR, binary: undefined, modelDir: "/nonexistent" });
    expect(stt.available()).toEqual({ ok: false, missing: "apt-get install pocketsphinx pocketsphinx-en-us" });
  });
});
