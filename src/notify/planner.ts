/**
 * Who is due at an instant, narrowed before anything is judged: a glance at everyone's schedule
 * and punch instants (src/notify/candidates.ts) picks the few a rule could concern at this
 * minute, with no decision stored yet, and only those are judged in full and handed to the rules
 * (src/notify/rules.ts, src/notify/digests.ts), which decide exactly as they would over everyone.
 */
import { SYSTEM_ACTOR } from "../attendance/permissions.ts";
import type { AttendanceServices } from "../attendance/services.ts";
import type { RollEntry } from "../attendance/sheet-service.ts";
import { addDays, localDate, parseClock, toLocal } from "../attendance/time.ts";
import type { Employee, ReminderRule } from "../attendance/types.ts";
import type { ApprovalKinds } from "../im/approvals.ts";
import { arrivalProbes, dailyCandidates, LOOKBACK_DAYS, openShiftWindows, shiftCandidates, type DailyCandidates, type TickFacts } from "./candidates.ts";
import { dueDigests, waitingRequests, type DueDigest } from "./digests.ts";
import { dueMissingPunches, dueShiftReminders, inQuietHours, ruleFor, type DueReminder, type Recipient } from "./rules.ts";
import { skippedNotCheckedIn, type SkippedReminder } from "./skips.ts";
import type { NotifyRepository } from "./store.ts";

const DAILY_RULES: ReminderRule[] = ["missingPunchYesterday", "approvalPending", "teamDigest", "departmentDigest", "monthlyReport"];

/** What is due at an instant, with the people it concerns. */
export interface DueNow {
  due: DueReminder[];
  optedOut: DueReminder[];
  /** Reminders not sent, with why (HR's delivery log shows it). */
  skipped: SkippedReminder[];
  digests: DueDigest[];
  /** Everyone named above, by id. */
  recipients: Map<number, Recipient>;
  /** The daily rules were all looked at (the instant is past the last daily time). */
  sweptDaily: boolean;
}

export interface PlannerParts {
  services: AttendanceServices;
  repo: NotifyRepository;
  kinds: ApprovalKinds;
}

interface Tick extends TickFacts {
  atMs: number;
}

/** What is due at `atMs`; the daily rules are looked at only when `daily` (the scheduler's sweep is not done for the day). */
export async function dueAt(parts: PlannerParts, atMs: number, daily: boolean): Promise<DueNow> {
  const { services, repo } = parts;
  const policy = await services.attendance.policy(SYSTEM_ACTOR);
  const now: DueNow = { due: [], optedOut: [], skipped: [], digests: [], recipients: new Map(), sweptDaily: false };
  const minute = toLocal(atMs, policy.timeZone).minuteOfDay;
  // Quiet hours hold every reminder and digest (approvals are sent at once elsewhere).
  if (inQuietHours(policy, minute)) return now;
  const today = localDate(atMs, policy.timeZone);
  const yesterday = addDays(today, -1);
  const roll = await services.sheets.roll(SYSTEM_ACTOR);
  const [plain, settings, decided] = await Promise.all([services.sheets.glance(SYSTEM_ACTOR, roll, yesterday, today, { punches: false }), repo.allSettings(), repo.decided([yesterday, today])]);
  const tick: Tick = { atMs, policy, today, minute, roll, codes: await departmentCodes(services, roll), settings };

  // Whose rule windows hold this minute, from the schedules; then their punches on those dates; then the few left, judged.
  const shift = { atMs, policy, roll, codes: tick.codes, decided };
  now.skipped.push(...skippedNotCheckedIn(shift, plain));
  const open = openShiftWindows(shift, plain);
  // Those waiting only to see an arrival are asked about by the store's index; who has arrived drops out before any punch is read.
  for (const probe of arrivalProbes(shift, plain, open)) {
    const absent = await services.sheets.withoutInPunch(SYSTEM_ACTOR, probe.ids, probe.fromMs, probe.toMs);
    for (const id of probe.ids) if (!absent.has(id)) open.delete(id);
  }
  if (open.size > 0) {
    const dates = [...open.values()].flat();
    const from = dates.reduce((a, b) => (a < b ? a : b));
    const to = dates.reduce((a, b) => (a > b ? a : b));
    const people = roll.filter((e) => open.has(e.id));
    const ids = shiftCandidates(shift, people, await services.sheets.glance(SYSTEM_ACTOR, people, from, to));
    if (ids.size > 0) {
      const sheets = await services.sheets.daySheets(SYSTEM_ACTOR, [...ids], from, to);
      const found = dueShiftReminders(atMs, policy, recipientsOf(tick, sheets.people, now), sheets.days, decided);
      now.due.push(...found.due);
      now.optedOut.push(...found.optedOut);
      now.skipped.push(...found.onLeave.map((due) => ({ due, reason: "ON_LEAVE" as const })));
    }
  }

  const dailyTimes = [...new Set(tick.codes.values())].flatMap((code) => DAILY_RULES.map((rule) => parseClock(ruleFor(policy, code, rule).at ?? "09:00")));
  if (daily && tick.roll.length > 0 && minute >= Math.min(...dailyTimes)) {
    await dueDaily(parts, tick, decided, now);
    now.sweptDaily = minute >= Math.max(...dailyTimes);
  }
  return now;
}

