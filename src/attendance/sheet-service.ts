/**
 * Everyone's days as the reminders read them each minute: a glance at all (schedules and punch
 * instants) to find the few a rule could concern, then those few judged in full. HR and the
 * system only.
 */
import type { AttendanceContext } from "./context.ts";
import { glanceDays, loadDaySheets, type DayGlance, type PersonDay } from "./day-sheets.ts";
import { DomainError } from "./errors.ts";
import { canManageAll, type Actor } from "./permissions.ts";
import type { RollEntry } from "./store/people.ts";
import { isValidDate } from "./time.ts";
import type { Employee } from "./types.ts";

export type { RollEntry };

export class SheetService {
  /** The roll as last read, kept while the employees' revision stays the same (it is read every minute). */
  private kept?: { revision: number; roll: readonly RollEntry[] };

  constructor(private readonly ctx: AttendanceContext) {}

  /** Everyone who keeps attendance (the admin account keeps none), as roll entries; shared between calls, not to be changed. */
  async roll(actor: Actor): Promise<readonly RollEntry[]> {
    if (!canManageAll(actor)) throw new DomainError("FORBIDDEN", "Only HR can see every department");
    // The revision first: a change landing between the two reads then only makes the next call read again.
    const revision = await this.ctx.store.people.revision();
    if (this.kept?.revision !== revision) {
      const roll = Object.freeze((await this.ctx.store.people.roll()).filter((e) => e.role !== "admin"));
      this.kept = { revision, roll };
    }
    return this.kept.roll;
  }

  /** The people's dates from `from` to `to` at a glance; `punches: false` reads workdays and shift times only. */
  async glance(actor: Actor, people: readonly RollEntry[], from: string, to: string, options = { punches: true }): Promise<Map<number, DayGlance[]>> {
    this.check(actor, from, to);
    const [policy, calendar] = await Promise.all([this.ctx.policy(), this.ctx.calendar()]);
    return glanceDays(this.ctx.store, policy, calendar, people, from, to, options);
  }

  /** Of the people with these ids, those with no in-punch that counts in [fromMs, toMs) (a stretch certainly one date's: `DayGlance.ownFromMs`). */
  async withoutInPunch(actor: Actor, ids: readonly number[], fromMs: number, toMs: number): Promise<Set<number>> {
    if (!canManageAll(actor)) throw new DomainError("FORBIDDEN", "Only HR can see every department");
    return new Set(ids.length === 0 ? [] : await this.ctx.store.punches.withoutIn(ids, fromMs, toMs));
  }

  /** The people with these ids (the admin account left out), their dates from `from` to `to` judged. */
  async daySheets(actor: Actor, ids: readonly number[], from: string, to: string): Promise<{ people: Employee[]; days: Map<number, PersonDay[]> }> {
    this.check(actor, from, to);
    const people = (await this.ctx.store.people.byIds(ids)).filter((e) => e.role !== "admin");
    if (people.length === 0) return { people, days: new Map() };
    const [policy, calendar] = await Promise.all([this.ctx.policy(), this.ctx.calendar()]);
    return { people, days: await loadDaySheets(this.ctx.store, policy, calendar, people, from, to, this.ctx.clock(), true) };
  }

  private check(actor: Actor, from: string, to: string): void {
    if (!canManageAll(actor)) throw new DomainError("FORBIDDEN", "Only HR can see every department");
    if (!isValidDate(from) || !isValidDate(to) || to < from) throw new DomainError("INVALID_DATE", "Dates must be YYYY-MM-DD, from <= to");
  }
}
