/**
 * Text-to-speech with eSpeak NG: the npm `espeak-ng` package (the espeak-ng command line
 * compiled to WASM, voices embedded), loaded on demand because it is GPL-3.0 and optional;
 * the Debian `espeak-ng` binary (`--stdout`) when the package is absent.
 *
 * Keeping it warm: the package runs the CLI's `main` once per module instance. Building an
 * instance costs ~90 ms (copying 18 MB of voice data into its in-memory file system); running
 * `main` on a ready instance takes 15-30 ms. So the WASM is compiled once, a small pool of
 * instances is built ahead of time, and each sentence consumes one while the next is rebuilt in
 * the background. (Calling `main` twice on one instance does not work: its option parser keeps
 * state.)
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { readWav, type AudioChunk } from "../audio.ts";
import { abortError, findExecutable, throwIfAborted, type EngineStatus, type Language } from "../engine.ts";
import type { SynthesizeOptions, Tts } from "./tts.ts";

/** Configuration of {@link EspeakTts}. */
export interface EspeakTtsOptions {
  /** espeak-ng voice per language. Default `{ en: "en-us", zh: "cmn" }`. */
  voices?: Partial<Record<Language, string>>;
  /** Speaking rate (words per minute). Default 175, espeak-ng's own default. */
  wordsPerMinute?: number;
  /** "wasm" (npm package), "binary" (Debian espeak-ng), or "auto": wasm if installed. Default "auto". */
  backend?: "auto" | "wasm" | "binary";
  /** Ready WASM instances kept in stock (each holds ~50 MB). Default 1: a sentence plays for longer than the next instance takes to build. */
  poolSize?: number;
}

interface EspeakModule {
  FS: { readFile(path: string): Uint8Array; unlink(path: string): void };
}
interface WasmExports {
  memory: WebAssembly.Memory;
  malloc(size: number): number;
  __main_argc_argv(argc: number, argv: number): number;
}
interface Instance {
  module: EspeakModule;
  exports: WasmExports;
}
type Factory = (options: Record<string, unknown>) => Promise<EspeakModule>;

function packageEntry(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve("espeak-ng");
  } catch {
    return undefined;
  }
}

/** eSpeak NG text-to-speech, English (en-us) and Mandarin (cmn). */
export class EspeakTts implements Tts {
  readonly name = "espeak";
  readonly languages: readonly Language[] = ["en", "zh"];
  private readonly voices: Record<Language, string>;
  private readonly wpm: number;
  private readonly backend: "wasm" | "binary" | undefined;
  private readonly poolSize: number;
  private readonly entry = packageEntry();
  private readonly binary = findExecutable("espeak-ng");
  private loading: Promise<{ factory: Factory; wasm: WebAssembly.Module }> | undefined;
  private pool: Promise<Instance>[] = [];
  private closed = false;

  constructor(options: EspeakTtsOptions = {}) {
    this.voices = { en: "en-us", zh: "cmn", ...options.voices };
    this.wpm = options.wordsPerMinute ?? 175;
    this.poolSize = options.poolSize ?? 1;
    const want = options.backend ?? "auto";
    this.backend =
      want === "wasm" ? (this.entry ? "wasm" : undefined)
      : want === "binary" ? (this.binary ? "binary" : undefined)
      : this.entry ? "wasm" : this.binary ? "binary" : undefined;
  }

  /** Which implementation is in use ("wasm" or "binary"), if any. */
  get backendInUse(): "wasm" | "binary" | undefined {
    return this.backend;
  }

  available(): EngineStatus {
    return this.backend ? { ok: true } : { ok: false, missing: "npm install espeak-ng (or apt-get install espeak-ng)" };
  }

  async warm(): Promise<void> {
    if (this.backend !== "wasm") return;
    this.fill();
    await this.pool[0];
  }

  async close(): Promise<void> {
    this.closed = true;
    this.pool = [];
  }

  async *synthesize(text: string, options: SynthesizeOptions): AsyncIterable<AudioChunk> {
    throwIfAborted(options.signal);
    if (!this.backend) throw new Error(`espeak is not available: ${this.available().missing}`);
    const voice = this.voices[options.language] ?? this.voices.en;
    // "--" ends the options, so a reply starting with "-" is spoken, not parsed.
    const args = ["-v", voice, "-s", String(this.wpm), "-w", "/out.wav", "--", text];
    const wav = this.backend === "wasm" ? await this.runWasm(args) : await this.runBinary(args, options.signal);
    throwIfAborted(options.signal);
    yield readWav(wav);
  }

  private load(): Promise<{ factory: Factory; wasm: WebAssembly.Module }> {
    this.loading ??= (async () => {
      const entry = this.entry!;
      const mod = (await import(pathToFileURL(entry).href)) as { default: Factory };
      const wasm = await WebAssembly.compile(readFileSync(join(dirname(entry), "espeak-ng.wasm")));
      return { factory: mod.default, wasm };
    })();
    return this.loading;
  }

  private async build(): Promise<Instance> {
    const { factory, wasm } = await this.load();
    let exports: WasmExports | undefined;
    const module = await factory({
      noInitialRun: true,
      print: () => {},
      printErr: () => {},
      // The default quit sets process.exitCode; an exit inside espeak must only end the call.
      quit: (_status: number, error: unknown) => {
        throw error;
      },
      instantiateWasm: (imports: WebAssembly.Imports, done: (i: WebAssembly.Instance) => void) => {
        void WebAssembly.instantiate(wasm, imports).then((instance) => {
          exports = instance.exports as unknown as WasmExports;
          done(instance);
        });
        return {};
      },
    });
    return { module, exports: exports! };
  }

  private fill(): void {
    while (!this.closed && this.pool.length < this.poolSize) {
      const p = this.build();
      p.catch(() => {}); // surfaced to whoever takes it
      this.pool.push(p);
    }
  }

  private async runWasm(args: string[]): Promise<Uint8Array> {
    this.fill();
    const next = this.pool.shift()!;
    this.fill();
    const { module, exports } = await next;
    const argv = ["espeak-ng", ...args];
    const encoder = new TextEncoder();
    const pointers = argv.map((a) => {
      const bytes = encoder.encode(`${a}\0`);
      const at = exports.malloc(bytes.length);
      new Uint8Array(exports.memory.buffer, at, bytes.length).set(bytes);
      return at;
    });
    const table = exports.malloc(4 * (pointers.length + 1));
    const view = new Uint32Array(exports.memory.buffer, table, pointers.length + 1);
    pointers.forEach((p, i) => (view[i] = p));
    view[pointers.length] = 0;
    try {
      exports.__main_argc_argv(argv.length, table);
    } catch (err) {
      if ((err as { name?: string }).name !== "ExitStatus") throw err;
    }
    return module.FS.readFile("/out.wav");
  }

  private runBinary(args: string[], signal?: AbortSignal): Promise<Uint8Array> {
    const cli = args.map((a) => (a === "-w" ? "--stdout" : a)).filter((a) => a !== "/out.wav");
    return new Promise((resolve, reject) => {
      const child = spawn(this.binary!, cli, { stdio: ["ignore", "pipe", "pipe"], signal });
      const parts: Buffer[] = [];
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => parts.push(d));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("error", (err) => reject(signal?.aborted ? abortError(signal) : err));
      child.on("close", (code) => {
        if (signal?.aborted) reject(abortError(signal));
        else if (code === 0) resolve(Buffer.concat(parts));
        else reject(new Error(`espeak-ng failed (exit ${code}): ${stderr.trim().split("\n").pop() ?? ""}`));
      });
    });
  }
}
