import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local HTTP server speaking OpenAI's chat-completions streaming wire format, including
 * `tool_calls` deltas: the edge we cannot reach from here, faked at the protocol.
 */
export interface FakeOpenAI {
  baseURL: string;
  requests: { messages: { role: string; content?: unknown; tool_calls?: unknown }[]; tools?: { function: { name: string } }[] }[];
  close(): Promise<void>;
}

type Script = (request: FakeOpenAI["requests"][number]) => { toolCall?: { name: string; args: string }; text?: string };

export async function startFakeOpenAI(script: Script): Promise<FakeOpenAI> {
  const requests: FakeOpenAI["requests"] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      if (req.url !== "/v1/chat/completions" || req.headers.authorization !== "Bearer sk-test") {
        res.writeHead(404).end();
        return;
      }
      const parsed = JSON.parse(body);
      requests.push(parsed);
      const answer = script(parsed);
      res.writeHead(200, { "content-type": "text/event-stream" });
      const base = { id: "chatcmpl-fake", object: "chat.completion.chunk", created: 1, model: parsed.model };
      const send = (delta: unknown, finish: string | null = null) => res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`);
      send({ role: "assistant", content: null });
      if (answer.toolCall) {
        const half = Math.ceil(answer.toolCall.args.length / 2);
        send({ tool_calls: [{ index: 0, id: "call_fake_1", type: "function", function: { name: answer.toolCall.name, arguments: "" } }] });
        send({ tool_calls: [{ index: 0, function: { arguments: answer.toolCall.args.slice(0, half) } }] });
        send({ tool_calls: [{ index: 0, function: { arguments: answer.toolCall.args.slice(half) } }] });
        send({}, "tool_calls");
      } else {
        for (const word of (answer.text ?? "").split(/(?<= )/)) send({ content: word });
        send({}, "stop");
      }
      res.write(`data: ${JSON.stringify({ ...base, choices: [], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } })}\n\n`);
      res.end("data: [DONE]\n\n");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { baseURL: `http://127.0.0.1:${port}/v1`, requests, close: () => new Promise((r) => server.close(() => r())) };
}
