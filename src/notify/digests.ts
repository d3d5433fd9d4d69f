/**
 * The daily digests, each due from its clock time on the recipient's workday until the quiet hours:
 * a manager's team today (09:45), HR's departments (10:00, off by default), an approver's requests
 * waiting over a day (10:00), and on the first workday of a month each person's last month in the
 * words the voice answer uses (09:00). Occasions are the date (the month for the report), so each
 * goes once.
 */
import { monthly } from "../agent/tool-replies.ts";
import { phrase, type Lang } from "../agent/replies.ts";
import type { PersonDay } from "../attendance/day-sheets.ts";
import { canApprove, SYSTEM_ACTOR } from "../attendance/permissions.ts";
import type { AttendanceServices } from "../attendance/services.ts";
import { addDays, parseClock, toLocal } from "../attendance/time.ts";
import type { Employee, Policy, ReminderRule } from "../attendance/types.ts";
import type { ApprovalKinds } from "../im/approvals.ts";
import { inQuietHours, ruleFor, type Recipient } from "./rules.ts";
import { isActiveOn } from "../attendance/employment.ts";
import { decisionKey } from "./store.ts";

/** A digest due for one person: its words in their language. */
export interface DueDigest {
  employee: Employee;
  rule: ReminderRule;
  occasion: string;
  subject: string;
  text: string;
}

const nameIn = (lang: Lang, e: Pick<Employee, "name" | "nameEn">) => (lang === "zh" ? e.name : e.nameEn);

export interface DigestInput {
  atMs: number;
  policy: Policy;
  today: string;
  /** Those a digest may be due for (the scheduler's pick; each is checked again here). */
  people: readonly Recipient[];
  /** Each manager's direct reports, by the manager's id. */
  teams: ReadonlyMap<number, readonly Recipient[]>;
  /** Today, judged, for the team members (and any others given). */
  days: ReadonlyMap<number, PersonDay[]>;
  /** Whether today is a workday for a person, and their first of the month. */
  workday(employeeId: number): boolean;
  firstWorkday(employeeId: number): boolean;
  decided: ReadonlySet<string>;
  services: AttendanceServices;
  /** The requests waiting over a day that an approver may decide, as card titles. */
  waiting(approver: Employee): Promise<((lang: Lang) => string)[]>;
}

/** The digests due at this instant, not yet decided. */
export async function dueDigests(input: DigestInput): Promise<DueDigest[]> {
  const minute = toLocal(input.atMs, input.policy.timeZone).minuteOfDay;
  if (inQuietHours(input.policy, minute)) return [];
  const todayOf = (e: Employee) => input.days.get(e.id)?.find((d) => d.date === input.today);
  const due = (r: Recipient, rule: ReminderRule, occasion: string) => {
    const s = ruleFor(input.policy, r.departmentCode, rule);
    return s.on && minute >= parseClock(s.at ?? "09:00") && isActiveOn(r.employee, input.today) && input.workday(r.employee.id) && !input.decided.has(decisionKey(r.employee.id, rule, occasion));
  };
  const out: DueDigest[] = [];
  for (const r of input.people) {
    const e = r.employee;
    const lang = e.language;
    if (due(r, "teamDigest", input.today)) {
      const team = input.teams.get(e.id) ?? [];
      if (team.length) out.push({ employee: e, rule: "teamDigest", occasion: input.today, subject: phrase(lang, "notify.subject.teamDigest"), text: teamText(lang, team, todayOf, input.atMs) });
    }
    if ((e.role === "hr" || e.role === "admin") && due(r, "departmentDigest", input.today)) {
      const lines = (await input.services.attendance.departmentsDay(SYSTEM_ACTOR, input.today)).map((d) =>
        phrase(lang, "notify.departmentDigest.line", { name: lang === "zh" ? d.name : d.nameEn, present: d.present, expected: d.expected, late: d.late, onLeave: d.onLeave }),
      );
      out.push({ employee: e, rule: "departmentDigest", occasion: input.today, subject: phrase(lang, "notify.subject.departmentDigest"), text: lines.join("\n") });
    }
    if (due(r, "approvalPending", `digest:${input.today}`)) {
      const waiting = await input.waiting(e);
      if (waiting.length)
        out.push({ employee: e, rule: "approvalPending", occasion: `digest:${input.today}`, subject: phrase(lang, "notify.subject.approvalDigest"), text: phrase(lang, "notify.approvalDigest", { n: waiting.length, list: waiting.map((w) => w(lang)).join(lang === "zh" ? "；" : "; ") }) });
    }
  }
  out.push(...(await monthlyReports(input, due)));
  return out;
}

