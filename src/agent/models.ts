import { createOpenAI } from "@ai-sdk/openai";
import type { LanguageModelV3, LanguageModelV3CallOptions } from "@ai-sdk/provider";
import { LOCAL_CALL_PREFIX, LocalIntentModel } from "./local-model.ts";

/** local: templates only; llm: the configured model only; local-first: templates, then the model for what they miss. */
export type ModelMode = "local" | "llm" | "local-first";

/** An OpenAI-compatible chat model, as configured (src/config.ts: OPENAI_API_KEY, OPENAI_BASE_URL, LLM_MODEL). */
export interface LlmSettings {
  apiKey: string;
  /** Another OpenAI-compatible server (DeepSeek, Qwen, Ollama, vLLM); unset: OpenAI. */
  baseURL?: string;
  model: string;
}

/** The language model the settings name. */
export function openAiCompatibleModel(settings: LlmSettings): LanguageModelV3 {
  const provider = createOpenAI({ apiKey: settings.apiKey, baseURL: settings.baseURL });
  // The chat-completions API is the one every compatible server (DeepSeek, Qwen, Ollama, vLLM) speaks.
  return provider.chat(settings.model);
}

/** The mode asked for, when it can run: an LLM mode without an LLM falls back to local. */
export function effectiveMode(wanted: ModelMode | undefined, hasLlm: boolean): ModelMode {
  if (wanted === "llm" || wanted === "local-first") return hasLlm ? wanted : "local";
  if (wanted === "local") return "local";
  return hasLlm ? "local-first" : "local";
}

/**
 * Sends each step to the local model when it understands the user, otherwise to the LLM; a tool
 * result goes back to whichever model asked for the call.
 */
export class LocalFirstModel implements LanguageModelV3 {
  readonly specificationVersion = "v3" as const;
  readonly provider = "local-first";
  readonly modelId: string;
  readonly supportedUrls = {};

  constructor(
    private readonly local: LocalIntentModel,
    private readonly llm: LanguageModelV3,
  ) {
    this.modelId = `local+${llm.modelId}`;
  }

  private async pick(options: LanguageModelV3CallOptions): Promise<LanguageModelV3> {
    const last = options.prompt.at(-1);
    if (last?.role === "tool") {
      const local = last.content.every((p) => p.type !== "tool-result" || p.toolCallId.startsWith(LOCAL_CALL_PREFIX));
      return local ? this.local : this.llm;
    }
    const d = await this.local.decidePrompt(options.prompt);
    return d && d.kind !== "none" ? this.local : this.llm;
  }

  async doGenerate(options: LanguageModelV3CallOptions) {
    return (await this.pick(options)).doGenerate(options);
  }
  async doStream(options: LanguageModelV3CallOptions) {
    return (await this.pick(options)).doStream(options);
  }
}
