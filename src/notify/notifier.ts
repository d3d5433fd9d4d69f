/**
 * Delivery of one notification to one person: always in the app, and on the one other channel
 * that reaches them (their choice, else the chat platform they are linked on, else email), through
 * the outbox. Every step is keyed by (rule, person, occasion), and the decision is stored last:
 * a crash anywhere in between repeats only no-ops, so nothing is sent twice.
 */
import type { Employee, ReminderRule } from "../attendance/types.ts";
import type { OutgoingMessage } from "../im/message.ts";
import { plainText } from "../im/message.ts";
import type { OutboxService } from "../im/outbox-service.ts";
import { subjectOf } from "./email.ts";
import { DEFAULT_SETTINGS, type Decision, type NotificationSettings, type NotifyRepository } from "./store.ts";

/** The channel besides in-app: a chat platform (by name), email, or none. */
export type Route = string;

export interface NotifierOptions {
  repo: NotifyRepository;
  /** The outbox (chat platforms and, when configured, email). */
  outbox?: OutboxService;
  /** Whether email is configured (SMTP_URL). */
  email: boolean;
  now: () => number;
}

/** One notification for a person. */
export interface Notice {
  rule: ReminderRule | "test";
  /** With the person and rule, what makes it once only: a work date, or a request ("leave:42"). */
  occasion: string;
  /** The words, with a subject for email and the in-app title. */
  message: OutgoingMessage;
  /** What chat shows instead (an approval card with buttons). */
  chat?: OutgoingMessage;
  /** Send on this channel only (HR's test message). */
  only?: "im" | "email" | "inapp";
  /**
   * Chat and email wait until this instant (ms): a notice decided in the quiet hours reaches the
   * person when they end. The in-app list, which nobody is woken by, has it at once.
   */
  notBefore?: number;
  /**
   * What the team's group robot posts instead of the chat or email to the person (a manager's team
   * digest), when a robot is configured; the person still has it in the app.
   */
  robot?: OutgoingMessage;
  /** Whose group robot: the team's department code (its own robot, else the default one). */
  team?: string;
}

export class Notifier {
  constructor(private readonly o: NotifierOptions) {}

  /** Where a notice for this person goes besides the app: a platform name, "email", or "inapp". */
  async route(employee: Pick<Employee, "id">, settings: NotificationSettings = DEFAULT_SETTINGS, only?: Notice["only"]): Promise<Route> {
    const choice = only ?? settings.channel;
    if (choice === "inapp") return "inapp";
    const im = (await this.o.outbox?.reachable(employee.id))?.platform;
    const email = this.o.email && settings.email ? "email" : undefined;
    const chosen = choice === "im" ? im : choice === "email" ? email : undefined;
    if (only) return chosen ?? "inapp";
    return chosen ?? im ?? email ?? "inapp";
  }

  /** The group robot a team's digest goes to ("wecom:robot"), or undefined when none is configured; `team` is a department code. */
  robotRoute(team?: string): Route | undefined {
    const platform = this.o.outbox?.robotPlatform(team);
    return platform && `${platform}:robot`;
  }

  /**
   * Delivers a notice, once: resolves to the channel used besides the app, or undefined when the
   * same (person, rule, occasion) was decided before.
   */
  async deliver(employee: Pick<Employee, "id">, notice: Notice, settings?: NotificationSettings): Promise<Route | undefined> {
    const s = settings ?? (await this.o.repo.settings(employee.id));
    const key = `notify:${notice.rule}:${employee.id}:${notice.occasion}`;
    const now = this.o.now();
    const robot = notice.robot && this.robotRoute(notice.team);
    const channel = robot || (await this.route(employee, s, notice.only));
    const message = notice.message;
    await this.o.repo.addNotification({ employeeId: employee.id, rule: notice.rule, dedupeKey: key, title: subjectOf(message), body: bodyOf(message) }, now);
    if (robot) await this.o.outbox!.robot(notice.robot!, key, employee.id, notice.team);
    else if (channel === "email") await this.o.outbox!.email(employee.id, s.email!, message, key, notice.notBefore);
    else if (channel !== "inapp") await this.o.outbox!.notify(employee.id, notice.chat ?? message, key, notice.notBefore);
    const decision: Decision = { employeeId: employee.id, rule: notice.rule, occasion: notice.occasion, channel, status: "queued", dedupeKey: key };
    return (await this.o.repo.decide(decision, now)) ? channel : undefined;
  }

  /** Records that a notice was not sent, and why (HR's delivery log shows it). */
  async skip(employee: Pick<Employee, "id">, rule: ReminderRule, occasion: string, reason: string): Promise<void> {
    await this.o.repo.decide({ employeeId: employee.id, rule, occasion, channel: "none", status: "skipped", reason, dedupeKey: `notify:${rule}:${employee.id}:${occasion}` }, this.o.now());
  }
}

/** The in-app body: the text, without the subject a summary repeats. */
function bodyOf(message: OutgoingMessage): string {
  if (message.kind === "text") return message.text;
  return plainText(message).split("\n").slice(1).join("\n");
}
