import type { Schedule } from "./schedule.ts";
import type { DayRecord, Policy, Punch, PunchIntent, PunchKind, PunchResult } from "./types.ts";

/**
 * The kind an `auto` punch records: `in` when its work date has no in-punch before it and it comes
 * before the shift end, otherwise `out`. The clock alone never decides: a first punch at 17:03 is
 * an arrival.
 */
export function autoKind(dayPunches: readonly { atMs: number; kind: PunchKind }[], atMs: number, shiftEndMs: number): PunchKind {
  if (atMs >= shiftEndMs) return "out";
  return dayPunches.some((p) => p.kind === "in" && p.atMs <= atMs) ? "out" : "in";
}

/** A check-in after the shift end of a workday is refused (a rest day has no shift to end). */
export function checkInTooLate(schedule: Schedule, i: number, atMs: number): boolean {
  return schedule.workday[i] && atMs > schedule.endMs[i];
}

/**
 * The kinds of punches recorded together, applied in time order: each `auto` one sees the punches
 * of its work date already stored and those of the batch before it.
 */
export function resolveKinds(
  schedule: Schedule,
  stored: readonly { atMs: number; kind: PunchKind }[],
  incoming: readonly { atMs: number; intent: PunchIntent }[],
): { atMs: number; kind: PunchKind; dateIndex: number }[] {
  const byDay = new Map<number, { atMs: number; kind: PunchKind }[]>();
  const dayOf = (i: number) => {
    let list = byDay.get(i);
    if (!list) byDay.set(i, (list = []));
    return list;
  };
  for (const p of stored) dayOf(schedule.dateIndexOf(p.atMs)).push(p);
  const ordered = [...incoming].sort((a, b) => a.atMs - b.atMs);
  return ordered.map(({ atMs, intent }) => {
    const i = schedule.dateIndexOf(atMs);
    const day = dayOf(i);
    const kind = intent === "auto" ? (i < 0 ? "in" : autoKind(day, atMs, schedule.endMs[i])) : intent;
    day.push({ atMs, kind });
    return { atMs, kind, dateIndex: i };
  });
}

/** Why the owner may not change a punch's kind now, or null when they may. */
export function kindChangeRefusal(
  punch: Pick<Punch, "employeeId" | "recordedAtMs" | "method">,
  ownerId: number,
  nowMs: number,
  windowMinutes: number,
): "NOT_OWN" | "CORRECTION" | "TOO_LATE" | null {
  if (punch.employeeId !== ownerId) return "NOT_OWN";
  if (punch.method === "correction") return "CORRECTION";
  if (nowMs - punch.recordedAtMs > windowMinutes * 60_000) return "TOO_LATE";
  return null;
}

/** What a punch means for its work date, from the date judged with it (see PunchResult). */
export function punchOutcome(
  punch: Punch,
  intent: PunchIntent,
  duplicate: boolean,
  day: DayRecord,
  schedule: Schedule,
  i: number,
  policy: Pick<Policy, "absentEarlyMinutes" | "punchKindChangeMinutes">,
): PunchResult {
  const minute = schedule.minuteOf(i, punch.atMs);
  const pmLeave = !!day.leave && day.leave.halfDay !== "am";
  const lastOut = punch.kind === "out" && day.outMinute === minute;
  const early = day.workday && lastOut && !pmLeave && minute < day.requiredOutMinute ? day.requiredOutMinute - minute : 0;
  return {
    punch,
    duplicate,
    intent,
    kind: punch.kind,
    minute,
    workDate: day.date,
    workday: day.workday,
    shiftCode: day.shiftCode,
    shiftStart: day.shiftStart,
    shiftEnd: day.shiftEnd,
    leaveCover: day.leave ? (day.leave.halfDay ?? "full") : null,
    inMinute: day.inMinute,
    outMinute: day.outMinute,
    lateMinutes: day.lateMinutes,
    absentLateMinutes: day.absentLate ? day.lateByMinutes : 0,
    earlyLeaveMinutes: early,
    absentEarly: early > 0 && policy.absentEarlyMinutes > 0 && early >= policy.absentEarlyMinutes,
    changeableUntilMs: punch.method === "correction" ? punch.recordedAtMs : punch.recordedAtMs + policy.punchKindChangeMinutes * 60_000,
    place: {
      kind: punch.place.kind,
      ...(punch.place.site === null ? {} : { site: punch.place.site }),
      ...(punch.place.distanceM === null ? {} : { distanceM: punch.place.distanceM }),
    },
  };
}
