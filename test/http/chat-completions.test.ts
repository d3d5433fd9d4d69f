import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { Agent } from "../../src/agent/index.ts";
import { SYSTEM_ACTOR } from "../../src/attendance/permissions.ts";
import { createApp } from "../../src/http/app.ts";
import { demoSystem, rowCounts } from "../helpers.ts";
import { sessionCookie } from "./server-process.ts";

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((c) => c()));

async function start(now?: string) {
  const sys = await demoSystem(now);
  const agent = new Agent(sys);
  const app = createApp(sys, { agent });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => server.once("listening", r));
  closers.push(() => server.close());
  const { port } = server.address() as AddressInfo;
  return { sys, app, url: `http://127.0.0.1:${port}`, baseURL: `http://127.0.0.1:${port}/v1` };
}

const PASSWORD = "correct horse battery";

/** A turn sent over the socket as the page's conversation box sends it (its session cookie), or as Agora's engine does (`Bearer` its per-agent key). */
async function turn(url: string, caller: { cookie: string } | { bearer: string }, text: string): Promise<{ status: number; reply: string }> {
  const auth: Record<string, string> = "cookie" in caller ? { cookie: caller.cookie, "x-requested-with": "fetch" } : { authorization: `Bearer ${caller.bearer}` };
  const res = await fetch(`${url}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json", ...auth }, body: JSON.stringify({ messages: [{ role: "user", content: text }] }) });
  const body = (await res.json()) as { choices?: { message: { content: string } }[] };
  return { status: res.status, reply: body.choices?.[0]?.message.content ?? JSON.stringify(body) };
}

/** Signs `login` in through the sign-in endpoint, as the page does; returns its session cookie. */
async function pageSession(sys: Awaited<ReturnType<typeof demoSystem>>, url: string, login: string): Promise<string> {
  await sys.auth.setPassword(SYSTEM_ACTOR, login, PASSWORD);
  const res = await fetch(`${url}/api/auth/sign-in`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ login, password: PASSWORD }) });
  expect(res.status).toBe(200);
  return sessionCookie(res);
}

describe("POST /v1/chat/completions", () => {
  it("checks the caller in and streams the reply to the official openai client", async () => {
    const { sys, baseURL } = await start();
    const client = new OpenAI({ apiKey: await sys.token("wang"), baseURL });
    const stream = await client.chat.completions.create({ model: "anything-goes", stream: true, messages: [{ role: "user", content: "check me in" }] });
    const chunks: string[] = [];
    let finish: string | null = null;
    for await (const chunk of stream) {
      chunks.push(chunk.choices[0]?.delta?.content ?? "");
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(chunks.join("")).toBe("Checked in at 8:55, on time.");
    expect(finish).toBe("stop");
    // A program with an API token: an API client's punch.
    const punch = (await sys.store.punches.lastRecorded(sys.user("wang").id));
    expect(punch?.method).toBe("api");
  });

  it("records a punch by how its turn came: typed in the signed-in page's box is web, spoken through Agora's engine (a per-agent key) is voice", async () => {
    const { sys, url } = await start();
    const typed = await turn(url, { cookie: await pageSession(sys, url, "wang") }, "check me in");
    expect(typed).toEqual({ status: 200, reply: "Checked in at 8:55, on time." });
    expect(await sys.store.punches.lastRecorded(sys.user("wang").id)).toMatchObject({ method: "web", kind: "in" });
    const spoken = await turn(url, { bearer: sys.auth.issueAgentKey("li", 60_000) }, "上班打卡");
    expect(spoken.status).toBe(200);
    expect(await sys.store.punches.lastRecorded(sys.user("li").id)).toMatchObject({ method: "voice", kind: "in" });
    expect(rowCounts(sys).punches).toBe(2);
  });

  it("does not take the address of a per-agent key's request (Agora's server) as the employee's office network; the page's session from that address is on-site", async () => {
    const { sys, url } = await start();
    // Every request here comes over a real socket from 127.0.0.1, inside this site's network; wang's department must punch on site.
    const site = await sys.sites.addSite(SYSTEM_ACTOR, { name: "总部", latitude: 31.2304, longitude: 121.4737, radiusM: 300, networks: ["127.0.0.0/8"], active: true });
    await sys.sites.setDepartmentLocation(SYSTEM_ACTOR, "ENG", { rule: "site", sites: [site.id] });
    const agent = await turn(url, { bearer: sys.auth.issueAgentKey("wang", 60_000) }, "check me in");
    expect(agent.status).toBe(200);
    expect(agent.reply).toMatch(/^Punching needs your location/);
    expect(rowCounts(sys).punches).toBe(0);
    const page = await turn(url, { cookie: await pageSession(sys, url, "wang") }, "check me in");
    expect(page.reply).toContain("Punched on the office network (总部).");
    expect(await sys.store.punches.lastRecorded(sys.user("wang").id)).toMatchObject({ method: "web", place: { kind: "network", site: "总部" } });
  });

  it("answers without streaming too, in the language it was spoken to", async () => {
    const { sys, baseURL } = await start();
    const client = new OpenAI({ apiKey: await sys.token("wang"), baseURL });
    const res = await client.chat.completions.create({ model: "x", messages: [{ role: "system", content: "ignored" }, { role: "user", content: "帮我查一下这个月的出勤情况" }] });
    expect(res.choices[0].message.content).toMatch(/^你本月应出勤21天，已出勤0天/);
  });

  it("uses the caller's earlier messages for a follow-up", async () => {
    const { sys, baseURL } = await start();
    const client = new OpenAI({ apiKey: await sys.token("wang"), baseURL });
    const res = await client.chat.completions.create({
      model: "x",
      messages: [
        { role: "user", content: "I want to take annual leave" },
        { role: "assistant", content: "Which days would you like off?" },
        { role: "user", content: "December 1 to 3" },
      ],
    });
    expect(res.choices[0].message.content).toMatch(/Filed annual leave for December 1 to 3/);
    expect(await sys.store.leave.list({ statuses: ["pending"] })).toMatchObject([{ startDate: "2026-12-01", endDate: "2026-12-03", type: "annual" }]);
  });

  it("acts as the employee a per-agent key stands for, until it is revoked", async () => {
    const { sys, app } = await start();
    const key = sys.auth.issueAgentKey("li", 60_000);
    const ask = (bearer: string) =>
      app.request("/v1/chat/completions", { method: "POST", headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" }, body: JSON.stringify({ messages: [{ role: "user", content: "上班打卡" }] }) });
    expect((await ask(key)).status).toBe(200);
    expect((await sys.store.punches.lastRecorded(sys.user("li").id))).toBeDefined();
    sys.auth.revokeAgentKey(key);
    expect((await ask(key)).status).toBe(401);
  });

  it("returns OpenAI-style 400s for malformed bodies and writes nothing", async () => {
    const { sys, app } = await start();
    const before = rowCounts(sys);
    const token = await sys.token("wang");
    for (const body of ["{oops", JSON.stringify({ messages: [] }), JSON.stringify({ messages: [{ role: "wizard", content: "hi" }] }), JSON.stringify({ model: "x" })]) {
      const res = await app.request("/v1/chat/completions", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { type: "invalid_request_error", message: expect.any(String) } });
    }
    expect(rowCounts(sys)).toEqual(before);
  });
});
