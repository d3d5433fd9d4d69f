/**
 * The safety layer between any model's tool calls and their execution (issue 16): a
 * state-changing call is not run when the user's own words refuse it ("先别打卡", "don't check me
 * out yet"), ask about it, or report a missed punch; and a call from a doubtful transcript, or one
 * only asked about, is read back for a yes instead ("要帮你打下班卡吗？"). It wraps the model, so a
 * blocked call never reaches the tools, whichever model (local, LLM, local-first) made it.
 */
import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3GenerateResult,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
} from "@ai-sdk/provider";
import { isYes } from "./intent/dialogue.ts";
import { actsForOther, asks, judgeable, negates, reportsMissedPunch, type ActionKind } from "./intent/index.ts";
import type { ToolName } from "./intent/index.ts";
import { doubtfulTranscript } from "./local-model.ts";
import { isReadBack, readBack } from "./read-back.ts";
import { detectLanguage, phrase } from "./replies.ts";

const ACTION: Record<string, ActionKind> = {
  checkIn: "punchIn", checkOut: "punchOut", punch: "punch", changePunchKind: "punch", requestLeave: "leave", amendLeave: "leave", cancelLeave: "cancel",
  approveLeave: "decide", rejectLeave: "decide", requestCorrection: "correction", requestOvertime: "overtime",
};

const textOf = (m: LanguageModelV3Prompt[number] | undefined): string =>
  m && (m.role === "user" || m.role === "assistant")
    ? (m.content as Array<{ type: string; text?: string }>).map((p) => (p.type === "text" ? p.text ?? "" : "")).join(" ").trim()
    : "";

/** What the user said last, and whether it answers yes to a read-back. */
function lastWords(prompt: LanguageModelV3Prompt): { text: string; confirms: boolean } {
  const i = prompt.findLastIndex((m) => m.role === "user");
  if (i < 0) return { text: "", confirms: false };
  const text = textOf(prompt[i]);
  let j = i - 1;
  while (j >= 0 && prompt[j].role !== "assistant" && prompt[j].role !== "user") j--;
  const before = j >= 0 && prompt[j].role === "assistant" ? textOf(prompt[j]) : "";
  return { text, confirms: isReadBack(before) && isYes(text) };
}

/**
 * What to say instead of running `tool` with `args`, or null to run it. Read-only tools always run.
 * Exported for the tests and for callers that check a call themselves.
 */
export function objection(options: LanguageModelV3CallOptions, tool: string, args: Record<string, unknown>): string | null {
  const action = ACTION[tool];
  if (!action) return null;
  const { text, confirms } = lastWords(options.prompt);
  if (!text) return null;
  const s = judgeable(text);
  const lang = detectLanguage(text);
  if (negates(s, action)) return phrase(lang, `hold.${action}`);
  if (action !== "decide" && actsForOther(s, text)) return phrase(lang, "chat.onBehalf");
  if ((tool === "checkIn" || tool === "checkOut") && reportsMissedPunch(s)) return phrase(lang, "safety.missedPunch");
  if (confirms) return null;
  if (asks(s) || doubtfulTranscript(options)) return readBack(lang, { tool: tool as ToolName, args }) ?? phrase(lang, `hold.${action}`);
  return null;
}

function parseInput(input: unknown): Record<string, unknown> {
  if (typeof input !== "string") return (input ?? {}) as Record<string, unknown>;
  try {
    return JSON.parse(input) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** A model whose state-changing tool calls pass the safety rules first. */
export class SafeModel implements LanguageModelV3 {
  readonly specificationVersion = "v3" as const;
  readonly provider: string;
  readonly modelId: string;
  readonly supportedUrls: LanguageModelV3["supportedUrls"];

  constructor(private readonly inner: LanguageModelV3) {
    this.provider = inner.provider;
    this.modelId = inner.modelId;
    this.supportedUrls = inner.supportedUrls;
  }

  async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    const result = await this.inner.doGenerate(options);
    const said: string[] = [];
    const content: LanguageModelV3Content[] = [];
    for (const c of result.content) {
      const no = c.type === "tool-call" ? objection(options, c.toolName, parseInput(c.input)) : null;
      if (no) said.push(no);
      else content.push(c);
    }
    if (!said.length) return result;
    content.push({ type: "text", text: [...new Set(said)].join(" ") });
    const calls = content.some((c) => c.type === "tool-call");
    return { ...result, content, finishReason: calls ? result.finishReason : { unified: "stop", raw: "stop" } };
  }

  async doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    const result = await this.inner.doStream(options);
    // Text flows on at once; a tool call's parts wait until the call is judged.
    const held = new Map<string, LanguageModelV3StreamPart[]>();
    const said: string[] = [];
    let kept = 0;
    const stream = result.stream.pipeThrough(
      new TransformStream<LanguageModelV3StreamPart, LanguageModelV3StreamPart>({
        transform(part, out) {
          if (part.type === "tool-input-start" || part.type === "tool-input-delta" || part.type === "tool-input-end") {
            const list = held.get(part.id) ?? [];
            list.push(part);
            held.set(part.id, list);
            return;
          }
          if (part.type === "tool-call") {
            const parts = held.get(part.toolCallId) ?? [];
            held.delete(part.toolCallId);
            const no = objection(options, part.toolName, parseInput(part.input));
            if (no) return void said.push(no);
            kept++;
            for (const p of parts) out.enqueue(p);
            out.enqueue(part);
            return;
          }
          if (part.type === "finish" && said.length) {
            const id = "safety";
            out.enqueue({ type: "text-start", id });
            out.enqueue({ type: "text-delta", id, delta: [...new Set(said)].join(" ") });
            out.enqueue({ type: "text-end", id });
            out.enqueue(kept ? part : { ...part, finishReason: { unified: "stop", raw: "stop" } });
            return;
          }
          out.enqueue(part);
        },
      }),
    );
    return { ...result, stream };
  }
}