function teamText(lang: Lang, team: readonly Recipient[], todayOf: (e: Employee) => PersonDay | undefined, atMs: number): string {
  const late: string[] = [];
  const notYet: string[] = [];
  const onLeave: string[] = [];
  for (const { employee } of team) {
    const d = todayOf(employee);
    if (!d || !d.workday) continue;
    const name = nameIn(lang, employee);
    if (d.leave && d.leave.halfDay !== "pm") onLeave.push(name);
    else if (d.inAtMs === null && atMs >= d.lateAfterMs) notYet.push(name);
    else if (d.inAtMs !== null && d.inAtMs > d.lateAfterMs) late.push(name);
  }
  const sep = lang === "zh" ? "、" : ", ";
  const lines = [phrase(lang, "notify.teamDigest", { late: late.length, notYet: notYet.length, onLeave: onLeave.length })];
  if (late.length) lines.push(phrase(lang, "notify.teamDigest.late", { names: late.join(sep) }));
  if (notYet.length) lines.push(phrase(lang, "notify.teamDigest.notYet", { names: notYet.join(sep) }));
  if (onLeave.length) lines.push(phrase(lang, "notify.teamDigest.onLeave", { names: onLeave.join(sep) }));
  return lines.join("\n");
}

/**
 * The requests filed before `before` and still waiting, read once for all approvers: each
 * approver then gets the titles of those they may decide (as the web's queue would list them).
 */
export async function waitingRequests(services: AttendanceServices, kinds: ApprovalKinds, before: number): Promise<(approver: Employee) => ((lang: Lang) => string)[]> {
  const [leave, corrections, overtime] = await Promise.all([services.leave.pendingFor(SYSTEM_ACTOR), services.corrections.pendingFor(SYSTEM_ACTOR), services.overtime.pendingFor(SYSTEM_ACTOR)]);
  const old = [
    ...leave.filter((r) => r.createdAtMs < before).map((r) => ["leave", r.id] as const),
    ...corrections.filter((r) => r.createdAtMs < before).map((r) => ["correction", r.id] as const),
    ...overtime.filter((r) => r.createdAtMs < before).map((r) => ["overtime", r.id] as const),
  ];
  const views = (await Promise.all(old.map(([kind, id]) => kinds[kind].view(id)))).filter((v) => v !== undefined);
  return (approver) => views.filter((v) => canApprove(approver, v.requester)).map((v) => (lang: Lang) => v.title(lang));
}

/** Last month's summary for each person, on their first workday of this month. */
async function monthlyReports(input: DigestInput, due: (r: Recipient, rule: ReminderRule, occasion: string) => boolean): Promise<DueDigest[]> {
  const lastMonth = addDays(`${input.today.slice(0, 7)}-01`, -1).slice(0, 7);
  const recipients = input.people.filter((r) => due(r, "monthlyReport", lastMonth) && input.firstWorkday(r.employee.id) && !r.settings?.optOut.includes("monthlyReport"));
  if (recipients.length === 0) return [];
  const summaries = new Map((await input.services.attendance.monthlySummaries(SYSTEM_ACTOR, lastMonth)).map((s) => [s.login, s]));
  return recipients.flatMap((r) => {
    const s = summaries.get(r.employee.login);
    if (!s || s.requiredDays === 0) return [];
    const lang = r.employee.language;
    return [{ employee: r.employee, rule: "monthlyReport" as const, occasion: lastMonth, subject: phrase(lang, "notify.subject.monthlyReport"), text: monthly(lang, s, input.today).say }];
  });
}
