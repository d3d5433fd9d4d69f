import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import Provider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../../src/attendance/permissions.ts";
import { loadConfig } from "../../src/config.ts";
import { createApp } from "../../src/http/app.ts";
import { openSystem } from "../../src/system.ts";
import { CHEAP_HASHING, tempDbPath, testClock } from "../helpers.ts";
import { ENGLISH, STAFF, writeCsv } from "./staff-files.ts";

/** The people the provider knows: two from the staff list, and one the company does not. */
const ACCOUNTS: Record<string, { email: string; name: string }> = {
  lina: { email: "Li.Na@acme.cn", name: "李娜" },
  liuyang: { email: "liuyang@acme.cn", name: "Liu Yang" },
  stranger: { email: "stranger@elsewhere.example", name: "Stranger" },
};
const APP = "http://127.0.0.1:8787";
const CALLBACK = `${APP}/api/auth/oidc/callback`;

let server: Server;
let issuer: string;

/** A real OpenID provider (oidc-provider) on a loopback port, with its development login and consent pages. */
beforeAll(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: "attendance", client_secret: "attendance-secret", redirect_uris: [CALLBACK], grant_types: ["authorization_code"], response_types: ["code"] }],
    claims: { email: ["email", "email_verified"], profile: ["name", "preferred_username"] },
    findAccount: async (_ctx, id) =>
      ACCOUNTS[id] && {
        accountId: id,
        claims: async () => ({ sub: id, email: ACCOUNTS[id].email, email_verified: true, name: ACCOUNTS[id].name, preferred_username: id }),
      },
    pkce: { required: () => true },
    cookies: { keys: ["test-cookie-key"] },
  });
  server.on("request", provider.callback());
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A company (alice, then the staff list) whose server trusts that provider. */
async function company(env: Record<string, string> = {}) {
  const config = loadConfig({ OIDC_ISSUER: issuer, OIDC_CLIENT_ID: "attendance", OIDC_CLIENT_SECRET: "attendance-secret", OIDC_NAME: "Acme SSO", PUBLIC_BASE_URL: APP, ...env });
  const db = tempDbPath();
  const sys = await openSystem({ db, config, clock: testClock(new Date().toISOString()), seed: "none", passwordHashing: CHEAP_HASHING });
  await sys.auth.initAdmin("alice", "Alice Admin");
  const report = await sys.directory.importFile(SYSTEM_ACTOR, readFileSync(writeCsv(path.dirname(db), "staff.csv", ENGLISH, STAFF, false)), { createDepartments: true });
  expect(report.applied).toBe(true);
  return { sys, app: createApp(sys, { publicBaseUrl: APP }) };
}

/** Cookies as a browser keeps them for one site (no paths or expiry needed here). */
class Jar {
  private readonly cookies = new Map<string, string>();
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const i = pair.indexOf("=");
      const value = pair.slice(i + 1);
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(pair.slice(0, i));
      else this.cookies.set(pair.slice(0, i), value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/** The form on a provider page: where it posts and its hidden fields. */
function form(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)![1];
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) fields[m[1]] = m[2];
  return { action, fields };
}

/**
 * A browser signing in: our start page, the provider's login form (as `login`), its consent form,
 * and back to our callback, whose answer is returned (`tamper` changes the URL first).
 */
async function signIn(app: ReturnType<typeof createApp>, login: string, tamper: (callback: URL) => void = () => {}): Promise<{ res: Response; ours: Jar }> {
  const ours = new Jar();
  const theirs = new Jar();
  const start = await app.request(`${APP}/api/auth/oidc/start`);
  expect(start.status).toBe(302);
  ours.take(start);
  let url = new URL(start.headers.get("location")!);
  expect(url.searchParams.get("code_challenge_method")).toBe("S256");
  for (let hop = 0; hop < 20; hop++) {
    if (url.href.startsWith(CALLBACK)) {
      tamper(url);
      const res = await app.request(url.href, { headers: { cookie: ours.header() } });
      ours.take(res);
      return { res, ours };
    }
    let res = await fetch(url, { redirect: "manual", headers: { cookie: theirs.header() } });
    theirs.take(res);
    if (res.status === 200) {
      const page = form(await res.text());
      const body = new URLSearchParams({ ...page.fields, ...(page.fields.prompt === "login" ? { login, password: "any" } : {}) });
      res = await fetch(new URL(page.action, url), { method: "POST", redirect: "manual", body, headers: { cookie: theirs.header(), "content-type": "application/x-www-form-urlencoded" } });
      theirs.take(res);
    }
    expect([302, 303]).toContain(res.status);
    url = new URL(res.headers.get("location")!, url);
  }
  throw new Error("the provider never sent the browser back");
}

