import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3GenerateResult,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
} from "@ai-sdk/provider";
import { decide, type Call, type Decision, type Turn } from "./intent/dialogue.ts";
import type { IntentCalendar } from "./intent/index.ts";
import { readBack, isReadBack } from "./read-back.ts";
import { phrase, type Lang } from "./replies.ts";

/** What the local model reads of the work rules, once per turn (HR may change them meanwhile). */
export interface LocalModelRules {
  /** The company's zone: "today" is the date there. */
  timeZone: string;
  /** Working days and holidays, for "国庆节后第一天上班" and the like. */
  calendar?: IntentCalendar;
  /** What a bare "打卡" records for the speaker now, by their punches and shift (the domain's auto rule). */
  bareKind?: "in" | "out";
}

/** What the local model needs to know about the moment, the rules and the speaker. */
export interface LocalModelContext {
  now: () => Date;
  rules: () => Promise<LocalModelRules>;
  userName: (lang: Lang) => string;
  /**
   * The speaker's latest punch still missing on a past workday (no correction pending for it):
   * a bare "补卡 18:05", as the missing-punch reminder suggests, is for that one.
   */
  missingPunch?: () => Promise<{ date: string; kind: "in" | "out" } | undefined>;
}

/**
 * Provider options every model of ours reads (`providerOptions.attendance`): how sure the
 * speech-to-text was of the words, 0-1; absent means certain.
 */
export interface AttendanceProviderOptions {
  transcriptConfidence?: number;
}

/** Below this match confidence, a state-changing request is read back and confirmed instead of run. */
export const CONFIRM_BELOW = 0.6;

/**
 * Below this transcript confidence, the recogniser was guessing: a state-changing request is read
 * back. Low because the engines' scores are not probabilities: pocketsphinx's weakest-word
 * posterior measured 0.03-0.44 on right transcripts of clean synthetic speech and 0-0.72 on wrong
 * ones, and OpenAI's mean token probability gives 0.6 for a clean "Check me in."; a higher
 * threshold read back nearly every spoken punch without telling right from wrong.
 */
export const TRANSCRIPT_DOUBT_BELOW = 0.02;

const USAGE = {
  inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 0, text: 0, reasoning: 0 },
};

/** Prefix of tool-call ids the local model issues, so a router can send the result back to it. */
export const LOCAL_CALL_PREFIX = "local-";

const textOf = (message: LanguageModelV3Prompt[number]): string =>
  message.role === "user" || message.role === "assistant"
    ? (message.content as Array<{ type: string; text?: string }>).map((p) => (p.type === "text" ? p.text ?? "" : "")).join(" ").trim()
    : "";

/** The conversation as turns: each user message with the assistant's words and tool calls after it. */
export function turnsOf(prompt: LanguageModelV3Prompt, limit = 8): Turn[] {
  const turns: Turn[] = [];
  for (const m of prompt) {
    if (m.role === "user") turns.push({ user: textOf(m) });
    else if (m.role === "assistant" && turns.length) {
      const t = turns[turns.length - 1];
      const reply = (t.reply ??= { text: "", calls: [] });
      const text = textOf(m);
      if (text) reply.text = reply.text ? `${reply.text} ${text}` : text;
      for (const p of m.content) if (p.type === "tool-call") reply.calls!.push({ name: p.toolName, args: parseArgs(p.input) });
    }
  }
  return turns.slice(-limit);
}

