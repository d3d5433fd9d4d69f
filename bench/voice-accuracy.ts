/**
 * Spoken accuracy by condition, on the project's own requests (bench/voice-cases.jsonl): each
 * sentence is spoken by Debian voices (flite slt / rms / awb, festival kal, espeak-ng), then
 * slowed, sped up, mixed with pink noise at 15 dB SNR, or played in a small room (sox reverb),
 * transcribed by the server's recogniser and answered by the real agent on a scratch copy of
 * the demo organisation, every turn rolled back. Audio is made at run time (cached in the
 * temp folder), never committed.
 *
 * A request passes when it calls the expected tool with the expected arguments and no other
 * state-changing tool (or, when none is expected, no state-changing tool). "misheard actions"
 * counts state-changing calls that were not asked for: the number that must be 0.
 *
 * Run: `npx tsx bench/voice-accuracy.ts [--conditions slt,rms-pink] [--limit N]`. Needs
 * `apt-get install flite festival festvox-kallpc16k espeak-ng sox pocketsphinx pocketsphinx-en-us`.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { jsgfGrammar } from "../src/agent/intent/grammar.ts";
import { createAgent, openSystem } from "../src/system.ts";
import { loadConfig } from "../src/config.ts";
import { readWav } from "../src/voice/audio.ts";
import { findExecutable } from "../src/voice/engine.ts";
import { SphinxStt } from "../src/voice/stt/sphinx.ts";

interface Case {
  id: string;
  text: string;
  user: string;
  now: string;
  expect: { tool: string | null; args: Record<string, unknown> };
}

const MUTATING = new Set(["checkIn", "checkOut", "requestLeave", "cancelLeave", "approveLeave", "rejectLeave", "requestCorrection", "requestOvertime"]);
const CONDITIONS = ["slt", "rms", "awb", "festival", "espeak", "slt-slow", "slt-fast", "rms-pink", "awb-reverb"];
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};

function sox(args: string[]): void {
  execFileSync("sox", ["-R", "-q", ...args]);
}

/** Clean speech of one voice, 16 kHz mono, padded and normalised as the public set does. */
function speak(voice: string, text: string, dest: string): void {
  const raw = `${dest}.raw.wav`;
  if (voice === "festival") execFileSync("text2wave", ["-eval", "(voice_kal_diphone)", "-o", raw], { input: text });
  else if (voice === "espeak") execFileSync("espeak-ng", ["-v", "en-us", "-w", raw, text]);
  else execFileSync("flite", ["-voice", voice, "-t", text, "-o", raw]);
  sox([raw, "-r", "16000", "-c", "1", "-b", "16", dest, "remix", "-", "pad", "0.3", "0.3", "norm", "-3"]);
  rmSync(raw);
}

/** The clip of a case in a condition, made once. */
function clip(dir: string, condition: string, c: Case): string {
  const dest = path.join(dir, condition, `${c.id}.wav`);
  if (existsSync(dest)) return dest;
  mkdirSync(path.dirname(dest), { recursive: true });
  const [voice, treatment] = condition.split("-");
  if (!treatment) {
    speak(voice, c.text, dest);
    return dest;
  }
  const clean = clip(dir, voice, c);
  if (treatment === "slow") sox([clean, dest, "tempo", "-s", "0.9"]);
  else if (treatment === "fast") sox([clean, dest, "tempo", "-s", "1.15"]);
  else if (treatment === "reverb") sox([clean, dest, "reverb", "40", "50", "30", "norm", "-3"]);
  else if (treatment === "pink") {
    // Pink noise 15 dB under the speech's RMS.
    const rms = (file: string) => Number(/RMS\s+amplitude:\s+([\d.]+)/.exec(execFileSync("sox", [file, "-n", "stat"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }) || "")?.[1] ?? "0");
    const statOf = (file: string) => {
      try {
        execFileSync("sox", [file, "-n", "stat"], { stdio: ["ignore", "ignore", "pipe"] });
      } catch {
        // sox prints stat on stderr
      }
      const out = execFileSync("sh", ["-c", `sox "${file}" -n stat 2>&1`], { encoding: "utf8" });
      return Number(/RMS\s+amplitude:\s+([\d.]+)/.exec(out)?.[1] ?? "0");
    };
    void rms;
    const seconds = execFileSync("soxi", ["-D", clean], { encoding: "utf8" }).trim();
    const noise = `${dest}.noise.wav`;
    sox(["-n", "-r", "16000", "-c", "1", "-b", "16", noise, "synth", seconds, "pinknoise", "vol", "0.5"]);
    const gain = statOf(clean) / (statOf(noise) * 10 ** (15 / 20));
    sox(["-m", "-v", "1", clean, "-v", gain.toFixed(6), noise, "-b", "16", dest, "norm", "-3"]);
    rmSync(noise);
  }
  return dest;
}

