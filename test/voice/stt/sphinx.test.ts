import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SphinxStt } from "../../../src/voice/stt/sphinx.ts";
import { compoundPronunciation, grammarWords, spelledPronunciation } from "../../../src/voice/stt/sphinx-words.ts";
import { checkMeIn, concatPcm, silence } from "../testing/audio.ts";
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

  it.skipIf(!status.ok)("guesses pronunciations for words missing from the dictionary instead of refusing the grammar", async () => {
    const stt = new SphinxStt({ grammar: "#JSGF V1.0;\ngrammar g;\npublic <s> = check me in | wfhx today | timesheet;\n", keepWarm: false });
    expect(stt.unknownWords()).toEqual(["wfhx", "timesheet"]);
    const t = await stt.transcribe({ pcm: concatPcm([silence(200), checkMeIn(), silence(300)]), sampleRate: 16_000 });
    expect(t.text).toBe("check me in");
    await stt.close();
  });

  it.skipIf(!status.ok)("gives its confidence as the weakest word's posterior, lower for a mumble than for clear speech", async () => {
    const stt = new SphinxStt({ grammar: await grammar(), keepWarm: false });
    const clear = await stt.transcribe({ pcm: concatPcm([silence(200), checkMeIn(), silence(300)]), sampleRate: 16_000 });
    expect(clear.text).toBe("check me in");
    expect(clear.confidence).toBeGreaterThan(0.1);
    expect(clear.confidence).toBeLessThanOrEqual(1);
    // The same words played backwards: whatever the decoder makes of it, it is not sure.
    const reversed = checkMeIn().slice().reverse();
    const mumble = await stt.transcribe({ pcm: concatPcm([silence(200), reversed, silence(300)]), sampleRate: 16_000 });
    if (mumble.text) expect(mumble.confidence).toBeLessThan(clear.confidence!);
    await stt.close();
  });

  it("builds a pronunciation from dictionary parts, else from spelling", () => {
    const dict = new Map([["time", ["T AY M"]], ["sheet", ["SH IY T"]]]);
    expect(compoundPronunciation("timesheet", dict)).toBe("T AY M SH IY T");
    expect(compoundPronunciation("wfhx", dict)).toBeUndefined();
    expect(spelledPronunciation("shelly")).toBe("SH EH L L IY");
  });

  it("says what to install when the binary is missing, or the model", () => {
    // A model folder that exists, so only the binary is missing.
    const modelDir = mkdtempSync(join(tmpdir(), "sphinx-model-"));
    mkdirSync(join(modelDir, "en-us"));
    writeFileSync(join(modelDir, "en-us", "mdef"), "");
    try {
      const hint = { ok: false, missing: "apt-get install pocketsphinx pocketsphinx-en-us" };
      const fakeBinary = join(modelDir, "pocketsphinx_continuous");
      expect(new SphinxStt({ grammar: FALLBACK_GRAMMAR, binary: join(modelDir, "no-such-binary"), modelDir }).available()).toEqual(hint);
      writeFileSync(fakeBinary, "#!/bin/sh\n", { mode: 0o755 });
      expect(new SphinxStt({ grammar: FALLBACK_GRAMMAR, binary: fakeBinary, modelDir }).available()).toEqual({ ok: true });
      expect(new SphinxStt({ grammar: FALLBACK_GRAMMAR, binary: fakeBinary, modelDir: join(modelDir, "nowhere") }).available()).toEqual(hint);
    } finally {
      rmSync(modelDir, { recursive: true, force: true });
    }
  });
});
