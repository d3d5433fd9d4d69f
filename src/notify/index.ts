/**
 * Reminders and notifications, built once by the composition root: the settings and decisions
 * store, the notifier (in-app, chat, email through the outbox) and the minute scheduler.
 */
import type { AttendanceServices } from "../attendance/services.ts";
import type { SqlDb } from "../attendance/store/index.ts";
import type { OutboxService } from "../im/outbox-service.ts";
import { Notifier } from "./notifier.ts";
import { ReminderScheduler } from "./scheduler.ts";
import { NotificationService } from "./service.ts";
import { NotifyRepository } from "./store.ts";

export { NOTIFY_MIGRATIONS } from "./store.ts";
export type { PlannedReminder } from "./scheduler.ts";

export interface NotifyDeps {
  services: AttendanceServices;
  db: SqlDb;
  /** The outbox chat messages and emails go through; without it, in-app only. */
  outbox?: OutboxService;
  /** Whether SMTP is configured (the outbox then has an email sender). */
  email: boolean;
  clock: () => number;
}

export interface NotifyParts {
  repo: NotifyRepository;
  notifier: Notifier;
  scheduler: ReminderScheduler;
  /** What the HTTP routes call. */
  service: NotificationService;
}

export function buildNotify(deps: NotifyDeps): NotifyParts {
  const repo = new NotifyRepository(deps.db);
  const notifier = new Notifier({ repo, outbox: deps.outbox, email: deps.email, now: deps.clock });
  const scheduler = new ReminderScheduler({
    services: deps.services,
    repo,
    notifier,
    clock: deps.clock,
    onError: (err) => console.error("reminders: a tick failed:", err),
  });
  return { repo, notifier, scheduler, service: new NotificationService(repo, notifier, deps.clock) };
}
