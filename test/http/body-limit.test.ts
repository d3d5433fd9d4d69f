import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterEach, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../../src/attendance/permissions.ts";
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
  it("takes a 1.8 MB field photo on a punch and refuses a 2.2 MB one as INVALID_PHOTO, while other routes keep 1 MiB", async () => {
    const { sys, base, auth } = await start();
    const hq = await sys.sites.addSite(SYSTEM_ACTOR, { name: "总部", latitude: 31.2304, longitude: 121.4737, radiusM: 300, networks: [], active: true });
    await sys.sites.setDepartmentLocation(SYSTEM_ACTOR, "ENG", { rule: "siteOrField", sites: [hq.id] });
    /** A JPEG's bytes (its magic number, then filler) of `bytes` in all. */
    const jpeg = (bytes: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(bytes - 4, 7)]);
    const punch = (photo: Buffer) =>
      fetch(`${base}/api/punches`, { method: "POST", headers: auth, body: JSON.stringify({ kind: "in", location: { latitude: 31.2404, longitude: 121.4737, accuracyM: 20 }, remark: "客户现场", photo: photo.toString("base64") }) });
    const big = await punch(jpeg(2.2 * 1024 * 1024));
    expect(big.status).toBe(400);
    expect(await big.json()).toMatchObject({ error: { code: "INVALID_PHOTO", details: { maxBytes: 2 * 1024 * 1024 } } });
    expect(rowCounts(sys).punches).toBe(0);
    const photo = jpeg(1.8 * 1024 * 1024);
    const ok = await punch(photo);
    expect(ok.status).toBe(201);
    const { punch: recorded } = (await ok.json()) as { punch: { id: number; place: { kind: string; hasPhoto: boolean } } };
    expect(recorded.place).toMatchObject({ kind: "field", hasPhoto: true });
    const stored = await fetch(`${base}/api/punches/${recorded.id}/photo`, { headers: { authorization: auth.authorization } });
    expect(Buffer.from(await stored.arrayBuffer()).equals(photo)).toBe(true);
    // The same 1.8 MB anywhere else is over that route's 1 MiB.
    const elsewhere = await fetch(`${base}/api/me/place`, { method: "POST", headers: auth, body: JSON.stringify({ remark: "x".repeat(1.8 * 1024 * 1024) }) });
    expect(elsewhere.status).toBe(413);
    expect(await elsewhere.json()).toMatchObject({ error: { code: "BODY_TOO_LARGE", details: { maxBytes: 1024 * 1024 } } });
  });
});
