/** A server process for the kill -9 test: accepts one chat message into the outbox, says so, and keeps running. */
import { loadConfig } from "../../src/config.ts";
import { buildIm } from "../../src/im/wiring.ts";
import { openSystem } from "../../src/system.ts";
import { wecomEnv } from "./fakes/wecom.ts";

const config = loadConfig(wecomEnv(process.env.WECOM_API_BASE));
const core = await openSystem({ db: process.env.OUTBOX_DB!, seed: "org" });
const im = buildIm({ settings: config.im, services: core, db: core.store.db, conversation: () => ({ reply: async () => "" }) });
im.start();
await im.outbox.reply("wecom", { to: "user", id: "wang" }, { kind: "text", text: "sent before the crash" }, "crash-test");
process.stdout.write("accepted\n");
setInterval(() => {}, 60_000);
