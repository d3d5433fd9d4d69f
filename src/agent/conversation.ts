import type { LanguageModelV3 } from "@ai-sdk/provider";
import { stepCountIs, streamText, type ModelMessage } from "ai";
import type { AttendanceServices } from "../attendance/services.ts";
import type { PlaceEvidence } from "../attendance/places.ts";
import type { Employee, PunchMethod } from "../attendance/types.ts";
import type { TurnEvent, TurnOptions, TurnRunner } from "./turn.ts";
import { systemPromptFor } from "./prompts.ts";
import { detectLanguage, phrase, type Lang } from "./replies.ts";
import { attendanceTools } from "./tools.ts";

export interface ConversationDeps {
  services: AttendanceServices;
  user: Employee;
  /** The model for this user's turns (local, LLM, or local-first). */
  model: LanguageModelV3;
  /** How many past messages to keep for follow-ups ("Which days?" -> "December 1 to 3"). */
  historyMessages?: number;
  /** Earlier messages, when the caller keeps the history (OpenAI-compatible clients send it each time). */
  history?: ModelMessage[];
  /** How this conversation's punches are recorded (`im` for chat platforms); default `voice`. */
  punchMethod?: PunchMethod;
  /** Where a punch made now is (a chat's recent location share); read when a punch is made. */
  place?: () => PlaceEvidence | undefined;
}

/** One user's conversation with the assistant: a tool loop on streamText, keeping recent turns. */
export class Conversation implements TurnRunner {
  private history: ModelMessage[];
  private lang: Lang;
  private readonly tools;
  constructor(private readonly deps: ConversationDeps) {
    this.history = deps.history ?? [];
    this.lang = deps.user.language;
    this.tools = attendanceTools({ ...deps.services, user: deps.user, lang: () => this.lang, punchMethod: deps.punchMethod, place: deps.place });
  }

  async *run(text: string, options: TurnOptions = {}): AsyncIterable<TurnEvent> {
    // "3", "12/8" say nothing of the language: the conversation keeps the one it was in.
    const lang = (this.lang = /[a-z\u3400-\u9fff]/i.test(text) ? detectLanguage(text) : this.lang);
    const userMessage: ModelMessage = { role: "user", content: text };
    const result = streamText({
      model: this.deps.model,
      system: await systemPromptFor(this.deps.services, this.deps.user, lang),
      messages: [...this.history, userMessage],
      tools: this.tools,
      stopWhen: stepCountIs(4),
      abortSignal: options.signal,
      // How sure speech-to-text was: every model of ours (and the safety layer) reads it here.
      ...(options.confidence !== undefined ? { providerOptions: { attendance: { transcriptConfidence: options.confidence } } } : {}),
    });
    let reply = "";
    let failed = false;
    try {
      for await (const part of result.fullStream) {
        if (part.type === "text-delta") {
          reply += part.text;
          yield { type: "text-delta", text: part.text };
        } else if (part.type === "tool-call") {
          yield { type: "tool-call", name: part.toolName, args: (part.input ?? {}) as Record<string, unknown> };
        } else if (part.type === "tool-result") {
          yield { type: "tool-result", name: part.toolName, result: part.output };
        } else if (part.type === "error" || part.type === "tool-error") {
          failed = true;
          console.error("agent turn failed:", part.type === "error" ? part.error : part.error);
        }
      }
    } catch (err) {
      if (options.signal?.aborted) return; // barge-in: nothing is thrown after an abort
      throw err;
    }
    if (options.signal?.aborted) {
      this.remember([userMessage]);
      return;
    }
    if (failed && !reply) {
      reply = phrase(lang, "error.other", { message: lang === "zh" ? "服务暂时出错，请再说一次" : "something went wrong, please say it again" });
      yield { type: "text-delta", text: reply };
    }
    const response = failed ? [] : (await result.response).messages;
    this.remember([userMessage, ...response]);
    yield { type: "finish", text: reply, language: lang };
  }

  /** Keeps the last few messages, cut at a user message so tool calls keep their results. */
  private remember(messages: ModelMessage[]): void {
    const all = [...this.history, ...messages];
    const limit = this.deps.historyMessages ?? 12;
    let start = Math.max(0, all.length - limit);
    while (start < all.length && all[start].role !== "user") start++;
    this.history = all.slice(start);
  }
}
