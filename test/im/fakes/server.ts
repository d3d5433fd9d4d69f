/**
 * The small HTTP server under each platform fake: it records every request, lets a test script the
 * next answers (an error status, a dropped connection), and otherwise hands the request to the
 * fake's own handler, which answers the way the platform documents.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as a fake saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  text: string;
  /** The body parsed as JSON, when it is JSON. */
  json: any;
  /** The fake's clock when it arrived (ms). */
  at: number;
  /** performance.now() when it arrived, for latency figures. */
  hr: number;
}

/** A scripted answer: a status with a JSON body (and headers), or a dropped connection. */
export type Scripted = { status: number; body: unknown; headers?: Record<string, string> } | "drop-connection";

/** What a fake's handler returns. */
export interface FakeAnswer {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Bytes to send instead of the JSON body (a downloaded file), with their content type. */
  raw?: Uint8Array;
  contentType?: string;
}

export interface FakeServer {
  /** Origin, e.g. `http://127.0.0.1:PORT`. */
  url: string;
  requests: SeenRequest[];
  /** Answers for the next requests, in order; when empty, the platform logic answers. */
  script: Scripted[];
  /** The fake platform's clock; tests move it to expire tokens or open rate windows. */
  now: () => number;
  close(): Promise<void>;
}

export async function startFakeServer(handle: (req: SeenRequest) => FakeAnswer | Promise<FakeAnswer>, now: () => number = Date.now): Promise<FakeServer> {
  const fake: FakeServer = { url: "", requests: [], script: [], now, close: async () => {} };
  const server = createServer(async (req, res) => {
    const text = await readBody(req);
    const url = new URL(req.url ?? "/", "http://fake");
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const seen: SeenRequest = { method: req.method ?? "", path: url.pathname, query: url.searchParams, headers: req.headers, text, json, at: fake.now(), hr: performance.now() };
    fake.requests.push(seen);
    const scripted = fake.script.shift();
    if (scripted === "drop-connection") return req.socket.destroy();
    const out: FakeAnswer = scripted ?? (await handle(seen));
    if (out.raw) {
      res.writeHead(out.status ?? 200, { "content-type": out.contentType ?? "application/octet-stream", ...out.headers });
      return res.end(out.raw);
    }
    res.writeHead(out.status ?? 200, { "content-type": "application/json; charset=utf-8", ...out.headers });
    res.end(JSON.stringify(out.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Sends in a sliding window, as a platform counts them for its rate limit. */
export class WindowCounter {
  private readonly times: number[] = [];
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts a call at `now`; false when it is over the limit (and so not counted). */
  admit(now: number): boolean {
    while (this.times.length && this.times[0] <= now - this.windowMs) this.times.shift();
    if (this.times.length >= this.limit) return false;
    this.times.push(now);
    return true;
  }
}
