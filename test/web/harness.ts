/**
 * Browser-test harness: the real server (built as src/server.ts builds it) on a temp database and
 * a random port, the web client built once per test file into a temp folder, and Debian's
 * Chromium driven by playwright-core (never a downloaded browser).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from "playwright-core";
import { afterEach, expect } from "vitest";
import { Agent } from "../../src/agent/index.ts";
import type { Employee } from "../../src/attendance/types.ts";
import { createApp, type AppOptions } from "../../src/http/app.ts";
import type { PartStatus } from "../../src/http/health.ts";
import type { LocalRtc } from "../../src/rtc/local/rtc.ts";
import { loadConfig } from "../../src/config.ts";
import { buildNotify } from "../../src/notify/index.ts";
import { openSystem } from "../../src/system.ts";
import { testClock } from "../helpers.ts";

export const REPO = fileURLToPath(new URL("../..", import.meta.url));
export const CHROMIUM = "/usr/bin/chromium";
export const ARTIFACTS = path.join(REPO, "test-artifacts", "web");

/** Why browser tests cannot run here, or undefined when they can. */
export const browserMissing = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is not installed (apt-get install chromium); browser tests skipped`;

const tempDirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Builds web/ with the project's vite.config.ts into a fresh temp folder; returns that folder. */
export async function buildWeb(): Promise<string> {
  const { build } = await import("vite");
  const outDir = tempDir("web-dist-");
  await build({ configFile: path.join(REPO, "vite.config.ts"), logLevel: "warn", build: { outDir, emptyOutDir: true } });
  return outDir;
}

export type TestSystem = Awaited<ReturnType<typeof openSystem>> & { clock: ReturnType<typeof testClock>; notify: ReturnType<typeof buildNotify> };

/** A running server: its URL, its services (to set up and check data), and how to stop it. */
export interface WebServer {
  url: string;
  /** The database file and the port, to start the server again on them. */
  db: string;
  port: number;
  system: TestSystem;
  close(): Promise<void>;
}

/**
 * Starts the app on port 0 over a temp database seeded with the demo organisation (no history),
 * at a fixed moment, with the real agent. `rtc` and `agora` stand in for the voice transports at
 * their edge; `engines` are the health entries the page reads (e.g. a missing speech-to-text).
 */
export async function startWebServer(options: {
  distDir: string;
  now: string;
  rtc?: LocalRtc<Employee>;
  agora?: AppOptions["agora"];
  engines?: PartStatus[];
  /** Environment variables for the server's config (e.g. single sign-on's OIDC_*). */
  env?: Record<string, string>;
  /** Start again on an earlier server's database file and port (a restart). */
  db?: string;
  port?: number;
}): Promise<WebServer> {
  const clock = testClock(options.now);
  const db = options.db ?? path.join(tempDir("web-db-"), "attendance.db");
  const core = await openSystem({ db, clock, seed: "org", config: loadConfig(options.env ?? {}) });
  // Notifications in the app only (no chat platform or SMTP here); the scheduler is not started.
  const notify = buildNotify({ services: core, db: core.store.db, email: false, clock });
  const system = Object.assign(core, { clock, notify });
  const agent = new Agent(system);
  const app = createApp(system, {
    agent,
    rtc: options.rtc,
    agora: options.agora,
    database: db,
    health: () => [{ name: "model", ready: true, missing: [], hint: agent.describe() }, ...(options.engines ?? [])],
    webDistDir: options.distDir,
    notifications: notify.service,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    port,
    system,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await system.close();
    },
  };
}

/** Launch arguments for headless Debian Chromium with a fake microphone that is always allowed. */
export function chromiumArgs(fakeAudioFile?: string): string[] {
  const args = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
  ];
  if (fakeAudioFile) args.push(`--use-file-for-fake-audio-capture=${fakeAudioFile}`);
  return args;
}

export function launchChromium(fakeAudioFile?: string): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs(fakeAudioFile) });
}

/** Collects console errors and uncaught page errors, which the tests require to stay empty. */
export function watchConsole(page: Page, errors: string[] = []): string[] {
  page.on("console", (msg: ConsoleMessage) => {
    if (msg.type() === "error") errors.push(`console: ${msg.text()} (${msg.location().url})`);
  });
  page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  return errors;
}

/**
 * Phone-sized pages (390x844) with their console watched: after each test every context the test
 * opened closes, and no page it opened may have logged a console error. A test that provokes an
 * error on purpose names it with `allow` (before or after it happens).
 */
export function phonePages(browser: () => Browser, options: { timeoutMs?: number } = {}) {
  let contexts: BrowserContext[] = [];
  let errors: string[] = [];
  let allowed: RegExp[] = [];
  afterEach(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    const unexpected = errors.filter((e) => !allowed.some((pattern) => pattern.test(e)));
    contexts = [];
    errors = [];
    allowed = [];
    expect(unexpected, "console errors on the page").toEqual([]);
  });
  return {
    async open(locale: string): Promise<Page> {
      const context = await browser().newContext({ locale, viewport: { width: 390, height: 844 } });
      contexts.push(context);
      if (options.timeoutMs) context.setDefaultTimeout(options.timeoutMs);
      const page = await context.newPage();
      watchConsole(page, errors); // one list for the test: every page opened in it counts
      return page;
    },
    allow(pattern: RegExp): void {
      allowed.push(pattern);
    },
    async close(): Promise<void> {
      await Promise.all(contexts.map((c) => c.close()));
      contexts = [];
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Signs in as a demo person through the page and waits for the assistant. */
export async function signIn(page: Page, url: string, login: string): Promise<void> {
  await page.goto(`${url}/sign-in`);
  await page.getByLabel(/^(Person|人员)$/).selectOption(login);
  await page.getByRole("button", { name: /^(Sign in|登录)$/ }).click();
  await page.getByRole("heading", { level: 1, name: /^(Assistant|助手)$/ }).waitFor();
}

export function removeTempDirs(): void {
  while (tempDirs.length) rmSync(tempDirs.pop()!, { recursive: true, force: true });
}

/** Something wrong with a page as shown: where (screen, language, size) and what. */
export interface Finding {
  where: string;
  what: string;
}

let axeSource: string | undefined;

/** The page as shown now: sideways scroll, and axe-core's serious or critical violations. */
export async function check(page: Page, where: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  if (scrollWidth !== clientWidth) findings.push({ where, what: `document ${scrollWidth} px wide in a ${clientWidth} px viewport` });
  axeSource ??= readFileSync(path.join(REPO, "node_modules/axe-core/axe.min.js"), "utf8");
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(o: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run({ resultTypes: ["violations"] });
    return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  for (const v of violations) findings.push({ where, what: v });
  return findings;
}
