/**
 * A scripted TurnRunner for tests and benchmarks: no model, no database. It honours the
 * TurnRunner contract the real agent does: aborting stops the reply, but a tool that has
 * started runs to completion and its result is still yielded.
 */
import type { TurnEvent, TurnOptions, TurnRunner } from "../runner.ts";
import { realClock, type Clock } from "../clock.ts";

/** One step of a scripted reply. */
export type ScriptStep =
  | { type: "text"; text: string; delayMs?: number }
  | { type: "tool"; name: string; args?: Record<string, unknown>; result?: unknown; durationMs?: number }
  | { type: "wait"; ms: number };

/** A reply script, fixed or chosen from the user's text. */
export type Script = readonly ScriptStep[] | ((text: string) => readonly ScriptStep[]);

function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = clock.setTimeout(done, ms);
    function done() {
      clock.clearTimeout(t);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** Replies by script and records what it was asked. */
export class ScriptedTurnRunner implements TurnRunner {
  /** Every text `run` was called with, in order. */
  readonly calls: string[] = [];
  /** The options of each call (the transcript's confidence among them), in order. */
  readonly callOptions: TurnOptions[] = [];
  /** Names of tools that ran to completion (including after an abort). */
  readonly completedTools: string[] = [];
  /** How many runs were aborted. */
  aborted = 0;

  constructor(
    private readonly script: Script,
    private readonly language: "zh" | "en" = "en",
    private readonly clock: Clock = realClock,
  ) {}

  async *run(text: string, options: TurnOptions = {}): AsyncIterable<TurnEvent> {
    const { signal } = options;
    this.calls.push(text);
    this.callOptions.push(options);
    const steps = typeof this.script === "function" ? this.script(text) : this.script;
    let reply = "";
    try {
      for (const step of steps) {
        if (signal?.aborted) return;
        if (step.type === "wait") await sleep(this.clock, step.ms, signal);
        else if (step.type === "text") {
          if (step.delayMs) await sleep(this.clock, step.delayMs, signal);
          if (signal?.aborted) return;
          reply += step.text;
          yield { type: "text-delta", text: step.text };
        } else {
          yield { type: "tool-call", name: step.name, args: step.args ?? {} };
          await sleep(this.clock, step.durationMs ?? 0); // deliberately not abortable: a started tool finishes
          this.completedTools.push(step.name);
          yield { type: "tool-result", name: step.name, result: step.result ?? { ok: true } };
        }
      }
      yield { type: "finish", text: reply, language: this.language };
    } finally {
      if (signal?.aborted) this.aborted++;
    }
  }
}

/** A runner that answers every request with one fixed sentence, streamed word by word. */
export function fixedReplyRunner(sentence = "Checked in at 8:57, on time.", wordDelayMs = 5, clock: Clock = realClock): ScriptedTurnRunner {
  const words = sentence.split(/(?<=\s)/);
  return new ScriptedTurnRunner(
    words.map((text) => ({ type: "text", text, delayMs: wordDelayMs })),
    "en",
    clock,
  );
}