function parseArgs(input: unknown): Record<string, unknown> {
  if (typeof input !== "string") return (input ?? {}) as Record<string, unknown>;
  try {
    return JSON.parse(input) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Tool calls made since the last user message, and the sentences their results said. */
function sinceLastUser(prompt: LanguageModelV3Prompt): { calls: number; said: string[] } {
  let i = prompt.length - 1;
  while (i >= 0 && prompt[i].role !== "user") i--;
  let calls = 0;
  const said: string[] = [];
  for (const m of prompt.slice(i + 1)) {
    if (m.role === "assistant") calls += m.content.filter((p) => p.type === "tool-call").length;
    if (m.role === "tool")
      for (const p of m.content)
        if (p.type === "tool-result" && p.output.type === "json") said.push(String((p.output.value as { say?: string })?.say ?? ""));
  }
  return { calls, said: said.filter(Boolean) };
}

/**
 * The embedded default model: bilingual templates and date understanding behind the AI SDK's
 * LanguageModelV3, so the same tool loop runs with no account and no network. It replays the
 * conversation it is given (intent/dialogue.ts), so follow-ups, corrections and yes-or-no answers
 * work whether the history lives in this process or comes from an OpenAI-compatible client.
 */
export class LocalIntentModel implements LanguageModelV3 {
  readonly specificationVersion = "v3" as const;
  readonly provider = "local";
  readonly modelId = "local-intents";
  readonly supportedUrls = {};
  private calls = 0;

  constructor(private readonly context: LocalModelContext) {}

  /** What to do with the latest user message, in the light of the conversation before it. */
  async decidePrompt(prompt: LanguageModelV3Prompt): Promise<Decision | null> {
    let end = prompt.length;
    while (end > 0 && prompt[end - 1].role !== "user") end--;
    if (end === 0) return null;
    const turns = turnsOf(prompt.slice(0, end));
    return decide(turns, { now: this.context.now(), ...(await this.context.rules()) }, isReadBack);
  }

  private async respond(options: LanguageModelV3CallOptions): Promise<{ content: LanguageModelV3Content[]; finish: "stop" | "tool-calls" }> {
    const prompt = options.prompt;
    const text = (t: string) => ({ content: [{ type: "text" as const, text: t }], finish: "stop" as const });
    const d = await this.decidePrompt(prompt);
    if (!d) return text("");
    const done = sinceLastUser(prompt);
    const calls = d.kind === "act" ? planned(d, options) : [];
    if (prompt.at(-1)?.role === "tool") {
      // Calls run one after another (without amendLeave, an amendment is a cancel and a filing);
      // then everything the tools said is spoken.
      if (done.calls < calls.length) return this.call(calls[done.calls]);
      return text(done.said.join(d.language === "zh" ? "" : " "));
    }
    const filled = await this.fillFromMissingPunch(d);
    if (filled) return this.call(filled);
    switch (d.kind) {
      case "act": {
        const missing = calls.find((c) => !available(options, c.tool));
        if (missing) return text(phrase(d.language, `unavailable.${missing.tool}`));
        if ((d.confidence < CONFIRM_BELOW || doubtfulTranscript(options)) && !d.confirmed) {
          const sayBack = readBack(d.language, calls[0]);
          if (sayBack) return text(sayBack);
        }
        return this.call(calls[0]);
      }
      case "ask":
        return text(phrase(d.language, askKey(d)));
      case "hold":
        return text(phrase(d.language, `hold.${d.action}`));
      case "chat":
        return text(phrase(d.language, `chat.${d.topic}`, { name: this.context.userName(d.language) }));
      case "none":
        return text(phrase(d.language, "chat.unknown"));
    }
  }

  /** "补卡 18:05" without a date: the correction of the latest missing punch, when there is one. */
  private async fillFromMissingPunch(d: Decision): Promise<Call | undefined> {
    if (d.kind !== "ask" || d.partial.tool !== "requestCorrection" || !d.partial.args.time || d.partial.args.date) return undefined;
    const missing = await this.context.missingPunch?.();
    if (!missing) return undefined;
    return { tool: "requestCorrection", args: { ...d.partial.args, date: missing.date, kind: d.partial.args.kind ?? missing.kind } };
  }

  private call(c: Call): { content: LanguageModelV3Content[]; finish: "tool-calls" } {
    return { content: [{ type: "tool-call", toolCallId: `${LOCAL_CALL_PREFIX}${++this.calls}`, toolName: c.tool, input: JSON.stringify(c.args) }], finish: "tool-calls" };
  }

  async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    const { content, finish } = await this.respond(options);
    return { content, finishReason: { unified: finish, raw: finish }, usage: USAGE, warnings: [] };
  }

  async doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    let parts: LanguageModelV3StreamPart[];
    try {
      const { content, finish } = await this.respond(options);
      parts = [{ type: "stream-start", warnings: [] }];
      content.forEach((c, i) => {
        if (c.type === "text") {
          const id = `t${i}`;
          parts.push({ type: "text-start", id }, { type: "text-delta", id, delta: c.text }, { type: "text-end", id });
        } else if (c.type === "tool-call") parts.push(c);
      });
      parts.push({ type: "finish", usage: USAGE, finishReason: { unified: finish, raw: finish } });
    } catch (error) {
      parts = [{ type: "stream-start", warnings: [] }, { type: "error", error }];
    }
    return {
      stream: new ReadableStream({
        start(controller) {
          for (const p of parts) controller.enqueue(p);
          controller.close();
        },
      }),
    };
  }
}

/** Whether the speech-to-text said it was guessing at the words. */
export function doubtfulTranscript(options: Pick<LanguageModelV3CallOptions, "providerOptions">): boolean {
  return transcriptConfidence(options) < TRANSCRIPT_DOUBT_BELOW;
}

/** How sure the speech-to-text was of the words (`providerOptions.attendance.transcriptConfidence`); 1 when not said. */
export function transcriptConfidence(options: Pick<LanguageModelV3CallOptions, "providerOptions">): number {
  const c = (options.providerOptions?.attendance as AttendanceProviderOptions | undefined)?.transcriptConfidence;
  return typeof c === "number" ? c : 1;
}

/** The calls to make: an amendment is one amendLeave when the caller offers it. */
function planned(d: Extract<Decision, { kind: "act" }>, options: LanguageModelV3CallOptions): Call[] {
  if (!d.amends || !available(options, "amendLeave") || d.calls.length !== 2) return d.calls;
  const [cancel, file] = d.calls;
  const { startDate, endDate, ...rest } = file.args;
  return [{ tool: "amendLeave", args: { ...cancel.args, ...rest, newStartDate: startDate, ...(endDate ? { newEndDate: endDate } : {}) } }];
}

/** Whether the caller offered the tool (tools the product does not have yet are said so, not called). */
function available(options: LanguageModelV3CallOptions, tool: string): boolean {
  return !options.tools || options.tools.some((t) => t.name === tool);
}

function askKey(d: Extract<Decision, { kind: "ask" }>): string {
  const tool = d.partial.tool;
  if (tool === "requestLeave") return `ask.${d.missing}`;
  if (tool === "cancelLeave") return "ask.cancelLeave.dates";
  if (tool === "requestCorrection" && d.missing === "time") return `ask.requestCorrection.time.${d.partial.args.kind === "out" ? "out" : "in"}`;
  return `ask.${tool}.${d.missing}`;
}