function judge(c: Case, calls: { name: string; args: Record<string, unknown> }[]): { pass: boolean; misheardAction: boolean } {
  const mutating = calls.filter((x) => MUTATING.has(x.name));
  const want = c.expect.tool;
  if (want === null) return { pass: mutating.length === 0, misheardAction: mutating.length > 0 };
  const hit = calls.find((x) => x.name === want);
  const day = (v: unknown) => (typeof v === "string" ? v.slice(0, 10) : v);
  const args = { ...(hit?.args ?? {}) };
  if (want === "requestLeave" && args.startDate && !args.endDate) args.endDate = args.startDate;
  const argsOk = !!hit && Object.entries(c.expect.args).every(([k, v]) => String(day(args[k]) ?? "") === String(v)) && (want !== "requestLeave" || "halfDay" in c.expect.args || !args.halfDay);
  const others = mutating.filter((x) => x !== hit);
  const pass = argsOk && others.length === 0;
  return { pass, misheardAction: !pass && mutating.length > 0 };
}

async function main(): Promise<void> {
  const missing = ["flite", "text2wave", "espeak-ng", "sox"].filter((t) => !findExecutable(t));
  // A decode gets long on a loaded machine: the bench measures hearing, not the load, so it waits.
  const stt = new SphinxStt({ grammar: jsgfGrammar(), timeoutMs: 120_000 });
  if (missing.length || !stt.available().ok) {
    console.log(JSON.stringify({ kind: "voice-accuracy-skipped", reason: `missing: ${[...missing, stt.available().missing].filter(Boolean).join(", ")}` }));
    return;
  }
  const casesFile = new URL("./voice-cases.jsonl", import.meta.url);
  const limit = Number(arg("--limit") ?? 0);
  let cases = readFileSync(casesFile, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as Case);
  if (limit) cases = cases.slice(0, limit);
  const conditions = (arg("--conditions") ?? CONDITIONS.join(",")).split(",");
  const stamp = createHash("sha1").update(readFileSync(casesFile)).update(readFileSync(new URL(import.meta.url))).digest("hex").slice(0, 10);
  const audioDir = path.join(tmpdir(), `voice-accuracy-${stamp}`);

  const work = mkdtempSync(path.join(tmpdir(), "voice-accuracy-db-"));
  let nowMs = Date.now();
  const config = loadConfig({});
  const core = await openSystem({ config, db: path.join(work, "a.db"), seed: "history", clock: () => nowMs });
  await stt.warm();
  /** Each request runs as a dry run, so one case's punch or leave never changes the next case's day. */
  const ask = (c: Case, text: string, confidence?: number) => {
    nowMs = Date.parse(c.now);
    return core.dryRun(async (services) => {
      const calls: { name: string; args: Record<string, unknown> }[] = [];
      const user = await services.people.forSignIn(c.user);
      if (!user) throw new Error(`no employee ${c.user}`);
      const agent = await createAgent(services, config);
      for await (const e of agent.conversation(user).run(text, { confidence })) {
        if (e.type === "tool-call") calls.push({ name: e.name, args: e.args });
      }
      return calls;
    });
  };

  let typed = 0;
  for (const c of cases) if (judge(c, await ask(c, c.text)).pass) typed++;
  console.log(JSON.stringify({ kind: "voice-accuracy-typed", passed: typed, cases: cases.length }));
  const totals = { passed: 0, requests: 0, misheardActions: 0 };
  for (const condition of conditions) {
    let passed = 0;
    let misheard = 0;
    const failures: Record<string, unknown>[] = [];
    for (const c of cases) {
      const heard = await stt.transcribe(readWav(readFileSync(clip(audioDir, condition, c))));
      const verdict = judge(c, await ask(c, heard.text, heard.confidence));
      if (verdict.pass) passed++;
      else failures.push({ id: c.id, said: c.text, heard: heard.text, confidence: heard.confidence });
      if (verdict.misheardAction) misheard++;
    }
    totals.passed += passed;
    totals.requests += cases.length;
    totals.misheardActions += misheard;
    console.log(JSON.stringify({ kind: "voice-accuracy", condition, passed, requests: cases.length, accuracy: Number((passed / cases.length).toFixed(3)), misheardActions: misheard, failures: process.argv.includes("--show-failures") ? failures : undefined }));
  }
  console.log(JSON.stringify({ kind: "voice-accuracy-overall", ...totals, accuracy: Number((totals.passed / totals.requests).toFixed(3)) }));
  await stt.close();
  await core.close();
  rmSync(work, { recursive: true, force: true });
}

await main();
