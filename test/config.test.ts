import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES, ConfigError, loadConfig } from "../src/config.ts";
import { tempDbPath } from "./helpers.ts";

/** The message loadConfig stops with, or "" when the environment is usable. */
function problem(env: Record<string, string>): string {
  try {
    loadConfig(env);
    return "";
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
}

describe("the configuration", () => {
  it("reads single sign-on, and refuses halves of it and passwords off with no other way in", () => {
    expect(loadConfig({}).oidc).toBeNull();
    expect(loadConfig({}).passwordSignIn).toBe(true);
    const config = loadConfig({ OIDC_ISSUER: "https://sso.example.com/realms/acme", OIDC_CLIENT_ID: "attendance", OIDC_MATCH: "preferred_username", OIDC_CREATE_UNKNOWN: "1", PASSWORD_SIGN_IN: "0" });
    expect(config.oidc).toMatchObject({ issuer: "https://sso.example.com/realms/acme", clientId: "attendance", scopes: "openid email profile", match: "preferred_username", name: "SSO", createUnknown: true });
    expect(config.passwordSignIn).toBe(false);
    expect(problem({ OIDC_ISSUER: "https://sso.example.com" })).toMatch(/^OIDC_CLIENT_ID: /);
    expect(problem({ PASSWORD_SIGN_IN: "0" })).toMatch(/^PASSWORD_SIGN_IN: /);
    expect(problem({ OIDC_ISSUER: "https://sso.example.com", OIDC_CLIENT_ID: "a", OIDC_MATCH: "upn" })).toMatch(/^OIDC_MATCH: expected email or preferred_username/);
  });

  it("starts with nothing set: port 8787, the embedded engines, no LLM, no Agora", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8787, host: "127.0.0.1", demoMode: undefined, trustProxy: false, tls: null, llm: null, voice: { stt: "sphinx", tts: "espeak" }, agora: { configured: false } });
    expect(config.databaseFile).toMatch(/data[/\\]attendance\.db$/);
    expect(config.iceServers).toBeUndefined();
  });

  it("reads every variable it knows, and treats an empty one as unset", () => {
    const config = loadConfig({
      PORT: "0",
      HOST: "127.0.0.1",
      ATTENDANCE_DB: "/tmp/x.db",
      DEMO_MODE: "0",
      OPENAI_API_KEY: "sk-1",
      OPENAI_BASE_URL: "http://127.0.0.1:11434/v1",
      AGENT_MODEL_MODE: "llm",
      VOICE_STT: "openai",
      VOICE_TTS_VOICE: "",
      ICE_SERVERS: '[{"urls":"stun:stun.example.com"},{"urls":["turn:t.example.com"],"username":"u","credential":"c"}]',
    });
    expect(config).toMatchObject({
      port: 0,
      host: "127.0.0.1",
      databaseFile: "/tmp/x.db",
      demoMode: false,
      llm: { apiKey: "sk-1", baseURL: "http://127.0.0.1:11434/v1", model: "gpt-4o-mini" },
      modelMode: "llm",
      voice: { stt: "openai", tts: "espeak", openai: { apiKey: "sk-1", baseURL: "http://127.0.0.1:11434/v1", ttsVoice: undefined } },
      iceServers: [{ urls: "stun:stun.example.com" }, { urls: ["turn:t.example.com"], username: "u", credential: "c" }],
    });
  });

  it("names the variable and what it expects, in one line", () => {
    expect(problem({ ICE_SERVERS: "not json" })).toBe("ICE_SERVERS: not JSON (expected an array of {urls, username?, credential?})");
    expect(problem({ ICE_SERVERS: '{"urls":"stun:x"}' })).toBe("ICE_SERVERS: expected an array of {urls, username?, credential?}");
    expect(problem({ PORT: "abc" })).toBe("PORT: expected an integer 0-65535");
    expect(problem({ PORT: "70000" })).toBe("PORT: expected an integer 0-65535");
    expect(problem({ TRUST_PROXY: "yes" })).toBe("TRUST_PROXY: expected 0 or 1");
    expect(problem({ VOICE_STT: "whisper" })).toBe("VOICE_STT: expected sphinx or openai");
    expect(problem({ SECRET_KEY: "short" })).toBe("SECRET_KEY: expected at least 32 characters");
    expect(problem({ TLS_CERT: "/no/such/cert.pem", TLS_KEY: "/no/such/key.pem" })).toBe("TLS_CERT: no such file; TLS_KEY: no such file");
    expect(problem({ OPENAI_BASE_URL: "localhost:11434" })).toBe("OPENAI_BASE_URL: expected an http(s) URL");
    expect(problem({ FEISHU_TEAM_ROBOTS: '{"SALES": "https://open.feishu.cn/hook"}' })).toBe('FEISHU_TEAM_ROBOTS: expected an object of department code -> {"webhook": "https://...", "secret"?: "..."}');
    expect(problem({ PORT: "-1", AGENT_MODEL_MODE: "cloud" })).toBe("PORT: expected an integer 0-65535; AGENT_MODEL_MODE: expected local, llm or local-first");
  });

  it("turns demo sign-in on only for DEMO_MODE=1; any other value, empty included, turns it off", () => {
    expect(loadConfig({ DEMO_MODE: "1" }).demoMode).toBe(true);
    for (const value of ["0", "false", "off", "", "yes", "true"]) expect(loadConfig({ DEMO_MODE: value }).demoMode).toBe(false);
    expect(loadConfig({}).demoMode).toBeUndefined();
  });

  it("lists every variable in the README", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    expect(CONFIG_VARIABLES.filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
  });
});

describe("start-up with a bad value", () => {
  const start = (env: Record<string, string>) =>
    spawnSync(process.execPath, ["--import", "tsx", "src/server.ts"], { env: { ...process.env, ATTENDANCE_DB: tempDbPath(), PORT: "0", ...env }, encoding: "utf8", timeout: 60_000 });

  it("exits with code 2 and one line naming ICE_SERVERS", () => {
    const r = start({ ICE_SERVERS: "not json" });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe("ICE_SERVERS: not JSON (expected an array of {urls, username?, credential?})");
    expect(r.stdout).toBe("");
  });

  it("exits with code 2 and one line naming PORT", () => {
    const r = start({ PORT: "abc" });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe("PORT: expected an integer 0-65535");
  });

  it("stops the command line the same way", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/index.ts", "token", "wang"], { env: { ...process.env, ATTENDANCE_DB: tempDbPath(), TRUST_PROXY: "maybe" }, encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe("TRUST_PROXY: expected 0 or 1");
  });
});
