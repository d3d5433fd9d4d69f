import type { ModelMessage } from "ai";
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import type { TurnRunner } from "../../agent/turn.ts";
import type { PlaceEvidence } from "../../attendance/places.ts";
import { LocationSchema } from "../../attendance/schemas.ts";
import type { Employee, PunchMethod } from "../../attendance/types.ts";
import type { AuthService } from "../../auth/sign-in.ts";
import { requireUser, type AuthEnv, type Credential } from "../auth.ts";
import { ApiError } from "../errors.ts";
import { valid } from "../validate.ts";

const Content = z.union([z.string(), z.array(z.object({ type: z.string(), text: z.string().optional() }).passthrough())]).nullish();
const Body = z.object({
  model: z.string().optional(),
  messages: z
    .array(z.object({ role: z.enum(["system", "developer", "user", "assistant", "tool", "function"]), content: Content }).passthrough())
    .min(1),
  stream: z.boolean().optional(),
  /**
   * Our extension (other clients leave it out): where the device is, for a punch this turn makes
   * under a location rule, as the punch button sends it.
   */
  location: LocationSchema.nullish(),
});

/** What answers the turns: the agent (absent, the endpoint answers 503). */
export interface ChatAgent {
  /**
   * `place`: where a punch made in the turn is (the request's location and client address);
   * `punchMethod`: how the turn reached us, recorded on that punch.
   */
  conversation(user: Employee, history?: ModelMessage[], options?: { punchMethod?: PunchMethod; place?: () => PlaceEvidence | undefined }): TurnRunner;
}

/**
 * How a turn's punch was made, told by who called: Agora's engine (a per-agent key) heard it
 * spoken; the signed-in page (its session cookie) had it typed in the conversation box; any
 * other program (an API token) is an API client.
 */
const PUNCH_METHOD: Record<Credential["kind"], PunchMethod> = { "agent-key": "voice", session: "web", token: "api" };

const textOf = (content: z.infer<typeof Content>): string =>
  typeof content === "string" ? content : (content ?? []).map((p) => (p.type === "text" ? p.text ?? "" : "")).join("");

/**
 * POST /v1/chat/completions, OpenAI-compatible. Tools run here as the caller; the reply carries
 * text only (Agora's engine does not process tool_calls). The caller's messages are the history.
 * Errors go through the app's one error handler, which words them as OpenAI clients expect.
 */
export function chatCompletionsRoutes(deps: { auth: AuthService; agent?: ChatAgent }) {
  return new Hono<AuthEnv>().post(
    "/chat/completions",
    // Signed in first (a user token, or the per-agent key Agora's engine sends): an anonymous
    // caller learns nothing about the body it sent.
    requireUser(deps.auth, { agentKeys: true }),
    async (c, next) => {
      if (!deps.agent) throw new ApiError(503, "AGENT_UNAVAILABLE", "The assistant is not running on this server");
      await next();
    },
    valid("json", Body, "INVALID_REQUEST"),
    async (c) => {
      const user = c.get("user");
      const body = c.req.valid("json");
      const lastUser = body.messages.findLastIndex((m) => m.role === "user");
      if (lastUser < 0 || !textOf(body.messages[lastUser].content).trim()) throw new ApiError(400, "INVALID_REQUEST", "messages must include a user message with text");
      const history: ModelMessage[] = body.messages
        .slice(0, lastUser)
        .filter((m) => m.role === "user" || m.role === "assistant")
        .map((m) => ({ role: m.role as "user" | "assistant", content: textOf(m.content) }))
        .filter((m) => m.content);
      // A punch in this turn is judged like the button's: the page's location, and the client's
      // address for office networks. Agora's engine calls with a per-agent key from its own
      // servers, so its address says nothing about where the person is.
      const credential = c.get("credential").kind;
      const address = credential === "agent-key" ? null : c.get("client").address;
      const place: PlaceEvidence = { location: body.location ?? null, address };
      const conversation = deps.agent!.conversation(user, history, { punchMethod: PUNCH_METHOD[credential], place: () => place });
      const text = textOf(body.messages[lastUser].content);
      const id = `chatcmpl-${crypto.randomUUID()}`;
      const created = Math.floor(Date.now() / 1000);
      const model = body.model ?? "attendance-assistant";
      const chunk = (delta: Record<string, string>, finish: string | null) =>
        JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta, finish_reason: finish }] });

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
      return streamSSE(c, async (out) => {
        const abort = new AbortController();
        out.onAbort(() => abort.abort());
        // The role chunk goes out at once so the caller hears from us before any work is done.
        await out.writeSSE({ data: chunk({ role: "assistant", content: "" }, null) });
        for await (const e of conversation.run(text, { signal: abort.signal })) {
          if (e.type === "text-delta" && e.text) await out.writeSSE({ data: chunk({ content: e.text }, null) });
        }
        await out.writeSSE({ data: chunk({}, "stop") });
        await out.writeSSE({ data: "[DONE]" });
      });
    },
  );
}
