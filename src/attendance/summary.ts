import { countsInMonth } from "./employment.ts";
import { type DayVisitor, type JudgeInput, judgeEachDay } from "./judge.ts";
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

/**
 * The monthly summary of DESIGN.md for one employee; the schedule's grid is the month. Judges the
 * month itself unless given its days (then summarizes those); judging itself, it does not list
 * each day's punches, which it only counts.
 */
export function summarizeMonth(input: SummaryInput, days?: DayRecord[]): MonthlySummary {
  const tally = new MonthTally(input);
  if (days) for (const d of days) tally.day(d, d.punches.length, d.punches.filter((p) => p.place === "field").length);
  else judgeEachDay(input, false, tally);
  return tally.summary();
}

/** The month's figures, added up day by day as the days are judged. */
class MonthTally implements DayVisitor {
  private readonly s: MonthlySummary;
  private readonly byType: Partial<Record<LeaveType, number>> = {};
  private readonly shifts: ShiftTally;
  private firstStatus: DayRecord["status"] | null = null;
  private anyCounted = false;

  constructor(private readonly input: SummaryInput) {
    this.shifts = new ShiftTally(input.schedule.usual.code);
    this.s = {
      month: input.schedule.grid.from.slice(0, 7),
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
      shiftCode: "",
      judgedThrough: null,
      notCounted: null,
    };
  }

  day(d: DayRecord, punchCount: number, fieldPunches: number): void {
    const s = this.s;
    this.firstStatus ??= d.status;
    s.fieldPunchCount += fieldPunches;
    if (!countsInMonth(d.status)) return;
    this.anyCounted = true;
    for (const type in d.leaveByType) this.byType[type as LeaveType] = (this.byType[type as LeaveType] ?? 0) + d.leaveByType[type as LeaveType]!;
    if (!d.workday) return;
    this.shifts.add(d.shiftCode);
    s.requiredDays++;
    if (punchCount > 0) s.attendedDays++;
    if (d.lateMinutes > 0) {
      s.lateCount++;
      s.lateMinutes += d.lateMinutes;
      if (d.lateMinutes >= this.input.policy.seriousLateMinutes) s.seriousLateCount++;
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

  summary(): MonthlySummary {
    const { s, input, byType } = this;
    const { grid } = input.schedule;
    s.shiftCode = this.shifts.usual();
    // Why no day of the month counts (the first day's reason), or null when one does.
    const first = this.firstStatus;
    if (!this.anyCounted && (first === "before-hire" || first === "after-leaving" || first === "no-records")) s.notCounted = first;
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
}

/** The shift most of the month's counted workdays had; the person's usual one on a tie or with no workday. */
class ShiftTally {
  private usualDays = 0;
  /** Days of the other shifts, in the order they first appear (the earlier wins a tie among them); none for most people. */
  private others?: Map<string, number>;

  constructor(private readonly usualCode: string) {}

  add(code: string): void {
    if (code === this.usualCode) this.usualDays++;
    else (this.others ??= new Map()).set(code, (this.others.get(code) ?? 0) + 1);
  }

  usual(): string {
    let best = this.usualCode;
    let bestDays = this.usualDays;
    for (const [code, n] of this.others ?? []) if (n > bestDays) [best, bestDays] = [code, n];
    return best;
  }
}
