import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { Agent } from "../../src/agent/index.ts";
import { createApp } from "../../src/http/app.ts";
import { demoSystem, rowCounts } from "../helpers.ts";

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
  return { sys, app, baseURL: `http://127.0.0.1:${port}/v1` };
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
    const punch = (await sys.store.punches.lastRecorded(sys.user("wang").id));
    expect(punch?.method).toBe("voice");
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
