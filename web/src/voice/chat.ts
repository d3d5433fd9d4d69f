/**
 * Typed turns: `POST /v1/chat/completions` with `stream: true`, the same endpoint and tools a
 * spoken turn uses. Yields the reply's text pieces as the server streams them.
 */
import { ApiError, pageHeaders } from "../api.ts";
import type { PunchLocation } from "../components/punch-place.ts";

export interface ChatMessage {
  role: "user" | "assistant";
  content: string;
}

/** `location`: where the device is, for a punch the turn makes (the server's extension field). */
export async function* streamChat(messages: ChatMessage[], signal?: AbortSignal, location?: PunchLocation): AsyncGenerator<string> {
  const response = await fetch("/v1/chat/completions", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream", ...pageHeaders() },
    credentials: "same-origin",
    body: JSON.stringify({ model: "attendance-assistant", stream: true, messages, ...(location ? { location } : {}) }),
    signal,
  });
  if (!response.ok || !response.body) {
    // The app's error shape or OpenAI's ({error: {code, message}}): worded from the code by the page.
    const body = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | undefined;
    throw new ApiError(response.status, body?.error?.code ?? `HTTP_${response.status}`, body?.error?.message ?? `HTTP ${response.status}`, body?.error?.details ?? {});
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      for (const line of event.split("\n")) {
        if (!line.startsWith("data:")) continue;
        const data = line.slice(5).trim();
        if (data === "[DONE]") return;
        const chunk = JSON.parse(data) as { choices?: { delta?: { content?: string } }[] };
        const text = chunk.choices?.[0]?.delta?.content;
        if (text) yield text;
      }
    }
  }
}
