import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { buildIm } from "../../src/im/wiring.ts";
import { buildNotify } from "../../src/notify/index.ts";
import { openSystem } from "../../src/system.ts";
import { tempDbPath } from "../helpers.ts";
import { startFakeWecom, wecomEnv, type FakeWecom } from "../im/fakes/wecom.ts";

let fake: FakeWecom;
afterEach(async () => fake?.close());

describe("a reminder accepted into the outbox", () => {
  it("survives kill -9 of the server and is sent after restart, once, and the next tick sends nothing again", async () => {
    fake = await startFakeWecom();
    const db = tempDbPath();
    // WeCom fails while the first process is up: the reminders wait in the outbox when it dies.
    fake.script.push(...Array.from({ length: 200 }, () => ({ status: 503, body: {} })));
    const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "reminder-child.ts")], {
      env: { ...process.env, REMINDER_DB: db, WECOM_API_BASE: fake.url },
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const [line] = (await once(child.stdout!, "data")) as [Buffer];
      expect(line.toString()).toMatch(/accepted \d+/);
      child.kill("SIGKILL");
      await once(child, "exit");
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    expect(fake.sent).toEqual([]);

    fake.script.length = 0;
    const at = Date.parse("2026-11-26T09:11:00+08:00");
    const core = await openSystem({ db, seed: "org", clock: () => at });
    try {
      const im = buildIm({ settings: loadConfig(wecomEnv(fake.url)).im, services: core, db: core.store.db, conversation: () => ({ reply: async () => "" }), now: () => Date.now() + 3600_000 });
      const notify = buildNotify({ services: core, db: core.store.db, outbox: im.outbox, email: false, clock: () => at });
      expect(await notify.scheduler.tick()).toEqual([]);
      await im.worker.tick();
      const toWang = fake.sent.filter((m) => m.touser === "wang");
      expect(toWang.map((m) => m.text.content)).toEqual(["嘿，王小明，今天还没打卡哦，是不是忘了？回复'打卡'即可。"]);
      await im.worker.tick();
      expect(fake.sent.filter((m) => m.touser === "wang")).toHaveLength(1);
    } finally {
      await core.close();
    }
  }, 120_000);
});
