/**
 * The sign-in page with single sign-on, in Chromium: "Sign in with <name>" leads through a real
 * OpenID provider (oidc-provider on a loopback port, its development login and consent pages)
 * back into the app, signed in; with PASSWORD_SIGN_IN=0 the password form is folded away for admins.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { browserMissing, buildWeb, check, launchChromium, removeTempDirs, screenshot, startWebServer, watchConsole, type Finding, type WebServer } from "./harness.ts";

if (browserMissing) console.warn(browserMissing);

const NOW = "2026-10-15T10:00:00+08:00";

describe.skipIf(!!browserMissing)("signing in with the company's SSO", () => {
  let provider: Server;
  let server: WebServer;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let errors: string[] = [];

  beforeAll(async () => {
    // The provider's port first (the app trusts it as the issuer), the app's next (the provider's
    // client is registered with the app's callback), then the provider itself.
    provider = createServer();
    await new Promise<void>((resolve) => provider.listen(0, "127.0.0.1", resolve));
    const issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
    server = await startWebServer({
      distDir: await buildWeb(),
      now: NOW,
      env: { DEMO_MODE: "0", OIDC_ISSUER: issuer, OIDC_CLIENT_ID: "attendance", OIDC_CLIENT_SECRET: "attendance-secret", OIDC_NAME: "Acme SSO", OIDC_MATCH: "preferred_username", PASSWORD_SIGN_IN: "0" },
    });
    const oidc = new Provider(issuer, {
      clients: [{ client_id: "attendance", client_secret: "attendance-secret", redirect_uris: [`${server.url}/api/auth/oidc/callback`], grant_types: ["authorization_code"], response_types: ["code"] }],
      claims: { profile: ["name", "preferred_username"] },
      findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id, name: id, preferred_username: id }) }),
      pkce: { required: () => true },
      cookies: { keys: ["test-cookie-key"] },
    });
    provider.on("request", oidc.callback());
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise<void>((resolve) => (provider ? provider.close(() => resolve()) : resolve()));
    removeTempDirs();
  });

  async function newPage(locale: string): Promise<Page> {
    context = await browser.newContext({ locale, viewport: { width: 390, height: 844 } });
    // A loaded machine (several browsers at once) is slow, not wrong.
    context.setDefaultTimeout(90_000);
    const page = await context.newPage();
    errors = watchConsole(page);
    return page;
  }

  afterEach(async () => {
    await context?.close();
    context = undefined;
    // The provider's own development pages are not ours to judge.
    expect(errors.filter((e) => e.includes(server.url)), "console errors on our pages").toEqual([]);
  });

  it("shows the SSO button in both languages and folds the password form away for admins", { timeout: 300_000 }, async () => {
    const page = await newPage("zh-CN");
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole("link", { name: "使用 Acme SSO 登录" }).waitFor();
    await expect(page.getByLabel("密码", { exact: true }).isVisible()).resolves.toBe(false);
    await page.getByText("管理员：使用密码登录").click();
    await expect(page.getByLabel("密码", { exact: true }).isVisible()).resolves.toBe(true);
    await page.getByLabel("Language").or(page.getByLabel("语言")).selectOption("en");
    await page.getByRole("link", { name: "Sign in with Acme SSO" }).waitFor();
    await screenshot(page, "sso-1-sign-in");
  });

  it("fits a phone and a desktop, light and dark, in both languages, with no serious axe finding", { timeout: 300_000 }, async () => {
    const findings: Finding[] = [];
    for (const size of [{ width: 390, height: 844, dark: false }, { width: 1280, height: 900, dark: false }, { width: 390, height: 844, dark: true }]) {
      for (const locale of ["zh-CN", "en-US"]) {
        const ctx = await browser.newContext({ locale, viewport: size, colorScheme: size.dark ? "dark" : "light" });
        ctx.setDefaultTimeout(90_000);
        const page = await ctx.newPage();
        const seen = watchConsole(page);
        await page.goto(`${server.url}/sign-in`);
        await page.locator("a.sso").waitFor();
        await page.locator("details.admin-password summary").click();
        const where = `sign-in with SSO ${locale} ${size.width}${size.dark ? " dark" : ""}`;
        findings.push(...(await check(page, where)), ...seen.map((what) => ({ where, what })));
        await screenshot(page, `screens/sign-in-sso-${locale}-${size.width}${size.dark ? "-dark" : ""}`);
        await ctx.close();
      }
    }
    expect(findings).toEqual([]);
  });

  it("signs a known person in through the provider's login and consent pages", { timeout: 300_000 }, async () => {
    const page = await newPage("en-US");
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole("link", { name: "Sign in with Acme SSO" }).click();
    // oidc-provider's development login page, then its consent page.
    await page.waitForURL((url) => !url.href.startsWith(server.url));
    await page.locator('input[name="login"]').fill("wang");
    await page.locator('input[name="password"]').fill("anything");
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]', { hasText: /continue/i }).click();
    await page.getByRole("heading", { level: 1, name: "Assistant" }).waitFor();
    expect(new URL(page.url()).origin).toBe(server.url);
    await page.getByText("Signed in as Wang Xiaoming").waitFor({ state: "attached" });
  });
});
