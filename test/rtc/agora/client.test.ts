import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  AgoraApiError,
  createAgoraAgentClient,
  type AgoraAgentClientOptions,
  type JoinAgentRequest,
} from "../../../src/rtc/agora/client.ts";
import { APP_ID, CUSTOMER_ID, CUSTOMER_SECRET, startFakeAgora, type FakeAgora } from "./fake-agora.ts";

const JOIN_PATH = `/api/conversational-ai-agent/v2/projects/${APP_ID}/join`;

const request: JoinAgentRequest = {
  name: "att-wang-0a1b2c3d",
  properties: {
    channel: "att-wang-0a1b2c3d",
    token: "007agent-token",
    agent_rtc_uid: "20002",
    remote_rtc_uids: ["10001"],
    idle_timeout: 30,
    llm: {
      url: "https://attendance.example.com/v1/chat/completions",
      api_key: "agent-key",
      system_messages: [{ role: "system", content: "You are the attendance assistant." }],
      greeting_message: "Hi",
      failure_message: "Sorry",
      max_history: 16,
      params: { model: "attendance-assistant" },
    },
    asr: { language: "en-US" },
    tts: { vendor: "microsoft", params: { key: "k", region: "eastus", voice_name: "en-US-AndrewNeural" } },
    turn_detection: { type: "agora_vad", silence_duration_ms: 480 },
  },
};

describe("Agora Conversational AI REST client", () => {
  let agora: FakeAgora;
  const sleeps: number[] = [];
  const client = (overrides: Partial<AgoraAgentClientOptions> = {}) =>
    createAgoraAgentClient({
      apiBase: agora.url,
      appId: APP_ID,
      customerId: CUSTOMER_ID,
      customerSecret: CUSTOMER_SECRET,
      sleep: async (ms) => void sleeps.push(ms),
      ...overrides,
    });

  beforeEach(async () => {
    agora = await startFakeAgora();
    sleeps.length = 0;
  });
  afterEach(() => agora.close());

  it("starts an agent with POST …/projects/{appid}/join, Basic auth and the documented body", async () => {
    const joined = await client().join(request);

    expect(joined).toEqual({ agentId: "agent-1", createTs: 1737111452, status: "RUNNING" });
    expect(agora.requests).toHaveLength(1);
    const seen = agora.requests[0]!;
    expect(seen.method).toBe("POST");
    expect(seen.path).toBe(JOIN_PATH);
    expect(seen.authorization).toBe(`Basic ${Buffer.from("customer-id:customer-secret").toString("base64")}`);
    expect(seen.body).toEqual(request);
  });

  it("stops an agent with POST …/agents/{agentId}/leave", async () => {
    await client().leave("agent 7/x");
    expect(agora.requests.map((r) => [r.method, r.path])).toEqual([
      ["POST", `/api/conversational-ai-agent/v2/projects/${APP_ID}/agents/agent%207%2Fx/leave`],
    ]);
  });

  it("does not retry a 401 and says what Agora said", async () => {
    const wrong = client({ customerSecret: "wrong" });
    const error = await wrong.join(request).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AgoraApiError);
    expect(error).toMatchObject({ status: 401, reason: "InvalidCredentials", retryable: false });
    expect((error as Error).message).toBe(
      "Agora join failed with HTTP 401: InvalidCredentials: Invalid authentication credentials",
    );
    expect(agora.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("does not retry a 409 conflict", async () => {
    agora.script.push({ status: 409, body: { detail: "task conflict", reason: "TaskConflict" } });
    await expect(client().join(request)).rejects.toMatchObject({ status: 409, reason: "TaskConflict" });
    expect(agora.requests).toHaveLength(1);
  });

  it("reads the legacy {message, statusCode} error body too", async () => {
    agora.script.push({
      status: 400,
      body: { message: "create agent failed, code: 400, msg: properties: channel not found", statusCode: "InvalidRequest" },
    });
    await expect(client().join(request)).rejects.toThrow(
      "Agora join failed with HTTP 400: InvalidRequest: create agent failed, code: 400, msg: properties: channel not found",
    );
  });

  it("retries a 503 with backoff and then succeeds", async () => {
    agora.script.push({ status: 503, body: { detail: "agent startup failure", reason: "ServiceUnavailable" } });
    const joined = await client({ retryDelayMs: 50 }).join(request);

    expect(joined.agentId).toBe("agent-1");
    expect(agora.requests).toHaveLength(2);
    expect(agora.requests[1]!.body).toEqual(request);
    expect(sleeps).toEqual([50]);
  });

  it("retries network failures, doubling the wait, and gives up after the last attempt", async () => {
    agora.script.push("drop-connection", { status: 502, body: {} }, { status: 504, body: { detail: "timeout" } });
    const error = await client({ retryDelayMs: 10, attempts: 3 })
      .join(request)
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 504, retryable: true });
    expect(agora.requests).toHaveLength(3);
    expect(sleeps).toEqual([10, 20]);
  });

  it("stops at once, without retrying, when the caller aborts", async () => {
    agora.script.push({ status: 503 });
    const controller = new AbortController();
    const aborting = client({
      sleep: async () => {
        controller.abort(new Error("user hung up"));
        throw controller.signal.reason;
      },
    });
    await expect(aborting.join(request, { signal: controller.signal })).rejects.toThrow("user hung up");
    expect(agora.requests).toHaveLength(1);
  });

  it("reports an unreachable Agora as a network failure after retrying", async () => {
    await agora.close();
    const error = await client({ attempts: 2 })
      .join(request)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, retryable: true });
    expect((error as Error).message).toMatch(/^Agora join failed: /);
    expect(sleeps).toEqual([300]);
  });
});
