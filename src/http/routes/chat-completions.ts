import { randomUUID } from "node:crypto";
import type { ModelMessage } from "ai";
import { Hono } from "hono";
import { stream } from "hono/streaming";
import { z } from "zod";
import type { Agent } from "../../agent/index.ts";
import type { AuthService } from "../../auth/sign-in.ts";

const Content = z.union([z.string(), z.array(z.object({ type: z.string(), text: z.string().optional() }).passthrough())]).nullish();
const Body = z.object({
  model: z.string().optional(),
  messages: z
    .array(z.object({ role: z.enum(["system", "developer", "user", "assistant", "tool", "function"]), content: Content }).passthrough())
    .min(1),
  stream: z.boolean().optional(),
});

/** OpenAI's error shape, which OpenAI clients parse. */
function openAiError(message: string, type: string, code: string | null, status: 400 | 401 | 500) {
  return Response.json({ error: { message, type, param: null, code } }, { status });
}

const textOf = (content: z.infer<typeof Content>): string =>
  typeof content === "string" ? content : (content ?? []).map((p) => (p.type === "text" ? p.text ?? "" : "")).join("");

/**
 * POST /v1/chat/completions, OpenAI-compatible. Tools run here as the caller; the reply carries
 * text only (Agora's engine does not process tool_calls). The caller's messages are the history.
 */
export function chatCompletionsRoutes(deps: { auth: AuthService; agent: Agent }) {
  return new Hono().post("/chat/completions", async (c) => {
    const user = await deps.auth.userForBearer(c.req.header("authorization"), { agentKeys: true });
    if (!user) return openAiError("Missing or invalid bearer token (a user token or a per-agent key)", "invalid_request_error", "invalid_api_key", 401);
    let body: z.infer<typeof Body>;
    try {
      body = Body.parse(JSON.parse(await c.req.text()));
    } catch (err) {
      const message = err instanceof z.ZodError ? `Invalid request: ${err.issues[0]?.path.join(".")} ${err.issues[0]?.message}` : "The body is not valid JSON";
      return openAiError(message, "invalid_request_error", "invalid_request", 400);
    }
    const lastUser = body.messages.findLastIndex((m) => m.role === "user");
    if (lastUser < 0 || !textOf(body.messages[lastUser].content).trim()) return openAiError("messages must include a user message with text", "invalid_request_error", "invalid_request", 400);
    const history: ModelMessage[] = body.messages
      .slice(0, lastUser)
      .filter((m) => m.role === "user" || m.role === "assistant")
      .map((m) => ({ role: m.role as "user" | "assistant", content: textOf(m.content) }))
      .filter((m) => m.content);
    const conversation = deps.agent.conversation(user, history);
    const text = textOf(body.messages[lastUser].content);
    const id = `chatcmpl-${randomUUID()}`;
    const created = Math.floor(Date.now() / 1000);
    const model = body.model ?? "attendance-assistant";
    const chunk = (delta: Record<string, string>, finish: string | null) =>
      `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

    if (!body.stream) {
      let reply = "";
      for await (const e of conversation.run(text, { signal: c.req.raw.signal })) if (e.type === "text-delta") reply += e.text;
      return c.json({
        id,
        object: "chat.completion",
        created,
        model,
        choices: [{ index: 0, message: { role: "assistant", content: reply }, finish_reason: "stop" }],
        usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      });
    }
    c.header("content-type", "text/event-stream; charset=utf-8");
    c.header("cache-control", "no-cache");
    return stream(c, async (out) => {
      const abort = new AbortController();
      out.onAbort(() => abort.abort());
      // The role chunk goes out at once so the caller hears from us before any work is done.
      await out.write(chunk({ role: "assistant", content: "" }, null));
      for await (const e of conversation.run(text, { signal: abort.signal })) {
        if (e.type === "text-delta" && e.text) await out.write(chunk({ content: e.text }, null));
      }
      await out.write(chunk({}, "stop"));
      await out.write("data: [DONE]\n\n");
    });
  });
}
