/** A server process for the kill -9 test: the 09:10 tick writes the reminders into the outbox, it says so, and keeps running. */
import { loadConfig } from "../../src/config.ts";
import { buildIm } from "../../src/im/wiring.ts";
import { buildNotify } from "../../src/notify/index.ts";
import { openSystem } from "../../src/system.ts";
import { wecomEnv } from "../im/fakes/wecom.ts";

const at = Date.parse("2026-11-26T09:10:00+08:00");
const config = loadConfig(wecomEnv(process.env.WECOM_API_BASE));
const core = await openSystem({ db: process.env.REMINDER_DB!, seed: "org", clock: () => at });
const im = buildIm({ settings: config.im, services: core, db: core.store.db, conversation: () => ({ reply: async () => "" }) });
im.start();
const notify = buildNotify({ services: core, db: core.store.db, outbox: im.outbox, email: false, clock: () => at });
const sent = await notify.scheduler.tick();
process.stdout.write(`accepted ${sent.length}\n`);
setInterval(() => {}, 60_000);
