/** `reminders --at ISO [--dry-run] [--json]`: what the scheduler sends at an instant, or would send. */
import type { Config } from "../config.ts";
import type { Core } from "../system.ts";
import { has, type ParsedArgs } from "./args.ts";

/** One line of the answer. */
export interface ReminderLine {
  login: string;
  rule: string;
  channel: string;
  text: string;
}

/**
 * Runs one tick at the core's clock (the command's `--at`): with `--dry-run` nothing is written,
 * else the reminders are delivered once, into the outbox the server's worker sends from.
 */
export async function runReminders(system: Core, config: Config, args: ParsedArgs, print: (value: unknown, text: string) => void): Promise<number> {
  const [{ buildIm }, { EmailSender }, { buildNotify }] = await Promise.all([import("../im/wiring.ts"), import("../notify/email.ts"), import("../notify/index.ts")]);
  const email = config.mail ? new EmailSender(config.mail) : undefined;
  const im = buildIm({
    settings: config.im,
    services: system,
    db: system.store.db,
    conversation: () => {
      throw new Error("the reminders command answers no chat");
    },
    email,
  });
  const notify = buildNotify({ services: system, db: system.store.db, outbox: im.outbox, email: email !== undefined, clock: system.clock });
  try {
    const at = system.clock();
    const planned = has(args, "dry-run") ? await notify.scheduler.plan(at) : await notify.scheduler.tick(at);
    const lines: ReminderLine[] = planned.map((p) => ({ login: p.employee.login, rule: p.rule, channel: p.optedOut ? "skipped" : p.channel, text: p.text }));
    print(lines, lines.length ? lines.map((l) => `${l.login}\t${l.rule}\t${l.channel}\t${l.text}`).join("\n") : "Nobody is due.");
    return 0;
  } finally {
    email?.close();
  }
}
