/**
 * DingTalk's stream mode (Stream 模式): instead of taking callbacks at a public URL, the server opens
 * a WebSocket to DingTalk and robot messages arrive over it. The wire protocol is the one the
 * official `dingtalk-stream` SDK speaks (open.dingtalk.com "Stream 模式协议"):
 * - `POST {api}/v1.0/gateway/connections/open` with `{clientId, clientSecret, subscriptions, ua}`
 *   answers `{endpoint, ticket}`; the socket is `{endpoint}?ticket={ticket}`;
 * - every frame down is `{specVersion, type: SYSTEM|EVENT|CALLBACK, headers: {topic, messageId, ...}, data}`
 *   with `data` a JSON string; a robot message is a CALLBACK on `/v1.0/im/bot/messages/get` whose
 *   data is the same body HTTP mode receives;
 * - every CALLBACK is acknowledged with `{code: 200, headers: {contentType, messageId}, message: "OK",
 *   data}` (else DingTalk pushes it again within 60 s); a SYSTEM `ping` is echoed; a SYSTEM
 *   `disconnect` means the gateway will close the socket and a new ticket is needed.
 * The SDK itself is not used because it hard-codes api.dingtalk.com, so it could neither follow
 * `DINGTALK_API_BASE` nor be tested against a local DingTalk.
 */
import WebSocket from "ws";
import { PlatformError } from "../http.ts";

export const TOPIC_ROBOT = "/v1.0/im/bot/messages/get";

export interface StreamOptions {
  appKey: string;
  appSecret: string;
  /** The open API's base (`DINGTALK_API_BASE`, default https://api.dingtalk.com). */
  baseUrl: string;
  /** A robot message body, as HTTP mode would receive it. */
  onRobotMessage: (message: unknown) => void;
  log?: (line: string) => void;
  fetch?: typeof fetch;
  /** Waits between attempts after a failure or a closed socket (grows to 30 s). */
  retryMs?: number;
}

interface Downstream {
  type?: string;
  headers?: { topic?: string; messageId?: string; [k: string]: unknown };
  data?: string;
}

/** One connection to DingTalk's stream gateway, kept open (reconnecting) until `stop`. */
export class DingtalkStream {
  private socket: WebSocket | undefined;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;
  private failures = 0;
  private readonly log: (line: string) => void;

  constructor(private readonly o: StreamOptions) {
    this.log = o.log ?? console.warn;
  }

  start(): void {
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const socket = this.socket;
    if (!socket || socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      socket.once("close", () => resolve());
      socket.close();
    });
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    try {
      const url = await this.openTicket();
      if (this.stopped) return;
      const socket = new WebSocket(url);
      this.socket = socket;
      socket.on("open", () => (this.failures = 0));
      socket.on("message", (raw) => this.onFrame(socket, String(raw)));
      socket.on("error", (err) => this.log(`im dingtalk: stream socket error: ${err.message}`));
      socket.on("close", () => this.again());
    } catch (err) {
      this.log(`im dingtalk: cannot open the stream: ${err instanceof Error ? err.message : String(err)}`);
      this.again();
    }
  }

  private again(): void {
    if (this.stopped) return;
    const wait = Math.min(30_000, (this.o.retryMs ?? 1000) * 2 ** Math.min(this.failures++, 5));
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.connect(), wait);
  }

  private async openTicket(): Promise<string> {
    const res = await (this.o.fetch ?? fetch)(`${this.o.baseUrl.replace(/\/$/, "")}/v1.0/gateway/connections/open`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({
        clientId: this.o.appKey,
        clientSecret: this.o.appSecret,
        subscriptions: [{ type: "CALLBACK", topic: TOPIC_ROBOT }],
        ua: "voice-attendance",
      }),
    });
    const body = (await res.json().catch(() => ({}))) as { endpoint?: string; ticket?: string; code?: string; message?: string };
    if (!res.ok || !body.endpoint || !body.ticket)
      throw new PlatformError("dingtalk", body.code ?? `HTTP_${res.status}`, body.message ?? "the gateway gave no endpoint and ticket", res.status >= 500);
    return `${body.endpoint}?ticket=${encodeURIComponent(body.ticket)}`;
  }

  private onFrame(socket: WebSocket, raw: string): void {
    let frame: Downstream;
    try {
      frame = JSON.parse(raw) as Downstream;
    } catch {
      return this.log("im dingtalk: stream frame is not JSON; ignored");
    }
    const topic = frame.headers?.topic;
    if (frame.type === "SYSTEM") {
      if (topic === "ping") socket.send(JSON.stringify({ code: 200, headers: frame.headers, message: "OK", data: frame.data }));
      if (topic === "disconnect") socket.close();
      return;
    }
    const messageId = frame.headers?.messageId;
    if (!messageId) return;
    // Acknowledged first: handling goes on after, like the HTTP callback's at-once 200.
    socket.send(JSON.stringify({ code: 200, headers: { contentType: "application/json", messageId }, message: "OK", data: JSON.stringify({ response: null }) }));
    if (frame.type !== "CALLBACK" || topic !== TOPIC_ROBOT) return;
    try {
      this.o.onRobotMessage(JSON.parse(frame.data ?? ""));
    } catch {
      this.log(`im dingtalk: stream message ${messageId} has no JSON data; ignored`);
    }
  }
}
