import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Agent } from "../../../src/agent/index.ts";
import { loadConfig } from "../../../src/config.ts";
import { createApp } from "../../../src/http/app.ts";
import { createAgoraAgentClient } from "../../../src/rtc/agora/client.ts";
import { stopAllAgoraAgents } from "../../../src/rtc/agora/routes.ts";
import { agoraDeps } from "../../../src/system.ts";
import { demoSystem, rowCounts } from "../../helpers.ts";
import {
  APP_CERTIFICATE,
  APP_ID,
  CUSTOMER_ID,
  CUSTOMER_SECRET,
  readToken,
  startFakeAgora,
  type FakeAgora,
} from "./fake-agora.ts";

type EnvLike = Record<string, string | undefined>;

function envFor(agora: FakeAgora): EnvLike {
  return {
    AGORA_APP_ID: APP_ID,
    AGORA_APP_CERTIFICATE: APP_CERTIFICATE,
    AGORA_CUSTOMER_ID: CUSTOMER_ID,
    AGORA_CUSTOMER_SECRET: CUSTOMER_SECRET,
    PUBLIC_BASE_URL: "https://attendance.example.com/",
    AGORA_API_BASE: agora.url,
    AGORA_TTS_VENDOR: "microsoft",
    AGORA_TTS_PARAMS: '{"key":"tts-key","region":"eastasia","voice_name":"zh-CN-XiaoxiaoNeural"}',
  };
}

/**
 * The real app on the demo organisation: real sign-in, the real per-agent keys, the real chat
 * endpoint and agent. Only Agora's cloud is faked, at its REST edge.
 */
async function makeApp(env: EnvLike, agora?: FakeAgora) {
  const sys = await demoSystem();
  const config = loadConfig(env).agora;
  const client = createAgoraAgentClient({
    apiBase: agora?.url ?? "http://127.0.0.1:9",
    appId: APP_ID,
    customerId: CUSTOMER_ID,
    customerSecret: env.AGORA_CUSTOMER_SECRET ?? "",
    sleep: async () => {},
  });
  const deps = await agoraDeps(sys, config, client);
  const app = createApp(sys, { agent: new Agent(sys), agora: deps });
  /** Asks the chat endpoint, as Agora's engine does, with a per-agent key. */
  const chat = (key: string, content: string) =>
    app.request("/v1/chat/completions", { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify({ messages: [{ role: "user", content }] }) });
  /** The key Agora was given for its n-th join. */
  const keyOf = (n = 0) => (agora!.requests.filter((r) => r.path.endsWith("/join"))[n]!.body as { properties: { llm: { api_key: string } } }).properties.llm.api_key;
  return { sys, deps, app, chat, keyOf };
}

const asUser = async (sys: { token(login: string): Promise<string> }, login: string, method = "POST") => ({ method, headers: { authorization: `Bearer ${await sys.token(login)}` } });

