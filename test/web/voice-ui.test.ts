import { loadConfig } from "../../src/config.ts";
import { AgentRegistry } from "../../src/rtc/agora/agents.ts";
import { AgoraApiError } from "../../src/rtc/agora/client.ts";
import { APP_CERTIFICATE, APP_ID } from "../rtc/agora/fake-agora.ts";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { browserMissing, buildWeb, launchChromium, removeTempDirs, screenshot, signIn, startWebServer, watchConsole, type WebServer } from "./harness.ts";
import { fakeRtc, type FakeRtc } from "./fake-rtc.ts";

if (browserMissing) console.warn(browserMissing);

const NOW = "2026-10-15T09:20:00+08:00";

describe.skipIf(!!browserMissing)("the assistant's voice controls in Chromium (scripted WebRTC peer)", () => {
  let distDir: string;
  let rtc: FakeRtc;
  let server: WebServer;
  let noStt: WebServer;
  let agora: WebServer;
  const agoraCalls: string[] = [];
  let browser: Browser;
  let context: BrowserContext | undefined;
  let errors: string[] = [];

  beforeAll(async () => {
    distDir = await buildWeb();
    rtc = fakeRtc();
    server = await startWebServer({ distDir, now: NOW, rtc: rtc.rtc });
    noStt = await startWebServer({ distDir, now: NOW, engines: [{ name: "stt", ready: false, missing: ["sphinx"], hint: "apt-get install pocketsphinx pocketsphinx-en-us" }] });
    // Agora configured, with a REST client that gets no answer, so no real Agora network is needed.
    const config = loadConfig({
      AGORA_APP_ID: APP_ID,
      AGORA_APP_CERTIFICATE: APP_CERTIFICATE,
      AGORA_CUSTOMER_ID: "c",
      AGORA_CUSTOMER_SECRET: "s",
      PUBLIC_BASE_URL: "https://example.test",
      AGORA_TTS_VENDOR: "microsoft",
    }).agora;
    const client = {
      join: async (request: { name: string }) => {
        agoraCalls.push(request.name);
        throw new AgoraApiError("Agora did not answer", 0, undefined, true);
      },
      leave: async () => undefined,
    };
    agora = await startWebServer({
      distDir,
      now: NOW,
      engines: [{ name: "agora", ready: true, missing: [], hint: "app 970C…, ASR default/user language, TTS microsoft, LLM https://example.test/v1/chat/completions" }],
      agora: { config, client, agents: new AgentRegistry(), issueAgentKey: () => "ak_test", revokeAgentKey: () => undefined, systemPrompt: () => "You help with attendance." },
    });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await rtc?.close();
    await server?.close();
    await noStt?.close();
    await agora?.close();
    removeTempDirs();
  });

  async function newPage(): Promise<Page> {
    errors = [];
    context = await browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    errors = watchConsole(page);
    return page;
  }

  afterEach(async () => {
    await context?.close();
    context = undefined;
    expect(errors, "console errors on the page").toEqual([]);
  });

  it("hands-free: connects with a complete offer and an 'events' channel, sends the microphone, and shows the turn", async () => {
    const page = await newPage();
    const scripts: string[] = [];
    page.on("request", (r) => void (r.resourceType() === "script" && scripts.push(r.url())));
    await signIn(page, server.url, "wang");
    await page.getByLabel("Hands-free").check();
    await page.getByRole("button", { name: "Start talking" }).click();
    await page.getByText("Voice runs over a direct connection to this server.").waitFor();
    await page.locator(".line.user:not(.pending) .text", { hasText: "check me in" }).waitFor();
    const reply = page.locator(".line.assistant:not(.pending)").last();
    await reply.locator(".latency", { hasText: "420 ms from end of speech to first audio" }).waitFor();
    await expect(reply.locator(".text").textContent()).resolves.toBe("Checked in at 9:20, 20 minutes late.");
    await expect(reply.locator(".tools").textContent()).resolves.toBe("Done: check in");
    await page.locator(".state[data-state=listening]").waitFor();
    await screenshot(page, "11-assistant-voice-scripted");

    const session = rtc.sessions.at(-1)!;
    expect(session.login).toBe("wang");
    expect(session.channels).toEqual(["events"]);
    expect(session.offerHadCandidates, "the offer was sent after ICE gathering (no trickle)").toBe(true);
    expect(session.packets).toBeGreaterThanOrEqual(20);

    await page.getByRole("button", { name: "Stop talking" }).click();
    await page.locator(".state[data-state=idle]").waitFor();
    expect(scripts.filter((u) => /agora/i.test(u)), "no Agora code without Agora").toEqual([]);
  });

  it("uses Agora when the server says it is ready, loading its code only then", async () => {
    const page = await newPage();
    const scripts: string[] = [];
    page.on("request", (r) => void (r.resourceType() === "script" && scripts.push(r.url())));
    await signIn(page, agora.url, "wang");
    expect(scripts.filter((u) => /agora/i.test(u))).toEqual([]);
    await page.getByLabel("Hands-free").check();
    await page.getByRole("button", { name: "Start talking" }).click();
    await page.getByRole("alert").filter({ hasText: "The voice connection failed: Agora did not answer" }).waitFor();
    expect(scripts.some((u) => /\/assets\/agora-[^/]+\.js$/.test(u)), "the Agora module was fetched on demand").toBe(true);
    expect(agoraCalls).toHaveLength(1);
    expect(agoraCalls[0]).toMatch(/^att-wang-/);
    // The refused session is a failed request in the console; nothing else is.
    errors = errors.filter((e) => !/status of 502/.test(e));
  });

  it("push-to-talk: holding Space on the button connects and talks; releasing stops", async () => {
    const page = await newPage();
    await signIn(page, server.url, "wang");
    const talk = page.getByRole("button", { name: "Hold to talk" });
    await talk.focus();
    await page.keyboard.down("Space");
    await page.locator("button.talk[aria-pressed=true]").waitFor();
    await page.locator(".state[data-state=listening]").waitFor();
    await page.keyboard.up("Space");
    await page.locator("button.talk[aria-pressed=false]").waitFor();
    await expect(page.locator("button.talk").textContent()).resolves.toBe("Hold to talk");
  });

  it("says so when the microphone is refused", async () => {
    const page = await newPage();
    await page.addInitScript(() => {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException("Permission denied", "NotAllowedError"));
    });
    await signIn(page, server.url, "wang");
    await page.getByLabel("Hands-free").check();
    await page.getByRole("button", { name: "Start talking" }).click();
    await page.getByRole("alert").filter({ hasText: "Microphone access was refused" }).waitFor();
    await expect(page.locator(".state").getAttribute("data-state")).resolves.toBe("idle");
    await screenshot(page, "12-assistant-mic-refused");
  });

  it("says what to install when the server has no speech-to-text engine, and typing still works", async () => {
    const page = await newPage();
    await signIn(page, noStt.url, "wang");
    await page.getByRole("alert").filter({ hasText: "apt-get install pocketsphinx pocketsphinx-en-us" }).waitFor();
    await page.getByLabel("Type a request").fill("check me in");
    await page.getByRole("button", { name: "Send" }).click();
    await page.locator(".line.assistant:not(.pending) .text", { hasText: /Checked in/ }).waitFor();
    await screenshot(page, "13-assistant-no-stt");
  });
});
