import { createInterface } from "node:readline";
import { DomainError } from "../attendance/errors.ts";
import { parseInstant } from "../attendance/time.ts";
import type { AttendanceServices } from "../attendance/services.ts";
import type { Config } from "../config.ts";
import { createAgent, openSystem } from "../system.ts";
import type { ParsedArgs } from "./args.ts";
import { has, one } from "./args.ts";
import { jsgfGrammar } from "../agent/intent/grammar.ts";

interface AskResult {
  id?: string;
  text: string;
  /** Speech-to-text's confidence in `text` (0..1), for `--audio` with an engine that gives one. */
  confidence?: number;
  toolCalls: { name: string; args: Record<string, unknown> }[];
  reply: string;
}

/**
 * `cli ask`: one turn from the command line, or a batch of `{"id","text","now","user"}` lines with
 * `--jsonl`. With `--dry-run` each turn runs inside a transaction that is rolled back.
 */
export async function runAsk(args: ParsedArgs, clock: () => number, config: Config): Promise<number> {
  let nowMs = clock();
  const system = await openSystem({ config, clock: () => nowMs });
  const dryRun = has(args, "dry-run");

  /** One turn as `login`, on the given services (a dry run's roll back afterwards). */
  async function turnWith(services: AttendanceServices, login: string, text: string, spoken: boolean, confidence?: number): Promise<AskResult> {
    const user = await services.people.forSignIn(login);
    if (!user) throw new DomainError("NOT_FOUND", `No employee ${login}`);
    // A punch is recorded by how it was asked: a spoken file as `voice`, a typed line as `api`.
    const conversation = (await createAgent(services, config)).conversation(user, undefined, { punchMethod: spoken ? "voice" : "api" });
    const result: AskResult = { text, ...(confidence === undefined ? {} : { confidence }), toolCalls: [], reply: "" };
    for await (const e of conversation.run(text, { confidence })) {
      if (e.type === "tool-call") result.toolCalls.push({ name: e.name, args: e.args });
      if (e.type === "finish") result.reply = e.text;
    }
    return result;
  }
  const turn = (login: string, text: string, spoken: boolean, confidence?: number) =>
    dryRun ? system.dryRun((services) => turnWith(services, login, text, spoken, confidence)) : turnWith(system, login, text, spoken, confidence);

  try {
    if (has(args, "jsonl")) {
      for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
        if (!line.trim()) continue;
        let input: { id?: unknown; text?: string; now?: string; user?: string };
        try {
          input = JSON.parse(line);
        } catch {
          console.log(JSON.stringify({ error: "line is not JSON" }));
          continue;
        }
        try {
          const at = input.now ? parseInstant(input.now) : clock();
          if (at === null) throw new DomainError("INVALID_DATE", `now needs a date, a time and an offset: ${input.now}`);
          nowMs = at;
          const r = await turn(input.user ?? one(args, "user") ?? "wang", String(input.text ?? ""), false);
          console.log(JSON.stringify({ id: input.id, toolCalls: r.toolCalls, reply: r.reply }));
        } catch (err) {
          console.log(JSON.stringify({ id: input.id, error: err instanceof Error ? err.message : String(err) }));
        }
      }
      return 0;
    }
    let text = args.positional.join(" ").trim();
    const audio = one(args, "audio");
    let confidence: number | undefined;
    if (audio) {
      const { transcribeFile } = await import("../voice/transcribe-file.ts");
      ({ text, confidence } = await transcribeFile(audio, config.voice, { grammar: jsgfGrammar() }));
      if (!has(args, "json")) console.log(`heard: ${text || "(nothing)"}`);
    }
    if (!text) throw new Error("Say something: npm run cli -- ask \"check me in\"");
    const r = await turn(one(args, "user") ?? "wang", text, !!audio, confidence);
    console.log(has(args, "json") ? JSON.stringify(r) : r.reply);
    return 0;
  } finally {
    await system.close();
  }
}
