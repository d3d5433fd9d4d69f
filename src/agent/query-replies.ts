/**
 * Sentences for the answers issue 16 adds: today's punches, the rules, one figure of a month,
 * someone else's month or day, a department's day, and an amended filing.
 */
import { countsCalendarDays } from "../attendance/leave-days.ts";
import type { DepartmentDay, Employee, LeaveRequest, MemberDay, MonthlySummary, Policy, Punch } from "../attendance/types.ts";
import { parseClock, toLocal } from "../attendance/time.ts";
import type { Lang } from "./replies.ts";
import { leaveTypeName, monthName, phrase, spokenDates, spokenNumber, spokenTime } from "./replies.ts";
import type { ToolOutcome } from "./tools.ts";
import * as say from "./tool-replies.ts";

/** Today's own punches, in order, with their kind when the record has one. */
export function todayPunches(lang: Lang, punches: Punch[], timeZone: string): ToolOutcome {
  if (punches.length === 0) return { ok: true, say: phrase(lang, "punches.today.none"), data: [] };
  const items = punches.map((p) => {
    const time = spokenTime(lang, toLocal(p.atMs, timeZone).minuteOfDay);
    const kind = (p as Punch & { kind?: "in" | "out" }).kind;
    return kind ? phrase(lang, "punches.today.item", { kind: phrase(lang, `punchKind.${kind}`), time }) : time;
  });
  return { ok: true, say: phrase(lang, "punches.today.list", { n: punches.length, times: items.join(lang === "zh" ? "、" : ", ") }), data: punches };
}

/** What the policy says about one topic, with its numbers. */
export function policyAnswer(lang: Lang, topic: string, p: Policy): ToolOutcome {
  const clock = (hhmm: string, plus = 0) => spokenTime(lang, parseClock(hhmm) + plus);
  const params: Record<string, unknown> = {
    start: clock(p.shiftStart),
    end: clock(p.shiftEnd),
    graceEnd: clock(p.shiftStart, p.flexMinutes + p.graceMinutes),
    grace: p.graceMinutes,
    flex: p.flexMinutes,
    absentLate: p.absentLateMinutes,
    max: p.maxCorrectionsPerMonth,
    window: p.correctionWindowDays,
    backdate: p.maxBackdateDays,
    sick: p.entitlements.sick,
    marriage: p.entitlements.marriage,
    bereavement: p.entitlements.bereavement,
    restStart: clock(p.restStart),
    restEnd: clock(p.restEnd),
    hoursPerDay: p.hoursPerDay,
    expiry: p.compensatoryExpiryDays,
  };
  const key = `policy.${topic}`;
  const extra = topic === "hours" && p.flexMinutes > 0 ? phrase(lang, "policy.hours.flex", params) : "";
  return { ok: true, say: phrase(lang, key, params) + extra, data: { topic } };
}

/** A month, said about oneself or someone else, with the one figure asked about first. */
export function month(lang: Lang, s: MonthlySummary, today: string, options: { who?: Pick<Employee, "name" | "nameEn">; focus?: string } = {}): ToolOutcome {
  const current = s.month === today.slice(0, 7);
  const name = options.who ? (lang === "zh" ? options.who.name : options.who.nameEn) : "";
  const monthWord = monthName(lang, s.month, today.slice(0, 4));
  const subjectKey = options.who ? `month.subjectOf.${current ? "current" : "other"}` : `month.subject.${current ? "current" : "other"}`;
  const subject = phrase(lang, subjectKey, { name, monthName: monthWord });
  const whole = options.who ? otherSummary(lang, s, today, subject, name) : say.monthly(lang, s, today).say;
  const n = { missing: s.missingPunchCount, late: s.lateCount, early: s.earlyLeaveCount, absent: spokenNumber(s.absentDays) }[options.focus as "missing"] as number | string | undefined;
  const head = options.focus && n !== undefined && !s.notCounted && s.month <= today.slice(0, 7) ? phrase(lang, `month.focus.${options.focus}${options.who ? ".other" : ""}`, { subject, n, name }) + (lang === "zh" ? "" : " ") : "";
  return { ok: true, say: head + whole, data: s };
}

function otherSummary(lang: Lang, s: MonthlySummary, today: string, subject: string, name: string): string {
  if (s.month > today.slice(0, 7)) return phrase(lang, "month.future", { monthName: monthName(lang, s.month, today.slice(0, 4)), required: s.requiredDays });
  if (s.notCounted) return phrase(lang, `month.notCounted.${s.notCounted}.other`, { subject, name });
  const extras = say.monthExtras(lang, s);
  const full = s.fullAttendance ? phrase(lang, s.month === today.slice(0, 7) ? "month.full.current" : "month.full.past") : phrase(lang, "month.notFull");
  return phrase(lang, "month.summary.other", { subject, name, required: s.requiredDays, attended: s.attendedDays, late: s.lateCount, extras, full });
}

/** One person's day from the team view. */
export function memberDay(lang: Lang, m: MemberDay, date: string, today: string): ToolOutcome {
  const name = lang === "zh" ? m.name : m.nameEn;
  const day = date === today ? phrase(lang, "day.today") : spokenDates(lang, date, date);
  const key = `member.${m.status}`;
  return { ok: true, say: phrase(lang, key, { name, date: day, time: m.inAt ? spokenTime(lang, parseClock(m.inAt)) : "", minutes: m.lateMinutes, type: m.leaveType ? leaveTypeName(lang, m.leaveType) : "" }), data: m };
}

/** A department's day, for HR. */
export function departmentDay(lang: Lang, d: DepartmentDay, date: string, today: string): ToolOutcome {
  const day = date === today ? phrase(lang, "day.today") : spokenDates(lang, date, date);
  const name = lang === "zh" ? d.name : d.nameEn;
  return { ok: true, say: phrase(lang, "team.department", { department: name, date: day, expected: d.expected, present: d.present, late: d.late, leave: d.onLeave }), data: d };
}

/** A filing replaced by another: both said in one sentence. */
export function leaveAmended(lang: Lang, before: LeaveRequest, after: LeaveRequest, remaining: number | null): ToolOutcome {
  const type = leaveTypeName(lang, after.type);
  const balance = remaining === null ? "" : phrase(lang, "leave.balanceAfter", { remaining: spokenNumber(remaining), type });
  const key = countsCalendarDays(after.type) ? "leave.amended.calendar" : "leave.amended";
  return {
    ok: true,
    say: phrase(lang, key, {
      oldType: leaveTypeName(lang, before.type),
      oldDates: spokenDates(lang, before.startDate, before.endDate, before.halfDay),
      type,
      dates: spokenDates(lang, after.startDate, after.endDate, after.halfDay),
      days: spokenNumber(after.days),
      balance,
      start: spokenDates(lang, after.startDate, after.startDate),
    }),
    data: { before, after },
  };
}