/** The daily rules: yesterday's missing punches, the digests and the monthly report, for the few they could concern. */
async function dueDaily(parts: PlannerParts, tick: Tick, decided: Set<string>, now: DueNow): Promise<void> {
  const { services, repo } = parts;
  const { today, atMs, policy } = tick;
  const monthStart = `${today.slice(0, 7)}-01`;
  const back = addDays(today, -LOOKBACK_DAYS) < monthStart ? addDays(today, -LOOKBACK_DAYS) : monthStart;
  const lastMonth = addDays(monthStart, -1).slice(0, 7);
  const occasions = Array.from({ length: LOOKBACK_DAYS }, (_, k) => addDays(today, -LOOKBACK_DAYS + k));
  const [workdays, older] = await Promise.all([services.sheets.glance(SYSTEM_ACTOR, tick.roll, back, today, { punches: false }), repo.decided([...occasions, lastMonth, `digest:${today}`])]);
  const decidedAll = new Set([...decided, ...older]);
  const picked: DailyCandidates = dailyCandidates({ ...tick, decided: decidedAll, workdays, lastMonth });

  if (picked.missing.size > 0) {
    // Their previous workdays' punches, at a glance; only those with one missing are judged.
    const from = [...picked.missing.values()].reduce((a, b) => (a < b ? a : b));
    const punched = await services.sheets.glance(SYSTEM_ACTOR, tick.roll.filter((e) => picked.missing.has(e.id)), from, today);
    const ids = [...picked.missing].filter(([id, date]) => {
      const d = punched.get(id)?.find((g) => g.date === date);
      return d !== undefined && atMs >= d.closeMs && d.punches > 0 && (d.inAtMs === null || d.outAtMs === null);
    });
    if (ids.length > 0) {
      const sheets = await services.sheets.daySheets(SYSTEM_ACTOR, ids.map(([id]) => id), from, today);
      now.due.push(...dueMissingPunches(atMs, policy, recipientsOf(tick, sheets.people, now), sheets.days, today, decidedAll));
    }
  }

  if (picked.digest.size === 0) return;
  const members = [...picked.digest].flatMap((id) => picked.teams.get(id) ?? []);
  const sheets = await services.sheets.daySheets(SYSTEM_ACTOR, [...new Set([...picked.digest, ...members])], today, today);
  const everyone = new Map(recipientsOf(tick, sheets.people, now).map((r) => [r.employee.id, r]));
  const teams = new Map([...picked.digest].map((id) => [id, (picked.teams.get(id) ?? []).flatMap((m) => everyone.get(m) ?? [])]));
  const glanceOf = (id: number) => workdays.get(id) ?? [];
  const waiting = picked.approvers ? await waitingRequests(services, parts.kinds, atMs - 24 * 3_600_000) : () => [];
  now.digests.push(
    ...(await dueDigests({
      atMs,
      policy,
      today,
      people: [...picked.digest].flatMap((id) => everyone.get(id) ?? []),
      teams,
      days: sheets.days,
      workday: (id) => glanceOf(id).at(-1)?.workday === true,
      firstWorkday: (id) => glanceOf(id).filter((d) => d.date >= monthStart && d.workday).length === 1 && glanceOf(id).at(-1)?.workday === true,
      decided: decidedAll,
      services,
      waiting: async (approver: Employee) => waiting(approver),
    })),
  );
}

/** The people as the rules see them (department code, settings), remembered for the words and routes. */
function recipientsOf(tick: Tick, people: Employee[], now: DueNow): Recipient[] {
  return people.map((employee) => {
    const r = now.recipients.get(employee.id) ?? { employee, departmentCode: tick.codes.get(employee.departmentId), settings: tick.settings.get(employee.id) };
    now.recipients.set(employee.id, r);
    return r;
  });
}

async function departmentCodes(services: AttendanceServices, people: readonly RollEntry[]): Promise<Map<number, string | undefined>> {
  const codes = new Map<number, string | undefined>();
  for (const e of people) if (!codes.has(e.departmentId)) codes.set(e.departmentId, (await services.people.department(e))?.code);
  return codes;
}