describe("single sign-on with a real OpenID provider", () => {
  it("signs a known employee in through the full redirect flow, ending in a session", async () => {
    const { sys, app } = await company();
    const methods = await (await app.request("/api/auth/methods")).json();
    expect(methods).toMatchObject({ password: true, oidc: { name: "Acme SSO" } });
    const { res, ours } = await signIn(app, "lina");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/");
    const me = (await (await app.request("/api/me", { headers: { cookie: ours.header() } })).json()) as { login: string };
    expect(me.login).toBe("lina");
    await sys.close();
  });

  it("refuses someone the directory does not know with a page saying so, creating nobody", async () => {
    const { sys, app } = await company();
    const { res, ours } = await signIn(app, "stranger");
    expect(res.status).toBe(403);
    const page = await res.text();
    expect(page).toContain("不在本公司的员工名录中");
    expect(page).toContain("not in this company's directory");
    expect(ours.header()).not.toMatch(/session=/);
    expect(await sys.people.forSingleSignOn("email", "stranger@elsewhere.example")).toBeUndefined();
    await sys.close();
  });

  it("refuses a tampered state, and a person marked as left", async () => {
    const { sys, app } = await company();
    const tampered = await signIn(app, "lina", (u) => u.searchParams.set("state", "forged-state"));
    expect(tampered.res.status).toBe(400);
    expect(await tampered.res.text()).toContain("did not start here");
    await sys.directory.markLeft(SYSTEM_ACTOR, "lina", "2026-12-01");
    const left = await signIn(app, "lina");
    expect(left.res.status).toBe(403);
    expect(await left.res.text()).toContain("You have left the company");
    await sys.close();
  });

  it("with OIDC_CREATE_UNKNOWN=1 creates a verified stranger in the default department, audited; matches by preferred_username when told", async () => {
    const { sys, app } = await company({ OIDC_CREATE_UNKNOWN: "1", OIDC_DEFAULT_DEPARTMENT: "SALES" });
    const { res } = await signIn(app, "stranger");
    expect(res.status).toBe(302);
    const created = (await sys.people.forSingleSignOn("email", "stranger@elsewhere.example"))!;
    expect(created).toMatchObject({ login: "stranger", role: "employee", status: "active" });
    expect((await sys.directory.employee(SYSTEM_ACTOR, "stranger")).department).toBe("SALES");
    await sys.close();
    const byName = await company({ OIDC_MATCH: "preferred_username" });
    const liu = await signIn(byName.app, "liuyang");
    expect(liu.res.status).toBe(302);
    await byName.sys.close();
  });

  it("with PASSWORD_SIGN_IN=0 refuses passwords except an admin's", async () => {
    const { sys, app } = await company({ PASSWORD_SIGN_IN: "0" });
    await sys.auth.setPassword(SYSTEM_ACTOR, "lina", "lina's long passphrase");
    await sys.auth.setPassword(SYSTEM_ACTOR, "alice", "alice's long passphrase");
    const post = (login: string, password: string) => app.request("/api/auth/sign-in", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ login, password }) });
    expect((await post("lina", "lina's long passphrase")).status).toBe(401);
    expect((await post("alice", "alice's long passphrase")).status).toBe(200);
    expect(await (await app.request("/api/auth/methods")).json()).toMatchObject({ password: false, oidc: { name: "Acme SSO" } });
    await sys.close();
  });
});
