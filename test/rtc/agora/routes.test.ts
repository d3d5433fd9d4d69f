import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AgentRegistry } from "../../../src/rtc/agora/agents.ts";
import { createAgoraAgentClient } from "../../../src/rtc/agora/client.ts";
import { loadConfig } from "../../../src/config.ts";

type EnvLike = Record<string, string | undefined>;
import {
  agoraRoutes,
  stopAllAgoraAgents,
  type AgoraRoutesDeps,
  type AgoraUser,
} from "../../../src/rtc/agora/routes.ts";
import {
  APP_CERTIFICATE,
  APP_ID,
  CUSTOMER_ID,
  CUSTOMER_SECRET,
  readToken,
  startFakeAgora,
  type FakeAgora,
} from "./fake-agora.ts";

const USERS: Record<string, AgoraUser> = {
  wang: { login: "wang", name: "王小明", language: "zh" },
  chen: { login: "chen", name: "陈静", language: "en" },
};

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

/** Fake deps at the edge: keys are a Map, the user comes from a header, the prompt is a string. */
function makeDeps(env: EnvLike, agora?: FakeAgora) {
  const keys = new Map<string, { login: string; ttlMs: number }>();
  let counter = 0;
  const deps: AgoraRoutesDeps = {
    config: loadConfig(env).agora,
    client: createAgoraAgentClient({
      apiBase: agora?.url ?? "http://127.0.0.1:9",
      appId: APP_ID,
      customerId: CUSTOMER_ID,
      customerSecret: env.AGORA_CUSTOMER_SECRET ?? "",
      sleep: async () => {},
    }),
    agents: new AgentRegistry(),
    issueAgentKey(login, ttlMs) {
      const key = `agent-key-${++counter}`;
      keys.set(key, { login, ttlMs });
      return key;
    },
    revokeAgentKey(key) {
      keys.delete(key);
    },
    systemPrompt: (user) => `You help ${user.name} with attendance.`,
    currentUser(c) {
      const user = USERS[c.req.header("x-user") ?? ""];
      if (!user) throw new HTTPException(401, { message: "Sign in first" });
      return user;
    },
  };
  const app = new Hono().route("/api/agora", agoraRoutes(deps));
  return { deps, keys, app };
}

const asUser = (login: string, method = "POST") => ({ method, headers: { "x-user": login } });

describe("/api/agora routes", () => {
  let agora: FakeAgora;
  beforeEach(async () => {
    agora = await startFakeAgora();
  });
  afterEach(() => agora.close());

  it("answers 503 naming the missing variables when Agora is not configured", async () => {
    const { app } = makeDeps({ AGORA_APP_ID: APP_ID });
    for (const [path, method] of [
      ["/api/agora/session", "POST"],
      ["/api/agora/session/agent-1", "DELETE"],
    ] as const) {
      const res = await app.request(path, asUser("wang", method));
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
    const { app, keys, deps } = makeDeps(envFor(agora), agora);
    const res = await app.request("/api/agora/session", asUser("wang"));
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
    expect(p.llm.system_messages).toEqual([{ role: "system", content: "You help 王小明 with attendance." }]);
    expect(p.llm.greeting_message).toMatch(/考勤助手/);
    expect(p.asr).toEqual({ language: "zh-CN" });
    expect(p.tts).toEqual({
      vendor: "microsoft",
      params: { key: "tts-key", region: "eastasia", voice_name: "zh-CN-XiaoxiaoNeural" },
    });
    expect(p.turn_detection.type).toBe("agora_vad");

    // The key is fresh, maps to this employee, and lives as long as the tokens.
    expect([...keys.entries()]).toEqual([[p.llm.api_key, { login: "wang", ttlMs: 3_600_000 }]]);
    expect(deps.agents.get("agent-1")).toMatchObject({ employeeLogin: "wang", agentKey: p.llm.api_key });
  });

  it("stops the agent on DELETE and revokes its key", async () => {
    const { app, keys, deps } = makeDeps(envFor(agora), agora);
    await app.request("/api/agora/session", asUser("chen"));
    expect(keys.size).toBe(1);

    const res = await app.request("/api/agora/session/agent-1", asUser("chen", "DELETE"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ agentId: "agent-1", stopped: true });
    expect(agora.requests.at(-1)!.path).toBe(`/api/conversational-ai-agent/v2/projects/${APP_ID}/agents/agent-1/leave`);
    expect(keys.size).toBe(0);
    expect(deps.agents.size).toBe(0);
  });

  it("does not let one employee stop another's agent", async () => {
    const { app, keys } = makeDeps(envFor(agora), agora);
    await app.request("/api/agora/session", asUser("wang"));
    const res = await app.request("/api/agora/session/agent-1", asUser("chen", "DELETE"));
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).error.code).toBe("AGENT_NOT_FOUND");
    expect(keys.size).toBe(1);
    expect(agora.requests).toHaveLength(1);
  });

  it("replaces an employee's previous agent when they start a new session", async () => {
    const { app, keys, deps } = makeDeps(envFor(agora), agora);
    await app.request("/api/agora/session", asUser("wang"));
    await app.request("/api/agora/session", asUser("wang"));
    expect(agora.requests.map((r) => r.path.split("/").slice(-2).join("/"))).toContain("agent-1/leave");
    expect(deps.agents.list().map((a) => a.agentId)).toEqual(["agent-2"]);
    expect(keys.size).toBe(1);
  });

  it("answers 502 with Agora's status and message when Agora refuses, and revokes the unused key", async () => {
    const { app, keys } = makeDeps({ ...envFor(agora), AGORA_CUSTOMER_SECRET: "wrong" }, agora);
    const res = await app.request("/api/agora/session", asUser("wang"));
    expect(res.status).toBe(502);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("AGENT_START_FAILED");
    expect(body.error.message).toContain("HTTP 401");
    expect(body.error.message).toContain("Invalid authentication credentials");
    expect(keys.size).toBe(0);
  });

  it("passes the sign-in failure through in the same error shape", async () => {
    const { app } = makeDeps(envFor(agora), agora);
    const res = await app.request("/api/agora/session", { method: "POST" });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "UNAUTHORIZED", message: "Sign in first" } });
  });

  it("stops every running agent on shutdown", async () => {
    const { app, keys, deps } = makeDeps(envFor(agora), agora);
    await app.request("/api/agora/session", asUser("wang"));
    await app.request("/api/agora/session", asUser("chen"));
    agora.script.push({ status: 404, body: { detail: "agent not found" } }); // one already left by itself

    expect(await stopAllAgoraAgents(deps)).toEqual({ stopped: 2, failed: 0 });
    expect(deps.agents.size).toBe(0);
    expect(keys.size).toBe(0);
  });
});
