/**
 * Test doubles at the edge only: a local HTTP server that checks requests the way Agora's
 * Conversational AI REST API documents them and answers like it, and a token reader built on
 * agora-token's own parser.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";

export const APP_ID = "970CA35de60c44645bbae8a215061b33";
export const APP_CERTIFICATE = "5CFd2fd1755d40ecb72977518be15d3b";
export const CUSTOMER_ID = "customer-id";
export const CUSTOMER_SECRET = "customer-secret";

/** One request as the fake server saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

/** A scripted answer; `undefined` means "answer like Agora does for a valid request". */
export type Answer = { status: number; body?: unknown } | "drop-connection" | undefined;

export interface FakeAgora {
  /** Origin to use as AGORA_API_BASE. */
  url: string;
  requests: SeenRequest[];
  /** Answers for the next requests, in order; when empty, requests are answered normally. */
  script: Answer[];
  close(): Promise<void>;
}

const JOIN_PATH = `/api/conversational-ai-agent/v2/projects/${APP_ID}/join`;
const LEAVE_PATH = new RegExp(`^/api/conversational-ai-agent/v2/projects/${APP_ID}/agents/([^/]+)/leave$`);

/** Starts the fake on 127.0.0.1 at a random port. */
export async function startFakeAgora(): Promise<FakeAgora> {
  const fake: FakeAgora = { url: "", requests: [], script: [], close: async () => {} };
  let agentCounter = 0;
  const server = createServer(async (req, res) => {
    const text = await readBody(req);
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    fake.requests.push({ method: req.method ?? "", path: req.url ?? "", authorization: req.headers.authorization, body });
    const reply = (status: number, payload: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(payload));
    };

    const scripted = fake.script.shift();
    if (scripted === "drop-connection") return req.socket.destroy();
    if (scripted) return reply(scripted.status, scripted.body ?? {});

    const expected = `Basic ${Buffer.from(`${CUSTOMER_ID}:${CUSTOMER_SECRET}`).toString("base64")}`;
    if (req.headers.authorization !== expected) {
      return reply(401, { detail: "Invalid authentication credentials", reason: "InvalidCredentials" });
    }
    if (req.method === "POST" && req.url === JOIN_PATH) {
      const problem = joinProblem(body);
      if (problem) return reply(400, { detail: problem, reason: "InvalidRequest" });
      agentCounter += 1;
      return reply(200, { agent_id: `agent-${agentCounter}`, create_ts: 1737111452, status: "RUNNING" });
    }
    if (req.method === "POST" && LEAVE_PATH.test(req.url ?? "")) return reply(200, {});
    return reply(404, { detail: "not found", reason: "NotFound" });
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

/** What Agora's join reference marks required, and the types it requires. */
function joinProblem(body: unknown): string | undefined {
  const b = body as { name?: unknown; properties?: Record<string, unknown> } | undefined;
  if (typeof b?.name !== "string" || b.name === "") return "name is required";
  const p = b.properties;
  if (!p || typeof p !== "object") return "properties is required";
  for (const field of ["channel", "token", "agent_rtc_uid"]) {
    if (typeof p[field] !== "string" || p[field] === "") return `properties.${field} must be a non-empty string`;
  }
  const uids = p.remote_rtc_uids;
  if (!Array.isArray(uids) || uids.length === 0 || !uids.every((u) => typeof u === "string")) {
    return "properties.remote_rtc_uids must be an array of strings";
  }
  const llm = p.llm as Record<string, unknown> | undefined;
  if (typeof llm?.url !== "string" || !/^https?:\/\//.test(llm.url)) return "properties.llm.url must be a URL";
  if (llm.system_messages !== undefined && !Array.isArray(llm.system_messages)) {
    return "properties.llm.system_messages must be an array";
  }
  const tts = p.tts as Record<string, unknown> | undefined;
  if (typeof tts?.vendor !== "string" || typeof tts.params !== "object") return "properties.tts needs vendor and params";
  return undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

interface ParsedToken {
  appId: string;
  issueTs: number;
  expire: number;
  salt: number;
  // The reader returns byte strings as Buffers.
  services: Array<{ __channel_name: Buffer; __uid: Buffer; __privileges: Record<string, number> }>;
  from_string(token: string): boolean;
  verifySignature(certificate: string): boolean;
}

const require = createRequire(import.meta.url);
const { AccessToken2 } = require("agora-token/src/AccessToken2.js") as {
  AccessToken2: new () => ParsedToken;
};

/** Parses a 007 token with agora-token's own reader and checks its signature. */
export function readToken(token: string) {
  const parsed = new AccessToken2();
  if (!parsed.from_string(token)) throw new Error("not an AccessToken2 token");
  const rtc = parsed.services[0]!;
  return {
    appId: String(parsed.appId),
    issueTs: parsed.issueTs,
    expire: parsed.expire,
    salt: parsed.salt,
    channel: rtc.__channel_name.toString("utf8"),
    uid: rtc.__uid.toString("utf8"),
    privileges: rtc.__privileges,
    signatureValid: parsed.verifySignature(APP_CERTIFICATE),
  };
}
