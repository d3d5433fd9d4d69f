/**
 * The platforms' callback routes, `/im/<platform>/<endpoint>`, for the configured channels only.
 * Each takes the raw body (signatures cover its bytes), lets the channel verify and decode it,
 * answers at once with what the platform expects, and hands the events to the inbox afterwards:
 * Feishu and Slack give up on a callback after 3 seconds, WeCom after 5.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Channel } from "./channel.ts";
import type { Inbox } from "./inbox.ts";
import type { Platform } from "./message.ts";

/** Callbacks are small JSON, XML or form bodies; anything larger is not a platform's. */
const MAX_CALLBACK_BYTES = 256 * 1024;

export function imRoutes(channels: ReadonlyMap<Platform, Channel>, inbox: Pick<Inbox, "dispatch">, log: (line: string) => void = console.warn): Hono {
  const app = new Hono();
  app.use("/im/*", bodyLimit({ maxSize: MAX_CALLBACK_BYTES }));
  for (const [platform, channel] of channels) {
    for (const endpoint of channel.endpoints) {
      // WeCom checks its callback URL with a GET; everything else is POSTed.
      const methods = endpoint === "callback" ? ["GET", "POST"] : ["POST"];
      app.on(methods, `/im/${platform}/${endpoint}`, async (c) => {
        const body = c.req.method === "POST" ? await c.req.text() : "";
        const result = channel.receive({ method: c.req.method, endpoint, query: new URL(c.req.url).searchParams, headers: c.req.raw.headers, body });
        if (result.ok) afterAnswer(c.env, () => inbox.dispatch(platform, result.events));
        else log(`im ${platform}/${endpoint}: refused a callback: ${result.code} (${result.reason})`);
        return c.body(result.reply.body, result.reply.status as 200 | 401, { "content-type": result.reply.contentType });
      });
    }
  }
  // A platform left unconfigured says so, rather than falling through to the web client.
  app.all("/im/*", (c) => c.json({ error: { code: "IM_NOT_CONFIGURED", message: `No chat platform is configured at ${c.req.path}` } }, 404));
  return app;
}

/**
 * Runs `work` once the answer has left: on @hono/node-server, when the response is finished (its
 * bindings carry the Node response); elsewhere (app.request in tests) at once.
 */
function afterAnswer(env: unknown, work: () => void): void {
  const outgoing = (env as { outgoing?: { once(event: "finish" | "close", fn: () => void): void; writableFinished?: boolean } } | undefined)?.outgoing;
  if (!outgoing || outgoing.writableFinished) return work();
  let done = false;
  const once = () => {
    if (!done) (done = true), work();
  };
  outgoing.once("finish", once);
  // A platform that hangs up early still gets its message handled.
  outgoing.once("close", once);
}
