import { countsInMonth } from "./employment.ts";
import { type JudgeInput, judgeDays } from "./judge.ts";
import type { DayRecord, LeaveType, MonthlySummary, OvertimeCategory, Policy } from "./types.ts";

/** What the month summary reads besides the days: approved corrections and overtime of the month. */
export interface SummaryInput extends JudgeInput {
  policy: JudgeInput["policy"] & Pick<Policy, "seriousLateMinutes" | "maxLatesForFullAttendance">;
  /** Dates of the approved corrections (the summary counts those in the month). */
  correctionDates: string[];
  /** Approved overtime: date, minutes, category (the summary sums those in the month). */
  overtime: { date: string; minutes: number; category: OvertimeCategory }[];
}

/** Hours with two decimals: overtime minutes summed first, so thirds of an hour do not drift. */
const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

/** The monthly summary of DESIGN.md for one employee; the schedule's grid is the month. */
export function summarizeMonth(input: SummaryInput, days: DayRecord[] = judgeDays(input)): MonthlySummary {
  const { grid } = input.schedule;
  const month = grid.from.slice(0, 7);
  const s: MonthlySummary = {
    month,
    login: input.employee.login,
    requiredDays: 0,
    attendedDays: 0,
    lateCount: 0,
    lateMinutes: 0,
    seriousLateCount: 0,
    earlyLeaveCount: 0,
    earlyLeaveMinutes: 0,
    missingPunchCount: 0,
    absentDays: 0,
    absentLateCount: 0,
    absentEarlyCount: 0,
    correctionCount: 0,
    fieldPunchCount: 0,
    overtimeHours: { workday: 0, restDay: 0, holiday: 0 },
    leaveDays: { total: 0, byType: {} },
    fullAttendance: true,
    shiftCode: usualShift(input, days),
    judgedThrough: null,
    notCounted: notCounted(days),
  };
  const byType: Partial<Record<LeaveType, number>> = {};
  for (const d of days) {
    for (const p of d.punches) if (p.place === "field") s.fieldPunchCount++;
    if (!countsInMonth(d.status)) continue;
    for (const type in d.leaveByType) byType[type as LeaveType] = (byType[type as LeaveType] ?? 0) + d.leaveByType[type as LeaveType]!;
    if (!d.workday) continue;
    s.requiredDays++;
    if (d.punches.length > 0) s.attendedDays++;
    if (d.lateMinutes > 0) {
      s.lateCount++;
      s.lateMinutes += d.lateMinutes;
      if (d.lateMinutes >= input.policy.seriousLateMinutes) s.seriousLateCount++;
    }
    if (d.earlyLeaveMinutes > 0) {
      s.earlyLeaveCount++;
      s.earlyLeaveMinutes += d.earlyLeaveMinutes;
    }
    if (d.absentLate) s.absentLateCount++;
    if (d.absentEarly) s.absentEarlyCount++;
    s.missingPunchCount += d.missingPunches;
    s.absentDays += d.absentDays;
  }
  // The last date judged: every date up to it has ended.
  for (let i = grid.firstIndex; i <= grid.lastIndex && input.nowMs >= input.schedule.closeMs[i]; i++) s.judgedThrough = grid.dates[i];
  s.leaveDays = { total: Object.values(byType).reduce((a, b) => a + (b ?? 0), 0), byType };
  s.correctionCount = input.correctionDates.filter((d) => d >= grid.from && d <= grid.to).length;
  const minutes = { workday: 0, restDay: 0, holiday: 0 };
  for (const o of input.overtime) if (o.date >= grid.from && o.date <= grid.to) minutes[o.category] += o.minutes;
  s.overtimeHours = { workday: hours(minutes.workday), restDay: hours(minutes.restDay), holiday: hours(minutes.holiday) };
  s.fullAttendance =
    s.absentDays === 0 &&
    s.missingPunchCount === 0 &&
    s.earlyLeaveCount === 0 &&
    !byType.personal &&
    !byType.sick &&
    s.lateCount <= input.policy.maxLatesForFullAttendance;
  return s;
}

/** Why no day of the month counts (the first such day's reason), or null when one does. */
function notCounted(days: DayRecord[]): MonthlySummary["notCounted"] {
  if (days.some((d) => countsInMonth(d.status))) return null;
  const status = days[0]?.status;
  return status === "before-hire" || status === "after-leaving" || status === "no-records" ? status : null;
}

/** The shift most of the month's workdays had; the person's usual one on a tie or with no workday. */
function usualShift(input: SummaryInput, days: DayRecord[]): string {
  const counts = new Map<string, number>();
  for (const d of days) if (d.workday && countsInMonth(d.status)) counts.set(d.shiftCode, (counts.get(d.shiftCode) ?? 0) + 1);
  const usual = input.schedule.usual.code;
  let best = usual;
  for (const [code, n] of counts) if (n > (counts.get(best) ?? 0)) best = code;
  return best;
}
