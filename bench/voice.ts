/**
 * Voice benchmark with the local engines (energy VAD, pocketsphinx, espeak-ng).
 *
 * 1. Latency: 20 spoken requests (espeak-ng audio of the English eval sentences, trimmed so the
 *    true end of speech is known to the sample) are fed to one voice session in real time, as a
 *    microphone would deliver them, 20 ms frames with silence in between. For each turn it
 *    reports, from the true end of speech: endpoint decided, transcript ready, first agent
 *    text, first reply audio frame sent (= e2e latency); then p50/p95 over the turns.
 * 2. Word accuracy of pocketsphinx (grammar-derived model) on espeak-ng audio of the English
 *    sentences of /work/shared/eval/utterances.jsonl, per espeak voice.
 *
 * 3. Engine timings that tests must not assert: a warm espeak sentence, how fast an aborted
 *    transcription gives up, how soon reply audio stops after the user starts talking over it.
 *
 * Output: JSON lines on stdout. Run: `npx tsx bench/voice.ts [--requests N]`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TurnRunner } from "../src/voice/runner.ts";
import { concatPcm, readWav, resample, sliceFrames } from "../src/voice/audio.ts";
import { findExecutable } from "../src/voice/engine.ts";
import { createVoiceSession } from "../src/voice/session.ts";
import { SphinxStt } from "../src/voice/stt/sphinx.ts";
import { fixedReplyRunner } from "../src/voice/testing/fake-runner.ts";
import { EspeakTts } from "../src/voice/tts/espeak.ts";
import { EnergyVad } from "../src/voice/vad/energy.ts";

const EVAL_FILE = "/work/shared/eval/utterances.jsonl";
const RATE = 16_000;

/** Options of {@link benchVoice}. */
export interface VoiceBenchOptions {
  /** Spoken requests to time. Default 20. */
  requests?: number;
  /** The agent for the session; default a fake answering "Checked in at 8:57, on time." */
  runnerFactory?: () => TurnRunner;
  /** Where JSON lines go. Default stdout. */
  print?: (line: Record<string, unknown>) => void;
}

interface Utterance {
  id: string;
  text: string;
}

function englishUtterances(): Utterance[] {
  return readFileSync(EVAL_FILE, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Utterance)
    .filter((u) => !/\p{Script=Han}/u.test(u.text));
}

/** Speech for `text` at 16 kHz, trimmed of leading and trailing silence. */
async function speech(text: string, voice: "klatt" | "default", tts: EspeakTts): Promise<Int16Array> {
  let pcm: Int16Array;
  let rate: number;
  if (voice === "klatt") {
    // The Klatt voices exist only in the Debian binary (the npm WASM build is compiled without them).
    const dir = mkdtempSync(join(tmpdir(), "bench-"));
    execFileSync("espeak-ng", ["-v", "en-us+klatt", "-w", join(dir, "s.wav"), "--", text]);
    ({ pcm, sampleRate: rate } = readWav(readFileSync(join(dir, "s.wav"))));
    rmSync(dir, { recursive: true });
  } else {
    const parts: Int16Array[] = [];
    rate = 22_050;
    for await (const c of tts.synthesize(text, { language: "en" })) (parts.push(c.pcm), (rate = c.sampleRate));
    pcm = concatPcm(parts);
  }
  const out = resample(pcm, rate, RATE);
  let a = 0;
  let b = out.length - 1;
  while (a < b && Math.abs(out[a]) < 100) a++;
  while (b > a && Math.abs(out[b]) < 100) b--;
  return out.slice(a, b + 1);
}

const NUMBERS: Record<string, string> = { "1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth" };
const CONTRACTIONS: Record<string, string> = { "i'm": "i am", "what's": "what is", "hasn't": "has not", "i'd": "i would" };
function words(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9']+/g) ?? []).flatMap((w) => (CONTRACTIONS[NUMBERS[w] ?? w] ?? NUMBERS[w] ?? w).split(" "));
}
function editDistance(a: string[], b: string[]): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

async function jsgf(): Promise<string> {
  const path = new URL("../src/agent/intent/grammar.ts", import.meta.url);
  if (!existsSync(path)) throw new Error("src/agent/intent/grammar.ts is missing: no grammar for sphinx");
  return ((await import(path.href)) as { jsgfGrammar: () => string }).jsgfGrammar();
}