describe("/api/agora routes", () => {
  let agora: FakeAgora;
  beforeEach(async () => {
    agora = await startFakeAgora();
  });
  afterEach(() => agora.close());

  it("answers 503 naming the missing variables when Agora is not configured", async () => {
    const { app, sys } = await makeApp({ AGORA_APP_ID: APP_ID });
    for (const [path, method] of [
      ["/api/agora/session", "POST"],
      ["/api/agora/session/agent-1", "DELETE"],
    ] as const) {
      const res = await app.request(path, await asUser(sys, "wang", method));
      expect(res.status).toBe(503);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("AGORA_NOT_CONFIGURED");
      for (const name of ["AGORA_APP_CERTIFICATE", "AGORA_CUSTOMER_ID", "AGORA_CUSTOMER_SECRET", "PUBLIC_BASE_URL"]) {
        expect(body.error.message).toContain(name);
      }
      expect(body.error.message).not.toContain("AGORA_APP_ID,");
    }
    expect(agora.requests).toEqual([]);
  });

  it("starts an agent for the signed-in employee whose LLM is our endpoint with a fresh per-agent key", async () => {
    const { app, sys, deps, chat } = await makeApp(envFor(agora), agora);
    const res = await app.request("/api/agora/session", await asUser(sys, "wang"));
    expect(res.status).toBe(200);
    const session = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(session).sort()).toEqual(["agentId", "agentUid", "appId", "channel", "token", "uid"]);
    expect(session).toMatchObject({ appId: APP_ID, agentId: "agent-1" });
    expect(session.channel).toMatch(/^att-wang-[0-9a-f]{8}$/);
    expect(session.uid).not.toBe(session.agentUid);

    // The browser's token: signed, for its uid in its channel, publisher, one hour.
    const userToken = readToken(session.token as string);
    expect(userToken).toMatchObject({ signatureValid: true, channel: session.channel, uid: String(session.uid) });
    expect(userToken.privileges).toEqual({ 1: 3600, 2: 3600, 3: 3600, 4: 3600 });

    // What Agora received.
    expect(agora.requests).toHaveLength(1);
    const { name, properties: p } = agora.requests[0]!.body as { name: string; properties: any };
    expect(name).toBe(session.channel);
    expect(p.channel).toBe(session.channel);
    expect(p.agent_rtc_uid).toBe(String(session.agentUid));
    expect(p.remote_rtc_uids).toEqual([String(session.uid)]);
    expect(readToken(p.token)).toMatchObject({ signatureValid: true, uid: String(session.agentUid) });
    expect(p.idle_timeout).toBe(30);
    expect(p.llm.url).toBe("https://attendance.example.com/v1/chat/completions");
    expect(p.llm.system_messages).toEqual([{ role: "system", content: expect.stringContaining("王小明") }]);
    expect(p.llm.greeting_message).toMatch(/考勤助手/);
    expect(p.asr).toEqual({ language: "zh-CN" });
    expect(p.tts).toEqual({
      vendor: "microsoft",
      params: { key: "tts-key", region: "eastasia", voice_name: "zh-CN-XiaoxiaoNeural" },
    });
    expect(p.turn_detection.type).toBe("agora_vad");
    expect(deps.agents.get("agent-1")).toMatchObject({ employeeLogin: "wang", agentKey: p.llm.api_key });

    // The key Agora was given works on our chat endpoint, as wang and only as wang.
    const answer = await chat(p.llm.api_key, "check me in");
    expect(answer.status).toBe(200);
    expect(JSON.stringify(await answer.json())).toMatch(/Checked in at 8:55, on time/);
    expect((await sys.store.punches.lastRecorded(sys.user("wang").id))?.method).toBe("voice");
    expect(rowCounts(sys).punches).toBe(1);
    // It is an agent key, not a sign-in: the REST API refuses it.
    expect((await app.request("/api/me", { headers: { authorization: `Bearer ${p.llm.api_key}` } })).status).toBe(401);
  });

  it("stops the agent on DELETE and revokes its key", async () => {
    const { app, sys, deps, chat, keyOf } = await makeApp(envFor(agora), agora);
    await app.request("/api/agora/session", await asUser(sys, "chen"));
    expect((await chat(keyOf(), "我这个月考勤怎么样")).status).toBe(200);

    const res = await app.request("/api/agora/session/agent-1", await asUser(sys, "chen", "DELETE"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ agentId: "agent-1", stopped: true });
    expect(agora.requests.at(-1)!.path).toBe(`/api/conversational-ai-agent/v2/projects/${APP_ID}/agents/agent-1/leave`);
    expect((await chat(keyOf(), "我这个月考勤怎么样")).status).toBe(401);
    expect(deps.agents.size).toBe(0);
  });

  it("does not let one employee stop another's agent", async () => {
    const { app, sys, chat, keyOf } = await makeApp(envFor(agora), agora);
    await app.request("/api/agora/session", await asUser(sys, "wang"));
    const res = await app.request("/api/agora/session/agent-1", await asUser(sys, "chen", "DELETE"));
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).error.code).toBe("AGENT_NOT_FOUND");
    expect((await chat(keyOf(), "我这个月考勤怎么样")).status).toBe(200);
    expect(agora.requests).toHaveLength(1);
  });

  it("replaces an employee's previous agent when they start a new session", async () => {
    const { app, sys, deps, chat, keyOf } = await makeApp(envFor(agora), agora);
    await app.request("/api/agora/session", await asUser(sys, "wang"));
    await app.request("/api/agora/session", await asUser(sys, "wang"));
    expect(agora.requests.map((r) => r.path.split("/").slice(-2).join("/"))).toContain("agent-1/leave");
    expect(deps.agents.list().map((a) => a.agentId)).toEqual(["agent-2"]);
    expect((await chat(keyOf(0), "我这个月考勤怎么样")).status).toBe(401);
    expect((await chat(keyOf(1), "我这个月考勤怎么样")).status).toBe(200);
  });

  it("answers 502 with Agora's status and message when Agora refuses, and revokes the unused key", async () => {
    const { app, sys, chat, keyOf } = await makeApp({ ...envFor(agora), AGORA_CUSTOMER_SECRET: "wrong" }, agora);
    const res = await app.request("/api/agora/session", await asUser(sys, "wang"));
    expect(res.status).toBe(502);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("AGENT_START_FAILED");
    expect(body.error.message).toContain("HTTP 401");
    expect(body.error.message).toContain("Invalid authentication credentials");
    expect((await chat(keyOf(), "check me in")).status).toBe(401);
    expect(rowCounts(sys).punches).toBe(0);
  });

  it("passes the sign-in failure through in the same error shape", async () => {
    const { app } = await makeApp(envFor(agora), agora);
    const res = await app.request("/api/agora/session", { method: "POST" });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "UNAUTHORIZED", message: expect.any(String) } });
  });

  it("stops every running agent on shutdown", async () => {
    const { app, sys, deps, chat, keyOf } = await makeApp(envFor(agora), agora);
    await app.request("/api/agora/session", await asUser(sys, "wang"));
    await app.request("/api/agora/session", await asUser(sys, "chen"));
    agora.script.push({ status: 404, body: { detail: "agent not found" } }); // one already left by itself

    expect(await stopAllAgoraAgents(deps)).toEqual({ stopped: 2, failed: 0 });
    expect(deps.agents.size).toBe(0);
    for (const n of [0, 1]) expect((await chat(keyOf(n), "check me in")).status).toBe(401);
  });
});
