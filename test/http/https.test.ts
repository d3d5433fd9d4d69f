import { existsSync, readFileSync, statSync } from "node:fs";
import { request } from "node:https";
import { describe, expect, it } from "vitest";
import { selfSignedFilesFor } from "../../src/http/tls.ts";
import { tempDbPath } from "../helpers.ts";
import { startServer } from "./server-process.ts";

/** An HTTPS request that trusts exactly `ca` (the server's own self-signed certificate). */
function get(url: string, ca: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request(url, { method: init.method ?? "GET", headers: init.headers, ca }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

describe("HTTPS with TLS_SELF_SIGNED=1", { timeout: 180_000 }, () => {
  it("serves the page and the API with a certificate kept beside the database, and a Secure __Host- cookie", async () => {
    // The server serves web/dist, as after `npm start`'s build; a clean checkout has none yet.
    if (!existsSync("web/dist/index.html")) await (await import("vite")).build({ configFile: "vite.config.ts", logLevel: "warn" });
    const db = tempDbPath();
    const { url, log } = await startServer({ ATTENDANCE_DB: db, TLS_SELF_SIGNED: "1" });
    expect(url).toMatch(/^https:/);
    const files = selfSignedFilesFor(db);
    expect(log()).toContain(`HTTPS: self-signed ${files.cert}`);
    expect(statSync(files.key).mode & 0o777).toBe(0o600);
    const ca = readFileSync(files.cert, "utf8");

    const page = await get(`${url}/`, ca);
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toMatch(/text\/html/);
    expect(page.headers["content-security-policy"]).toMatch(/script-src 'self'/);
    // A self-signed certificate gets no HSTS: browsers would never again let anyone past it.
    expect(page.headers["strict-transport-security"]).toBeUndefined();

    expect(JSON.parse((await get(`${url}/api/health`, ca)).body)).toEqual({ ok: true });
    const signIn = await get(`${url}/api/auth/sign-in`, ca, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ login: "wang" }) });
    expect(signIn.status).toBe(200);
    const [cookie] = signIn.headers["set-cookie"] as string[];
    expect(cookie).toMatch(/^__Host-session=[\w-]+; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    const me = await get(`${url}/api/me`, ca, { headers: { cookie: cookie.split(";")[0] } });
    expect(JSON.parse(me.body)).toMatchObject({ login: "wang" });
  });
});