/** Runs both parts; resolves when done. */
export async function benchVoice(options: VoiceBenchOptions = {}): Promise<void> {
  const print = options.print ?? ((line) => console.log(JSON.stringify(line)));
  const stt = new SphinxStt({ grammar: await jsgf() });
  const tts = new EspeakTts();
  for (const [name, status] of [["sphinx", stt.available()], ["espeak", tts.available()]] as const) {
    if (!status.ok) return print({ kind: "voice-skipped", reason: `${name} is not available: ${status.missing}` });
  }
  await tts.warm();
  await stt.warm();
  const voices: ("klatt" | "default")[] = findExecutable("espeak-ng") ? ["klatt", "default"] : ["default"];
  const utterances = englishUtterances();

  // Part 2 first (no real-time pacing needed): word accuracy per voice.
  for (const voice of voices) {
    let errors = 0;
    let total = 0;
    let exact = 0;
    for (const u of utterances) {
      const heard = await stt.transcribe({ pcm: concatPcm([new Int16Array(4800), await speech(u.text, voice, tts), new Int16Array(4800)]), sampleRate: RATE });
      const e = editDistance(words(u.text), words(heard.text));
      errors += e;
      total += words(u.text).length;
      if (e === 0) exact++;
      print({ kind: "sphinx-utterance", voice, id: u.id, reference: u.text, heard: heard.text, wordErrors: e });
    }
    print({ kind: "sphinx-word-accuracy", voice: voice === "klatt" ? "en-us+klatt (Debian espeak-ng)" : "en-us (npm espeak-ng WASM)", utterances: utterances.length, words: total, wordErrors: errors, wordAccuracy: Number((1 - errors / total).toFixed(3)), exactSentences: exact });
  }

  await benchEngineTimings(stt, tts, print);

  // Part 1: latency through the pipeline, in real time.
  const runner = options.runnerFactory?.() ?? fixedReplyRunner();
  const session = createVoiceSession({ vad: new EnergyVad(), stt, tts, runner, outputSampleRate: 48_000 });
  const marks: Record<string, number> = {};
  let turnDone: (() => void) | undefined;
  session.listen({
    onEvent(e) {
      const now = performance.now();
      if (e.type === "user-speech" && !e.speaking) marks.endpoint ??= now;
      if (e.type === "transcript" && e.role === "user") marks.stt ??= now;
      if (e.type === "agent-text") marks.text ??= now;
      if (e.type === "metrics") marks.metricsE2e = e.e2eLatencyMs ?? NaN;
      if (e.type === "transcript" && e.role === "user") marks.heard = 1;
      // Done: the reply has been played, or the utterance was heard as nothing.
      if (e.type === "state" && e.state === "listening" && (marks.audio || (marks.endpoint && !marks.heard))) turnDone?.();
    },
    onAudio() {
      marks.audio ??= performance.now();
    },
  });

  // A live microphone: one frame every 20 ms, speech when queued, else silence.
  const queue: Int16Array[] = [];
  const silence = new Int16Array(320);
  let pushed = 0;
  const started = performance.now();
  let lastSpeechFrameAt: number | undefined;
  let endOffsetMs = 0;
  const pump = setInterval(() => {
    // Catch up if the timer was late, as an audio callback would deliver buffered frames.
    while (started + (pushed + 1) * 20 <= performance.now()) {
      const frame = queue.shift() ?? silence;
      session.pushAudio(frame);
      pushed++;
      if ((frame as Int16Array & { last?: boolean }).last) lastSpeechFrameAt = started + pushed * 20;
    }
  }, 5);

  const rows: Record<string, number>[] = [];
  const count = options.requests ?? 20;
  for (let i = 0; i < count; i++) {
    const u = utterances[i % utterances.length];
    const pcm = await speech(u.text, voices[0], tts);
    const frames = sliceFrames(pcm, RATE);
    (frames[frames.length - 1] as Int16Array & { last?: boolean }).last = true;
    // The true end lies inside the last frame: that frame is delivered when it is full.
    endOffsetMs = (frames.length * 320 - pcm.length) / 16;
    for (const k of Object.keys(marks)) delete marks[k];
    lastSpeechFrameAt = undefined;
    queue.push(...frames);
    const done = new Promise<void>((r) => (turnDone = r));
    const timeout = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 20_000));
    const outcome = await Promise.race([done, timeout]);
    const end = (lastSpeechFrameAt ?? NaN) - endOffsetMs;
    const row = {
      endpointMs: marks.endpoint - end,
      sttDoneMs: marks.stt - end,
      firstTextMs: marks.text - end,
      e2eLatencyMs: marks.audio - end,
    };
    const rounded = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Math.round(v)]));
    if (outcome === "timeout" || !marks.heard) {
      print({ kind: "voice-turn", id: u.id, text: u.text, outcome: "no turn (nothing recognised or timed out)" });
    } else {
      rows.push(row);
      print({ kind: "voice-turn", id: u.id, text: u.text, heard: (runner as { calls?: string[] }).calls?.at(-1), ...rounded, pipelineE2eLatencyMs: marks.metricsE2e });
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  clearInterval(pump);
  await session.close();
  await stt.close();
  await tts.close();

  const stat = (key: keyof (typeof rows)[number]) => {
    const xs = rows.map((r) => r[key]).filter((x) => Number.isFinite(x));
    return { p50: Math.round(percentile(xs, 50)), p95: Math.round(percentile(xs, 95)) };
  };
  print({
    kind: "voice-latency",
    engines: { vad: "energy (300 ms endpointing)", stt: "sphinx", tts: "espeak (WASM)", agent: options.runnerFactory ? "given" : "fixed-reply fake" },
    speechVoice: voices[0] === "klatt" ? "en-us+klatt" : "en-us",
    turns: rows.length,
    requests: count,
    e2eLatencyMs: stat("e2eLatencyMs"),
    parts: { endpointMs: stat("endpointMs"), sttDoneMs: stat("sttDoneMs"), firstTextMs: stat("firstTextMs") },
    note: "all from the true end of speech; e2eLatencyMs = first reply audio frame sent",
  });
}

