import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3GenerateResult,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
} from "@ai-sdk/provider";
import { complete, understand, type Understanding } from "./intent/index.ts";
import { phrase, type Lang } from "./replies.ts";

/** What the local model needs to know about the moment and the speaker. */
export interface LocalModelContext {
  now: () => Date;
  timeZone: string;
  userName: (lang: Lang) => string;
}

const USAGE = {
  inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 0, text: 0, reasoning: 0 },
};

/** Prefix of tool-call ids the local model issues, so a router can send the result back to it. */
export const LOCAL_CALL_PREFIX = "local-";

function userText(message: LanguageModelV3Prompt[number] | undefined): string | null {
  if (!message || message.role !== "user") return null;
  return message.content.map((p) => (p.type === "text" ? p.text : "")).join(" ").trim();
}

/**
 * The embedded default model: bilingual templates and date understanding behind the AI SDK's
 * LanguageModelV3, so the same tool loop runs with no account and no network.
 */
export class LocalIntentModel implements LanguageModelV3 {
  readonly specificationVersion = "v3" as const;
  readonly provider = "local";
  readonly modelId = "local-intents";
  readonly supportedUrls = {};
  private calls = 0;

  constructor(private readonly context: LocalModelContext) {}

  /**
   * What the latest user message means. Slot filling: the user messages since the last tool call
   * are replayed, each answering the question the one before left open ("I want leave" -> "Which
   * days?" -> "December 1 to 3" -> "What kind?" -> "annual").
   */
  understandPrompt(prompt: LanguageModelV3Prompt): Understanding | null {
    if (userText(prompt.at(-1)) === null) return null;
    const ctx = { now: this.context.now(), timeZone: this.context.timeZone };
    let start = prompt.length - 1;
    while (start > 0 && !(prompt[start - 1].role === "assistant" && (prompt[start - 1].content as { type: string }[]).some((p) => p.type === "tool-call")) && prompt[start - 1].role !== "tool") start--;
    const texts = prompt.slice(start).map(userText).filter((t): t is string => t !== null).slice(-4);
    let state = null as Understanding | null;
    for (const text of texts) state = state?.kind === "ask" ? complete(state, text, ctx) : understand(text, ctx);
    return state;
  }

  private respond(prompt: LanguageModelV3Prompt): { content: LanguageModelV3Content[]; finish: "stop" | "tool-calls" } {
    const last = prompt.at(-1);
    if (last?.role === "tool") {
      // After the tools ran, speak what they said.
      const said = last.content
        .map((p) => (p.type === "tool-result" && p.output.type === "json" ? String((p.output.value as { say?: string })?.say ?? "") : ""))
        .filter(Boolean)
        .join(" ");
      return { content: [{ type: "text", text: said }], finish: "stop" };
    }
    const u = this.understandPrompt(prompt);
    if (!u) return { content: [{ type: "text", text: "" }], finish: "stop" };
    switch (u.kind) {
      case "tool":
        return {
          content: [{ type: "tool-call", toolCallId: `${LOCAL_CALL_PREFIX}${++this.calls}`, toolName: u.tool, input: JSON.stringify(u.args) }],
          finish: "tool-calls",
        };
      case "ask":
        return { content: [{ type: "text", text: phrase(u.language, `ask.${u.missing}`) }], finish: "stop" };
      case "chat":
        return { content: [{ type: "text", text: phrase(u.language, `chat.${u.topic}`, { name: this.context.userName(u.language) }) }], finish: "stop" };
      case "none":
        return { content: [{ type: "text", text: phrase(u.language, "chat.unknown") }], finish: "stop" };
    }
  }

  async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    const { content, finish } = this.respond(options.prompt);
    return { content, finishReason: { unified: finish, raw: finish }, usage: USAGE, warnings: [] };
  }

  async doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    let parts: LanguageModelV3StreamPart[];
    try {
      const { content, finish } = this.respond(options.prompt);
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
