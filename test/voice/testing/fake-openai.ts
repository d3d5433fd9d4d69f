/**
 * A local stand-in for OpenAI's audio endpoints, speaking their wire format: multipart
 * `POST /v1/audio/transcriptions` -> `{"text"}`, and `POST /v1/audio/speech` with
 * `response_format: "pcm"` -> raw 24 kHz PCM16, streamed. It cannot recognise speech: any
 * non-silent WAV is heard as `heardText`.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pcm16ToBytes, readWav, rmsDbfs } from "../../../src/voice/audio.ts";

export interface FakeOpenAi {
  baseURL: string;
  /** Requests seen, newest last. */
  requests: { path: string; auth?: string; model?: string; input?: string; format?: string; include?: string[] }[];
  close(): Promise<void>;
}

function body(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on("data", (d: Buffer) => parts.push(d));
    req.on("end", () => resolve(Buffer.concat(parts)));
    req.on("error", reject);
  });
}

/** Splits a multipart/form-data body into named fields. */
function multipart(raw: Buffer, contentType: string): Map<string, Buffer> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  const fields = new Map<string, Buffer>();
  if (!boundary) return fields;
  const sep = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let at = raw.indexOf(sep);
  while (at >= 0) {
    const next = raw.indexOf(sep, at + sep.length);
    if (next < 0) break;
    const part = raw.subarray(at + sep.length + 2, next - 2);
    const split = part.indexOf("\r\n\r\n");
    const head = part.subarray(0, split).toString();
    const name = /name="([^"]+)"/.exec(head)?.[1];
    if (name) fields.set(name, part.subarray(split + 4));
    at = next;
  }
  return fields;
}

export async function startFakeOpenAi(options: { heardText?: string; delayMs?: number; tokenLogprob?: number } = {}): Promise<FakeOpenAi> {
  const requests: FakeOpenAi["requests"] = [];
  const delay = () => new Promise((r) => setTimeout(r, options.delayMs ?? 20));
  const server: Server = createServer(async (req, res) => {
    const raw = await body(req);
    const auth = req.headers.authorization;
    if (req.method === "POST" && req.url === "/v1/audio/transcriptions") {
      const fields = multipart(raw, req.headers["content-type"] ?? "");
      const include = [...fields].filter(([k]) => k === "include[]" || k === "include").map(([, v]) => v.toString());
      requests.push({ path: req.url, auth, model: fields.get("model")?.toString(), include });
      await delay();
      const file = fields.get("file");
      let wav;
      try {
        wav = readWav(file ?? Buffer.alloc(0));
      } catch {
        res.writeHead(400, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: "Invalid file format.", type: "invalid_request_error" } }));
        return;
      }
      const heard = rmsDbfs(wav.pcm) > -50 ? (options.heardText ?? "Check me in.") : "";
      // With include[]=logprobs (gpt-4o transcription models), one entry per token.
      const logprobs = include.includes("logprobs")
        ? heard.split(/(?=\s)/).filter(Boolean).map((token) => ({ token, logprob: options.tokenLogprob ?? -0.05, bytes: [...Buffer.from(token)] }))
        : undefined;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(logprobs ? { text: heard, logprobs } : { text: heard }));
      return;
    }
    if (req.method === "POST" && req.url === "/v1/audio/speech") {
      const json = JSON.parse(raw.toString()) as { input: string; model: string; response_format?: string };
      requests.push({ path: req.url, auth, model: json.model, input: json.input, format: json.response_format });
      await delay();
      // 60 ms of a 220 Hz tone per character, at 24 kHz, sent in 100 ms pieces.
      const pcm = new Int16Array(Math.round(24_000 * 0.06 * json.input.length));
      for (let i = 0; i < pcm.length; i++) pcm[i] = Math.round(8000 * Math.sin((2 * Math.PI * 220 * i) / 24_000));
      res.writeHead(200, { "content-type": "audio/pcm" });
      const bytes = pcm16ToBytes(pcm);
      // Odd-sized pieces, as a real server may send: the client must re-align samples.
      for (let at = 0; at < bytes.length && !res.destroyed; at += 4801) {
        res.write(bytes.subarray(at, at + 4801));
        await new Promise((r) => setTimeout(r, 5));
      }
      res.end();
      return;
    }
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { message: "not found" } }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
