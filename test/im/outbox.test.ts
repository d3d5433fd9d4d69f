import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { buildIm } from "../../src/im/wiring.ts";
import { openSystem } from "../../src/system.ts";
import { tempDbPath } from "../helpers.ts";
import { startFakeWecom, wecomEnv, type FakeWecom } from "./fakes/wecom.ts";

let fake: FakeWecom;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
  await fake?.close();
});

/** The outbox over a real database, with WeCom pointed at the fake and time in the test's hands. */
async function outboxOn(db: string, clock: { now: number }) {
  const env = { ...wecomEnv(fake.url), WECOM_ROBOT_URL: fake.robotUrl };
  const core = await openSystem({ db, seed: "org" });
  const im = buildIm({ settings: loadConfig(env).im, services: core, db: core.store.db, conversation: () => ({ reply: async () => "" }), now: () => clock.now });
  closers.push(() => core.close());
  return { core, im };
}

/** Runs the worker as its timer would, jumping the clock to each wake-up instead of waiting. */
async function drain(im: Awaited<ReturnType<typeof outboxOn>>["im"], clock: { now: number }, until: number) {
  for (;;) {
    await im.worker.tick();
    const wake = await im.worker.nextWake();
    if (wake === undefined || wake > until) return;
    clock.now = Math.max(clock.now, wake);
  }
}

const T0 = Date.UTC(2026, 10, 26, 1, 0, 0);

describe("outbox", () => {
  it("sends 25 messages for a WeCom robot at 20 a minute: the first 20 at once, 5 a minute later, none lost", async () => {
    const clock = { now: T0 };
    fake = await startFakeWecom({ now: () => clock.now });
    const { im } = await outboxOn(tempDbPath(), clock);
    for (let i = 1; i <= 25; i++) await im.outbox.reply("wecom", { to: "robot", id: "" }, { kind: "text", text: `digest ${i}` }, `digest-${i}`);
    await drain(im, clock, T0 + 10 * 60_000);
    expect(fake.robot.map((r) => r.body.text.content)).toEqual(Array.from({ length: 25 }, (_, i) => `digest ${i + 1}`));
    expect(fake.robotRefusals).toBe(0);
    expect(fake.robot.filter((r) => r.at === T0)).toHaveLength(20);
    expect(fake.robot.slice(20).every((r) => r.at === T0 + 60_000)).toBe(true);
    expect(await im.outboxRows.list({ status: "sent" })).toHaveLength(25);
  });

  it("retries a 5xx and a dropped connection with backoff, and marks a refusal failed with WeCom's error", async () => {
    const clock = { now: T0 };
    fake = await startFakeWecom({ now: () => clock.now });
    const { im } = await outboxOn(tempDbPath(), clock);
    fake.script.push({ status: 200, body: { errcode: 0, access_token: "wecom-token-x", expires_in: 7200 } }, { status: 503, body: {} }, "drop-connection");
    fake.tokens.set("wecom-token-x", T0 + 7200_000);
    await im.outbox.reply("wecom", { to: "user", id: "wang" }, { kind: "text", text: "hello" }, "retry-me");
    await im.worker.tick();
    const [afterFirst] = await im.outboxRows.list();
    expect(afterFirst).toMatchObject({ status: "pending", attempts: 1, lastError: "HTTP_503: wecom answered HTTP 503" });
    expect(afterFirst.nextAttemptAt).toBe(T0 + 2000);
    await drain(im, clock, T0 + 60_000);
    const [sent] = await im.outboxRows.list();
    expect(sent).toMatchObject({ status: "sent", attempts: 3 });
    expect(fake.sent.map((m) => m.text.content)).toEqual(["hello"]);

    await im.outbox.reply("wecom", { to: "user", id: "nobody" }, { kind: "text", text: "x" }, "refused");
    await drain(im, clock, T0 + 60_000);
    const refused = (await im.outboxRows.list()).find((e) => e.dedupeKey === "refused")!;
    expect(refused).toMatchObject({ status: "failed", attempts: 1 });
    expect(refused.lastError).toContain("81013");
  });

  it("keeps an accepted message through kill -9 of the server and sends it after restart, once", async () => {
    fake = await startFakeWecom();
    const db = tempDbPath();
    // A server process accepts a message while WeCom is failing, then dies without warning.
    fake.script.push(...Array.from({ length: 5 }, () => ({ status: 503, body: {} })));
    const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "outbox-child.ts")], {
      env: { ...process.env, OUTBOX_DB: db, WECOM_API_BASE: fake.url },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const [line] = (await once(child.stdout!, "data")) as [Buffer];
    expect(line.toString()).toContain("accepted");
    child.kill("SIGKILL");
    await once(child, "exit");
    expect(fake.sent).toEqual([]);

    // The next start finds it and sends it.
    fake.script.length = 0;
    const clock = { now: Date.now() };
    const { im } = await outboxOn(db, clock);
    await drain(im, clock, clock.now + 3600_000);
    expect(fake.sent.map((m) => m.text.content)).toEqual(["sent before the crash"]);
    await drain(im, clock, clock.now + 3600_000);
    expect(fake.sent).toHaveLength(1);
    expect((await im.outboxRows.list())[0]).toMatchObject({ status: "sent" });
  });
});
