import { describe, expect, it } from "vitest";
import { AgentRegistry } from "../../../src/rtc/agora/agents.ts";
import { ConfigError, loadConfig } from "../../../src/config.ts";
import { describeAgoraConfig } from "../../../src/rtc/agora/config.ts";

const readAgoraConfig = (env: Record<string, string>) => loadConfig(env).agora;
import { APP_CERTIFICATE, APP_ID } from "./fake-agora.ts";

const complete = {
  AGORA_APP_ID: APP_ID,
  AGORA_APP_CERTIFICATE: APP_CERTIFICATE,
  AGORA_CUSTOMER_ID: "cid",
  AGORA_CUSTOMER_SECRET: "super-secret",
  PUBLIC_BASE_URL: "https://abc.trycloudflare.com/",
  AGORA_TTS_VENDOR: "microsoft",
  AGORA_TTS_PARAMS: '{"key":"tts-secret","region":"eastasia"}',
};

describe("Agora configuration", () => {
  it("names every missing variable in one line", () => {
    const status = readAgoraConfig({});
    expect(status.configured).toBe(false);
    expect(describeAgoraConfig(status)).toBe(
      "agora: not configured (missing AGORA_APP_ID, AGORA_APP_CERTIFICATE, AGORA_CUSTOMER_ID, " +
        "AGORA_CUSTOMER_SECRET, PUBLIC_BASE_URL, AGORA_TTS_VENDOR)",
    );
  });

  it("reads a complete configuration with defaults and describes it without secrets", () => {
    const status = readAgoraConfig(complete);
    if (!status.configured) throw new Error(describeAgoraConfig(status));
    expect(status.config).toMatchObject({
      publicBaseUrl: "https://abc.trycloudflare.com",
      apiBase: "https://api.agora.io",
      idleTimeoutSec: 30,
      asr: { vendor: undefined, language: undefined },
      tts: { vendor: "microsoft", params: { key: "tts-secret", region: "eastasia" } },
    });
    const line = describeAgoraConfig(status);
    expect(line).toBe(
      "agora: ready (app 970C…, ASR default/user language, TTS microsoft, " +
        "LLM https://abc.trycloudflare.com/v1/chat/completions)",
    );
    expect(line).not.toMatch(/secret|5CFd/);
  });

  it("stops start-up on unusable values, naming each in one line without echoing them", () => {
    const env = {
      ...complete,
      AGORA_APP_ID: "my-app",
      AGORA_TTS_PARAMS: "{key: tts-secret}",
      AGORA_API_BASE: "ftp://x",
      AGORA_IDLE_TIMEOUT_SEC: "-1",
    };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    let message = "";
    try {
      loadConfig(env);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe(
      "AGORA_APP_ID: expected 32 hex characters; AGORA_API_BASE: expected an http(s) URL; " +
        "AGORA_TTS_PARAMS: not JSON (expected a JSON object); AGORA_IDLE_TIMEOUT_SEC: expected a whole number of seconds 0-86400",
    );
    expect(message).not.toMatch(/tts-secret|my-app|ftp/);
  });

  it("honours ASR, greeting, idle timeout and API base overrides", () => {
    const status = readAgoraConfig({
      ...complete,
      AGORA_ASR_VENDOR: "ares",
      AGORA_ASR_LANGUAGE: "en-US",
      AGORA_GREETING: "Hello!",
      AGORA_IDLE_TIMEOUT_SEC: "120",
      AGORA_API_BASE: "http://127.0.0.1:4010/",
    });
    expect(status.configured && status.config).toMatchObject({
      asr: { vendor: "ares", language: "en-US" },
      greeting: "Hello!",
      idleTimeoutSec: 120,
      apiBase: "http://127.0.0.1:4010",
    });
  });
});

describe("agent registry", () => {
  it("finds agents past a given age by its own clock", () => {
    let now = new Date("2026-03-02T09:00:00+08:00");
    const agents = new AgentRegistry({ now: () => now });
    const base = { agentKey: "k", channel: "c", userUid: 1, agentUid: 2 };
    agents.add({ ...base, agentId: "a1", employeeLogin: "wang" });
    now = new Date("2026-03-02T09:40:00+08:00");
    agents.add({ ...base, agentId: "a2", employeeLogin: "wang" });
    now = new Date("2026-03-02T10:10:00+08:00");
    expect(agents.olderThan(3_600_000).map((a) => a.agentId)).toEqual(["a1"]);
    expect(agents.forEmployee("wang")).toHaveLength(2);
  });

  it("forgets every agent on stopAll even when one stop fails", async () => {
    const agents = new AgentRegistry();
    const base = { agentKey: "k", channel: "c", userUid: 1, agentUid: 2, employeeLogin: "wang" };
    agents.add({ ...base, agentId: "a1" });
    agents.add({ ...base, agentId: "a2" });
    const result = await agents.stopAll(async (agent) => {
      if (agent.agentId === "a2") throw new Error("Agora down");
    });
    expect(result).toEqual({ stopped: 1, failed: 1 });
    expect(agents.size).toBe(0);
  });
});