/** Timings the tests used to assert with wall-clock limits, measured here instead. */
async function benchEngineTimings(stt: SphinxStt, tts: EspeakTts, print: (line: Record<string, unknown>) => void): Promise<void> {
  const stats = (xs: number[]) => ({ p50: Number(percentile(xs, 50).toFixed(1)), max: Number(Math.max(...xs).toFixed(1)) });
  const synth: number[] = [];
  for (let i = 0; i < 10; i++) {
    const started = performance.now();
    for await (const c of tts.synthesize("Checked in at 8:57.", { language: "en" })) void c;
    synth.push(performance.now() - started);
  }
  print({ kind: "tts-warm-sentence", engine: "espeak (WASM)", sentence: "Checked in at 8:57.", ms: stats(synth), target: "well under 100 ms" });

  const utterance = concatPcm([new Int16Array(3200), await speech("check me in", "default", tts), new Int16Array(4800)]);
  const abortMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const ctl = new AbortController();
    const call = stt.transcribe({ pcm: utterance, sampleRate: RATE }, { signal: ctl.signal }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 5));
    const started = performance.now();
    ctl.abort();
    await call;
    abortMs.push(performance.now() - started);
  }
  print({ kind: "stt-abort", engine: "sphinx", ms: stats(abortMs), note: "abort to rejection", target: "under 500 ms" });

  // Barge-in: a typed request is answered; while its reply plays, speech arrives in 20 ms frames.
  const session = createVoiceSession({ vad: new EnergyVad(), stt, tts, runner: fixedReplyRunner("This reply is long enough to be talked over. It goes on and on for a while."), outputSampleRate: 48_000 });
  let speakingAt: number | undefined;
  let userAt: number | undefined;
  let lastFrameAt = 0;
  session.listen({
    onEvent: (e) => {
      if (e.type === "state" && e.state === "speaking") speakingAt ??= performance.now();
      if (e.type === "user-speech" && e.speaking) userAt ??= performance.now();
    },
    onAudio: () => (lastFrameAt = performance.now()),
  });
  session.pushText("check me in");
  while (speakingAt === undefined || performance.now() - speakingAt < 300) await new Promise((r) => setTimeout(r, 10));
  for (const frame of sliceFrames(utterance, RATE)) {
    session.pushAudio(frame);
    await new Promise((r) => setTimeout(r, 20));
    if (userAt !== undefined) break;
  }
  await new Promise((r) => setTimeout(r, 200));
  await session.close();
  print({ kind: "barge-in-stop", lastReplyFrameAfterSpeechMs: userAt === undefined ? null : Math.max(0, Math.round(lastFrameAt - userAt)), note: "reply audio sent after start-of-speech", target: "0 (under 100 ms)" });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf("--requests");
  await benchVoice({ requests: i > 0 ? Number(process.argv[i + 1]) : undefined });
}
