/**
 * The minute scheduler: one `croner` job in the company's time zone that, each minute, works out
 * who is due (src/notify/planner.ts: a glance at everyone, the few judged) and delivers each reminder
 * once (src/notify/notifier.ts). No per-person timers: a restart, a second tick in the same minute
 * or a catch-up after downtime finds the decisions already stored and sends only what is missing
 * and still true.
 */
import { Cron } from "croner";
import { SYSTEM_ACTOR } from "../attendance/permissions.ts";
import type { AttendanceServices } from "../attendance/services.ts";
import { localDate } from "../attendance/time.ts";
import type { Employee, ReminderRule } from "../attendance/types.ts";
import { approvalKinds, type ApprovalKinds } from "../im/approvals.ts";
import type { Notifier } from "./notifier.ts";
import { dueAt } from "./planner.ts";
import type { DueReminder } from "./rules.ts";
import type { SkippedReminder } from "./skips.ts";
import type { NotifyRepository } from "./store.ts";
import { reminderMessage } from "./texts.ts";
import { phrase } from "../agent/replies.ts";
import type { TextMessage } from "../im/message.ts";

/** A reminder the scheduler would send now, with its words and channel. */
export interface PlannedReminder {
  employee: Employee;
  rule: ReminderRule;
  occasion: string;
  channel: string;
  subject: string;
  text: string;
  /** The person turned this rule off: it is logged as skipped, not sent. */
  optedOut?: boolean;
  /** A team digest's team (the manager's department code), whose group robot may post it. */
  team?: string;
}

export interface SchedulerOptions {
  services: AttendanceServices;
  repo: NotifyRepository;
  notifier: Notifier;
  clock: () => number;
  /** Told of a tick that failed (the next minute tries again). */
  onError?: (err: unknown) => void;
}

export class ReminderScheduler {
  private job?: Cron;
  /** The date whose daily rules have all been swept by this process (a restart sweeps once more; the decisions keep it once). */
  private sweptDaily?: string;
  /** Set by a plan that swept past the last daily time; kept by the tick that delivers it. */
  private sweepDone?: string;
  private running?: Promise<unknown>;
  /** The reminders the last plan found not to send, with why; logged by the tick that made it. */
  private skipped: SkippedReminder[] = [];

  /** How requests are titled in the approvers' digest. */
  private readonly kinds: ApprovalKinds;

  constructor(private readonly o: SchedulerOptions) {
    this.kinds = approvalKinds(o.services);
  }

  /** What is due at `atMs` (default now), with words and channels; nothing is written. */
  async plan(atMs = this.o.clock()): Promise<PlannedReminder[]> {
    const today = localDate(atMs, (await this.o.services.attendance.policy(SYSTEM_ACTOR)).timeZone);
    const found = await dueAt({ services: this.o.services, repo: this.o.repo, kinds: this.kinds }, atMs, this.sweptDaily !== today);
    if (found.sweptDaily) this.sweepDone = today;
    this.skipped = found.skipped;
    const plan = async (due: DueReminder, optedOut: boolean): Promise<PlannedReminder> => {
      const r = found.recipients.get(due.employeeId)!;
      const message = reminderMessage(r.employee, due);
      const channel = optedOut ? "none" : await this.o.notifier.route(r.employee, r.settings);
      return { employee: r.employee, rule: due.rule, occasion: due.occasion, channel, subject: message.subject, text: message.text, ...(optedOut ? { optedOut } : {}) };
    };
    const digestPlans = await Promise.all(
      found.digests.map(async (d) => {
        const r = found.recipients.get(d.employee.id);
        const team = d.rule === "teamDigest" ? r?.departmentCode : undefined;
        const robot = d.rule === "teamDigest" ? this.o.notifier.robotRoute(team) : undefined;
        const channel = robot ?? (await this.o.notifier.route(d.employee, r?.settings));
        return { employee: d.employee, rule: d.rule, occasion: d.occasion, subject: d.subject, text: d.text, channel, ...(team ? { team } : {}) };
      }),
    );
    return [...(await Promise.all(found.due.map((d) => plan(d, false)))), ...digestPlans, ...(await Promise.all(found.optedOut.map((d) => plan(d, true))))];
  }

  /** Works out what is due and delivers it; resolves to what was sent (or skipped) by this tick. */
  async tick(atMs = this.o.clock()): Promise<PlannedReminder[]> {
    // Ticks never overlap: a slow one makes the next wait rather than decide the same people twice.
    const previous = this.running;
    const run = (async () => {
      await previous?.catch(() => undefined);
      const done: PlannedReminder[] = [];
      this.sweepDone = undefined;
      const planned = await this.plan(atMs);
      const swept = this.sweepDone;
      // Not sent, and why: on leave, not a workday, not employed then (HR's delivery log).
      for (const s of this.skipped) await this.o.notifier.skip({ id: s.due.employeeId }, s.due.rule, s.due.occasion, s.reason);
      for (const p of planned) {
        if (p.optedOut) {
          await this.o.notifier.skip(p.employee, p.rule, p.occasion, "OPTED_OUT");
          done.push(p);
          continue;
        }
        const channel = await this.o.notifier.deliver(p.employee, { rule: p.rule, occasion: p.occasion, message: { kind: "text", subject: p.subject, text: p.text }, robot: teamRobotMessage(p), team: p.team });
        if (channel !== undefined) done.push({ ...p, channel });
      }
      if (swept) this.sweptDaily = swept;
      return done;
    })();
    this.running = run;
    return run;
  }

  /** Starts the minute job in the company's time zone. */
  async start(): Promise<void> {
    const { timeZone } = await this.o.services.attendance.policy(SYSTEM_ACTOR);
    this.job = new Cron("* * * * *", { timezone: timeZone, protect: true }, async () => {
      try {
        await this.tick();
      } catch (err) {
        this.o.onError?.(err);
      }
    });
  }

  /** Stops the job and waits for a tick in flight. */
  async stop(): Promise<void> {
    this.job?.stop();
    this.job = undefined;
    await this.running?.catch(() => undefined);
  }
}

/** A manager's team digest as the team's group robot posts it: headed with whose team it is. */
function teamRobotMessage(p: PlannedReminder): TextMessage | undefined {
  if (p.rule !== "teamDigest") return undefined;
  const lang = p.employee.language;
  return { kind: "text", text: `${phrase(lang, "notify.teamDigest.robot", { name: lang === "zh" ? p.employee.name : p.employee.nameEn })}\n${p.text}` };
}
