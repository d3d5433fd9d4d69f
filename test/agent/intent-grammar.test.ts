import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { jsgfGrammar } from "../../src/agent/intent/grammar.ts";
import { understand } from "../../src/agent/intent/index.ts";

const MODEL_DIR = "/usr/share/pocketsphinx/model/en-us";
const HMM = path.join(MODEL_DIR, "en-us");
const DICT = path.join(MODEL_DIR, "cmudict-en-us.dict");

const which = (bin: string) => spawnSync("which", [bin], { encoding: "utf8" }).status === 0;
const grammar = jsgfGrammar();
const ruleBodies = new Map<string, string>();
for (const m of grammar.matchAll(/^(?:public\s+)?<([\w]+)>\s*=\s*([\s\S]*?);$/gm)) ruleBodies.set(m[1], m[2]);
const words = new Set([...ruleBodies.values()].flatMap((b) => b.replace(/<[\w]+>|\/[\d.]+\//g, " ").split(/[\s()[\]|]+/).filter(Boolean)));

describe("jsgfGrammar", () => {
  it("is a JSGF 1.0 grammar named attendance with a public <utterance>", () => {
    expect(grammar.startsWith("#JSGF V1.0;")).toBe(true);
    expect(grammar).toContain("grammar attendance;");
    expect(grammar).toMatch(/^public <utterance> = /m);
  });

  it("defines every rule it references", () => {
    const referenced = new Set([...grammar.matchAll(/<([\w]+)>/g)].map((m) => m[1]));
    for (const r of referenced) expect(ruleBodies.has(r), `<${r}>`).toBe(true);
  });

  it("uses lower-case words only, with numbers spelled out", () => {
    for (const w of words) expect(w, w).toMatch(/^[a-z']+$/);
    expect(words).toContain("twenty");
    expect(words).toContain("december");
    expect(words).toContain("bereavement");
  });

  it("has brackets that balance in every rule", () => {
    for (const [name, body] of ruleBodies) {
      let depth = 0;
      for (const ch of body) {
        if (ch === "(" || ch === "[") depth++;
        if (ch === ")" || ch === "]") depth--;
        expect(depth, name).toBeGreaterThanOrEqual(0);
      }
      expect(depth, name).toBe(0);
    }
  });

  it.skipIf(!existsSync(DICT))("uses only words of the pocketsphinx dictionary", () => {
    const dict = new Set(readFileSync(DICT, "utf8").split("\n").map((l) => l.split(" ")[0]));
    expect([...words].filter((w) => !dict.has(w))).toEqual([]);
  });
});

// Speaking to pocketsphinx needs the recogniser, its English model, a voice and a converter.
const missing = [
  which("pocketsphinx_continuous") || which("pocketsphinx") ? null : "pocketsphinx (apt-get install pocketsphinx)",
  existsSync(HMM) && existsSync(DICT) ? null : `its model in ${MODEL_DIR} (apt-get install pocketsphinx-en-us)`,
  which("espeak-ng") ? null : "espeak-ng",
  which("sox") ? null : "sox",
].filter((x): x is string => x !== null);
if (missing.length) console.warn(`skipping the pocketsphinx grammar test: missing ${missing.join(", ")}`);

describe("pocketsphinx with the generated grammar", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "intent-jsgf-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function recognise(phrase: string): { status: number | null; text: string; log: string } {
    const gram = path.join(dir, "attendance.gram");
    if (!existsSync(gram)) writeFileSync(gram, grammar);
    const raw = path.join(dir, "raw.wav");
    const wav = path.join(dir, "speech.wav");
    expect(spawnSync("espeak-ng", ["-w", raw, phrase]).status).toBe(0);
    expect(spawnSync("sox", [raw, "-r", "16000", "-c", "1", "-b", "16", wav]).status).toBe(0);
    const r = which("pocketsphinx_continuous")
      ? spawnSync("pocketsphinx_continuous", ["-infile", wav, "-jsgf", gram, "-hmm", HMM, "-dict", DICT], { encoding: "utf8", timeout: 600_000 })
      : spawnSync("pocketsphinx", ["-hmm", HMM, "-dict", DICT, "-jsgf", gram, "single", wav], { encoding: "utf8", timeout: 600_000 });
    // pocketsphinx 5 prints JSON ({"t": "..."}); the older pocketsphinx_continuous prints the text.
    const out = r.stdout.trim();
    const text = out.startsWith("{") ? String(JSON.parse(out.split("\n")[0]).t ?? "") : out;
    return { status: r.status, text, log: r.stderr };
  }

  it.skipIf(missing.length > 0)("loads the grammar and hears commands the intent model understands", () => {
    const now = { now: new Date("2026-11-26T18:05:00+08:00"), timeZone: "Asia/Shanghai" };
    const phrases: Array<[string, string]> = [
      ["check me out", "checkOut"],
      ["clock out", "checkOut"],
      ["show my leave requests", "listMyLeaves"],
      ["approve leave twelve", "approveLeave"],
      ["i need a personal day tomorrow", "requestLeave"],
    ];
    let understood = 0;
    for (const [phrase, tool] of phrases) {
      const r = recognise(phrase);
      expect(r.status, r.log.slice(-500)).toBe(0);
      expect(r.log).not.toMatch(/missing in the dictionary|Failed to parse|jsgf.*error/i);
      const u = understand(r.text, now);
      if (u.kind === "tool" && u.tool === tool) understood++;
      else console.warn(`pocketsphinx heard ${JSON.stringify(r.text)} for ${JSON.stringify(phrase)}`);
    }
    // Synthetic speech against a large grammar is not always heard right; most must be.
    expect(understood).toBeGreaterThanOrEqual(3);
    // Building the grammar's search takes ~2 CPU-seconds a call; a machine shared by many jobs stretches that a lot.
  }, 1_800_000);
});
