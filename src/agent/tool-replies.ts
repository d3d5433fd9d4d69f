import type { LeaveBalance } from "../attendance/balances.ts";
import { countsCalendarDays } from "../attendance/leave-days.ts";
import type { CompensatoryBalance } from "../attendance/compensatory.ts";
import type { MemberDay } from "../attendance/service.ts";
import type { Employee, LeaveRequest, LeaveType, MonthlySummary } from "../attendance/types.ts";
import type { ToolOutcome } from "./tools.ts";
import type { Lang } from "./replies.ts";
import { leaveTypeName, monthName, phrase, spokenDates, spokenNumber } from "./replies.ts";
import { compensatoryLeft } from "./rules-replies.ts";

/** Sentences for tool results: what the assistant says after each action. */

/** The month's exceptions worth saying (early leaves, missed punches, absence, leave), or "". */
export function monthExtras(lang: Lang, s: MonthlySummary): string {
  return [
    s.earlyLeaveCount && phrase(lang, "month.extra.early", { n: s.earlyLeaveCount }),
    s.missingPunchCount && phrase(lang, "month.extra.missing", { n: s.missingPunchCount }),
    s.absentDays && phrase(lang, "month.extra.absent", { n: spokenNumber(s.absentDays) }),
    s.leaveDays.total && phrase(lang, "month.extra.leave", { n: spokenNumber(s.leaveDays.total) }),
  ]
    .filter(Boolean)
    .join("");
}

export function monthly(lang: Lang, s: MonthlySummary, today: string): ToolOutcome {
  const current = s.month === today.slice(0, 7);
  const name = monthName(lang, s.month, today.slice(0, 4));
  if (s.month > today.slice(0, 7)) return { ok: true, say: phrase(lang, "month.future", { monthName: name, required: s.requiredDays }), data: s };
  const subject = current ? phrase(lang, "month.subject.current") : phrase(lang, "month.subject.other", { monthName: name });
  // A month before hire or before any record is said as such, not as zero days and full attendance.
  if (s.notCounted) return { ok: true, say: phrase(lang, `month.notCounted.${s.notCounted}`, { subject }), data: s };
  const extras = monthExtras(lang, s);
  const full = s.fullAttendance ? phrase(lang, current ? "month.full.current" : "month.full.past") : phrase(lang, "month.notFull");
  return { ok: true, say: phrase(lang, "month.summary", { subject, required: s.requiredDays, attended: s.attendedDays, late: s.lateCount, extras, full }), data: s };
}

export function leaveFiled(lang: Lang, l: LeaveRequest, remaining: number | null): ToolOutcome {
  const type = leaveTypeName(lang, l.type);
  const balance = remaining === null ? "" : phrase(lang, "leave.balanceAfter", { remaining: spokenNumber(remaining), type });
  const key = countsCalendarDays(l.type) ? "leave.filed.calendar" : "leave.filed";
  const start = spokenDates(lang, l.startDate, l.startDate);
  return { ok: true, say: phrase(lang, key, { type, dates: spokenDates(lang, l.startDate, l.endDate, l.halfDay), days: spokenNumber(l.days), balance, start }), data: l };
}

export function leaveCancelled(lang: Lang, l: LeaveRequest): ToolOutcome {
  return { ok: true, say: phrase(lang, "leave.cancelled", { type: leaveTypeName(lang, l.type), dates: spokenDates(lang, l.startDate, l.endDate, l.halfDay) }), data: l };
}

export function leaveDecided(lang: Lang, l: LeaveRequest, who: Pick<Employee, "name" | "nameEn">): ToolOutcome {
  const name = lang === "zh" ? who.name : who.nameEn;
  const key = l.status === "approved" ? "leave.approved" : "leave.rejected";
  return { ok: true, say: phrase(lang, key, { name, type: leaveTypeName(lang, l.type), dates: spokenDates(lang, l.startDate, l.endDate, l.halfDay) }), data: l };
}

export function leaveList(lang: Lang, list: LeaveRequest[], status?: string): ToolOutcome {
  const statusWord = status ? (lang === "zh" ? phrase(lang, `status.${status}`) + "的" : ` ${phrase(lang, `status.${status}`)}`) : "";
  if (list.length === 0) return { ok: true, say: phrase(lang, "leave.none", { status: statusWord }), data: [] };
  const recent = [...list].sort((a, b) => b.startDate.localeCompare(a.startDate)).slice(0, 3);
  const items = recent
    .map((l) => phrase(lang, "leave.item", { type: leaveTypeName(lang, l.type), dates: spokenDates(lang, l.startDate, l.endDate, l.halfDay), status: phrase(lang, `status.${l.status}`) }))
    .join(lang === "zh" ? "；" : "; ");
  return { ok: true, say: phrase(lang, "leave.list", { n: list.length, status: statusWord, items }), data: list };
}

export function balances(lang: Lang, all: LeaveBalance[], type?: LeaveType): ToolOutcome {
  if (type) {
    const b = all.find((x) => x.type === type)!;
    // Compensatory days expire: the answer says what expires next.
    if (type === "compensatory" && "expiring" in b) return compensatoryLeft(lang, b as CompensatoryBalance);
    const name = leaveTypeName(lang, type);
    const say =
      b.remaining === null
        ? phrase(lang, "balance.unlimited", { type: name, used: spokenNumber(b.used + b.pending) })
        : phrase(lang, "balance.one", { type: name, remaining: spokenNumber(b.remaining), used: spokenNumber(b.used), pending: spokenNumber(b.pending) });
    return { ok: true, say, data: b };
  }
  const items = all
    .filter((b) => b.remaining !== null && (b.entitled ?? 0) > 0 && ["annual", "sick", "compensatory"].includes(b.type))
    .map((b) => phrase(lang, "balance.item", { type: leaveTypeName(lang, b.type), remaining: spokenNumber(b.remaining!) }))
    .join(lang === "zh" ? "，" : ", ");
  return { ok: true, say: phrase(lang, "balance.all", { items }), data: all };
}

export function team(lang: Lang, members: MemberDay[], date: string, today: string): ToolOutcome {
  const dateWord = date === today ? (lang === "zh" ? "今天" : "today") : spokenDates(lang, date, date);
  const due = members.filter((m) => m.status !== "off-day");
  if (members.length > 0 && due.length === 0) return { ok: true, say: phrase(lang, "team.offDay", { date: dateWord }), data: members };
  const missing = due.filter((m) => m.status === "not-yet" || m.status === "absent");
  const late = due.filter((m) => m.status === "late").length;
  const leave = due.filter((m) => m.status === "on-leave").length;
  const nameOf = (m: MemberDay) => (lang === "zh" ? m.name : m.nameEn);
  const shown = missing.slice(0, 5).map(nameOf).join(lang === "zh" ? "、" : ", ");
  const more = missing.length > 5 ? (lang === "zh" ? "等" : " and others") : "";
  const names = missing.length ? (lang === "zh" ? `：${shown}${more}` : `: ${shown}${more}`) : "";
  const key = missing.length ? "team.summary" : "team.allIn";
  return { ok: true, say: phrase(lang, key, { total: due.length, date: dateWord, missing: missing.length, names, late, leave }), data: { date, members } };
}
