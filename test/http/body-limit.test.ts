import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/http/app.ts";
import { demoSystem, rowCounts } from "../helpers.ts";

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((c) => c()));

/** The app on a real port, as the server runs it: the body limit reads the socket's headers. */
async function start() {
  const sys = await demoSystem();
  const app = createApp(sys);
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => server.once("listening", r));
  closers.push(() => server.close());
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { sys, base, auth: { authorization: `Bearer ${await sys.token("wang")}`, "content-type": "application/json" } };
}

/** Sends a body in chunks with Transfer-Encoding: chunked (no Content-Length). */
function chunked(url: string, headers: Record<string, string>, parts: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: "POST", headers }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode!, body }));
    });
    req.on("error", reject);
    for (const p of parts) req.write(p);
    req.end();
  });
}

describe("request bodies over a real socket", () => {
  it("checks in with no body at all, and refuses a body over 1 MiB by its Content-Length", async () => {
    const { sys, base, auth } = await start();
    const empty = await fetch(`${base}/api/punches/check-in`, { method: "POST", headers: { authorization: auth.authorization } });
    expect(empty.status).toBe(201);
    const before = rowCounts(sys);
    const huge = await fetch(`${base}/api/leave`, { method: "POST", headers: auth, body: JSON.stringify({ type: "annual", startDate: "2026-12-08", reason: "x".repeat(2 * 1024 * 1024) }) });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: { code: string } }).error.code).toBe("BODY_TOO_LARGE");
    expect(rowCounts(sys)).toEqual(before);
  });

  it("reads a chunked body (no Content-Length) under the limit", async () => {
    const { base, auth } = await start();
    const small = await chunked(`${base}/api/punches/check-in`, auth, ['{"method":', '"web"}']);
    expect(small.status).toBe(201);
    expect(JSON.parse(small.body)).toMatchObject({ kind: "in", punch: { method: "web" } });
  });
});
