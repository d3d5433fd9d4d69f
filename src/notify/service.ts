/**
 * What people do with notifications: read their in-app list and mark it read, choose their
 * channel and turn off the optional reminders; HR reads the delivery log and sends itself a test
 * message on each channel. The HTTP routes call only this.
 */
import { DomainError } from "../attendance/errors.ts";
import { canManageAll, type Actor } from "../attendance/permissions.ts";
import { OPTIONAL_REMINDERS, type Employee, type ReminderRule } from "../attendance/types.ts";
import { phrase } from "../agent/replies.ts";
import type { Notifier } from "./notifier.ts";
import type { AppNotification, ChannelChoice, DeliveryRow, NotificationSettings, NotifyRepository } from "./store.ts";

/** A person's settings as the settings screen shows them. */
export interface SettingsView extends NotificationSettings {
  /** The rules a person may turn off. */
  optional: readonly ReminderRule[];
  /** Where a reminder would go now besides the app (a platform, "email" or "inapp"). */
  route: string;
}

export class NotificationService {
  constructor(
    private readonly repo: NotifyRepository,
    private readonly notifier: Notifier,
    private readonly now: () => number,
  ) {}

  list(user: Employee, limit = 50): Promise<{ items: AppNotification[]; unread: number }> {
    return this.repo.notifications(user.id, limit);
  }

  /** Marks the given notifications read, or all of them. Returns the unread count after. */
  async markRead(user: Employee, which: { ids?: number[]; all?: boolean }): Promise<{ unread: number }> {
    await this.repo.markRead(user.id, which.all ? { throughId: Number.MAX_SAFE_INTEGER } : (which.ids ?? []), this.now());
    return { unread: (await this.repo.notifications(user.id, 0)).unread };
  }

  async settings(user: Employee): Promise<SettingsView> {
    const s = await this.repo.settings(user.id);
    return { ...s, optional: OPTIONAL_REMINDERS, route: await this.notifier.route(user, s) };
  }

  /** Changes one's own settings; only the optional rules can be turned off. */
  async setSettings(user: Employee, patch: { channel?: ChannelChoice; optOut?: string[]; email?: string | null }): Promise<SettingsView> {
    const before = await this.repo.settings(user.id);
    const refused = (patch.optOut ?? []).find((r) => !OPTIONAL_REMINDERS.includes(r as ReminderRule));
    if (refused) throw new DomainError("INVALID_INPUT", `optOut: ${refused} cannot be turned off`, { field: "optOut" });
    const next: NotificationSettings = {
      channel: patch.channel ?? before.channel,
      optOut: patch.optOut ? [...new Set(patch.optOut as ReminderRule[])] : before.optOut,
      email: patch.email === undefined ? before.email : patch.email,
    };
    await this.repo.setSettings(user.id, next);
    return this.settings(user);
  }

  /** HR's delivery log: sent, failed with the platform's error, skipped with the reason. */
  deliveries(actor: Actor, limit = 200): Promise<DeliveryRow[]> {
    if (!canManageAll(actor)) throw new DomainError("FORBIDDEN", "Only HR can see the delivery log");
    return this.repo.deliveries(limit);
  }

  /** HR sends themselves a test message on one channel; resolves to the channel it went on. */
  async sendTest(actor: Employee, channel: "im" | "email" | "inapp"): Promise<{ channel: string }> {
    if (!canManageAll(actor)) throw new DomainError("FORBIDDEN", "Only HR can send test messages");
    const route = await this.notifier.route(actor, await this.repo.settings(actor.id), channel);
    if (route === "inapp" && channel !== "inapp") throw new DomainError("CHANNEL_UNAVAILABLE", `You cannot be reached by ${channel}: ${channel === "im" ? "link a chat account" : "set SMTP_URL and your email address"}`, { channel });
    const lang = actor.language;
    const used = await this.notifier.deliver(actor, { rule: "test", occasion: `test:${channel}:${this.now()}`, message: { kind: "text", subject: phrase(lang, "notify.subject.test"), text: phrase(lang, "notify.test") }, only: channel });
    return { channel: used ?? route };
  }
}
