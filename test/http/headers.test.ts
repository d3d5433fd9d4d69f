import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { createApp } from "../../src/http/app.ts";
import { agoraNotConfigured } from "../../src/rtc/agora/routes.ts";
import { demoSystem, tempDbPath } from "../helpers.ts";

/** A built page to serve (one file is enough for its headers). */
function distDir(): string {
  const dir = path.join(path.dirname(tempDbPath()), "dist");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "index.html"), "<!doctype html><title>t</title>");
  return dir;
}

const agoraEnv = {
  AGORA_APP_ID: "970CA35de60c44645bbae8a215061b33",
  AGORA_APP_CERTIFICATE: "5CFd2fd1755d40ecb72977518be15d3b",
  AGORA_CUSTOMER_ID: "c",
  AGORA_CUSTOMER_SECRET: "s",
  PUBLIC_BASE_URL: "https://example.test",
  AGORA_TTS_VENDOR: "microsoft",
};

describe("every response", () => {
  it("carries the security headers, a CSP without inline script, and no-store on the API", async () => {
    const sys = await demoSystem();
    const app = createApp(sys, { webDistDir: distDir() });
    const token = await sys.token("wang");
    for (const [url, init] of [
      ["/", {}],
      ["/leave", {}],
      ["/api/health", {}],
      ["/api/me", { headers: { authorization: `Bearer ${token}` } }],
      ["/api/me", {}], // an error
      ["/api/no-such-route", {}],
    ] as const) {
      const res = await app.request(url, init);
      const h = (name: string) => res.headers.get(name);
      expect(h("x-content-type-options"), url).toBe("nosniff");
      expect(h("referrer-policy"), url).toBe("no-referrer");
      expect(h("x-frame-options"), url).toBe("DENY");
      const csp = h("content-security-policy")!;
      expect(csp, url).toMatch(/(^|; )script-src 'self'(;|$)/);
      expect(csp, url).toMatch(/(^|; )frame-ancestors 'none'(;|$)/);
      expect(csp, url).toMatch(/(^|; )connect-src 'self'(;|$)/);
      expect(csp, url).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(h("permissions-policy"), url).toMatch(/microphone=\(self\)/);
      expect(h("permissions-policy"), url).toMatch(/geolocation=\(self\)/);
      expect(h("strict-transport-security"), url).toBeNull(); // plain HTTP
      if (url.startsWith("/api/")) expect(h("cache-control"), url).toBe("no-store");
    }
  });

  it("lets the page reach Agora's servers only when Agora is configured", async () => {
    const sys = await demoSystem();
    const agora = { ...agoraNotConfigured(), config: loadConfig(agoraEnv).agora };
    const csp = (await createApp(sys, { agora }).request("/api/health")).headers.get("content-security-policy")!;
    expect(csp).toMatch(/connect-src 'self' https:\/\/\*\.agora\.io wss:\/\/\*\.agora\.io/);
  });

  it("sends HSTS only over HTTPS with a real certificate, and trusts X-Forwarded-Proto only behind a proxy", async () => {
    const sys = await demoSystem();
    const viaProxy = { headers: { "x-forwarded-proto": "https" } };
    expect((await createApp(sys, { hsts: true, trustProxy: true }).request("/api/health", viaProxy)).headers.get("strict-transport-security")).toBe("max-age=31536000");
    expect((await createApp(sys, { hsts: true }).request("/api/health", viaProxy)).headers.get("strict-transport-security")).toBeNull();
    expect((await createApp(sys, { hsts: true }).request("https://attendance.example/api/health")).headers.get("strict-transport-security")).toBe("max-age=31536000");
  });
});

describe("/api/health", () => {
  it("tells a stranger only that the server is up, a signed-in person how each part is, and an admin where", async () => {
    const sys = await demoSystem();
    const engines = [
      { name: "stt", ready: false, missing: ["pocketsphinx"], hint: "apt-get install pocketsphinx pocketsphinx-en-us" },
      { name: "agora", ready: true, missing: [], hint: "app 970C…, LLM https://example.test/v1/chat/completions" },
    ];
    const app = createApp(sys, { database: sys.databaseFile, health: () => engines });
    const ask = async (login?: string) => (await app.request("/api/health", login ? { headers: { authorization: `Bearer ${await sys.token(login)}` } } : {})).text();
    expect(JSON.parse(await ask())).toEqual({ ok: true });
    const employee = await ask("wang");
    expect(JSON.parse(employee)).toEqual({ ok: true, engines: [engines[0], { ...engines[1], hint: "" }] });
    expect(employee).not.toContain(path.dirname(sys.databaseFile));
    expect(JSON.parse(await ask("admin"))).toEqual({ ok: true, demoMode: true, database: sys.databaseFile, engines });
  });
});
