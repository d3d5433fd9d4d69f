import type { LeaveBalance } from "./balances.ts";
import type { CompensatoryGrant, LeaveStatus, Policy } from "./types.ts";
import { addDays } from "./time.ts";

/** Day figures to four decimals: a third of an hour of overtime is not worth float noise. */
export const roundDays = (days: number) => Math.round(days * 10_000) / 10_000;

/** The days an approved overtime grants when compensated with leave, and the last date they can be taken. */
export function grantForOvertime(overtime: { date: string; minutes: number }, policy: Pick<Policy, "hoursPerDay" | "compensatoryExpiryDays">): { days: number; expiresOn: string } {
  return { days: roundDays(overtime.minutes / 60 / policy.hoursPerDay), expiresOn: addDays(overtime.date, policy.compensatoryExpiryDays) };
}

/** One date of compensatory leave drawing on the grants. */
export interface CompensatoryDraw {
  date: string;
  days: number;
  status: Extract<LeaveStatus, "pending" | "approved">;
}

/** What the grants gave: per grant the days drawn (approved and pending), and the days no grant could cover. */
export interface Allocation {
  drawn: Map<number, { approved: number; pending: number }>;
  shortfall: CompensatoryDraw[];
}

/** Oldest first: the grant that expires first is used first. */
const oldestFirst = (a: CompensatoryGrant, b: CompensatoryGrant) =>
  a.expiresOn.localeCompare(b.expiresOn) || a.date.localeCompare(b.date) || a.id - b.id;

/**
 * Draws each leave date, in date order, on the oldest grant usable that day (granted on or before
 * it, not yet expired) with days left; what none covers is the shortfall.
 */
export function allocateCompensatory(grants: readonly CompensatoryGrant[], draws: readonly CompensatoryDraw[]): Allocation {
  const ordered = [...grants].sort(oldestFirst);
  const left = new Map(ordered.map((g) => [g.id, g.days]));
  const drawn = new Map(ordered.map((g) => [g.id, { approved: 0, pending: 0 }]));
  const shortfall: CompensatoryDraw[] = [];
  const byDate = [...draws].sort((a, b) => a.date.localeCompare(b.date) || (a.status === b.status ? 0 : a.status === "approved" ? -1 : 1));
  for (const draw of byDate) {
    let need = draw.days;
    for (const g of ordered) {
      if (need <= 0) break;
      if (g.date > draw.date || g.expiresOn < draw.date) continue;
      const take = Math.min(need, left.get(g.id)!);
      if (take <= 0) continue;
      left.set(g.id, roundDays(left.get(g.id)! - take));
      drawn.get(g.id)![draw.status] += take;
      need = roundDays(need - take);
    }
    if (need > 0) shortfall.push({ ...draw, days: need });
  }
  return { drawn, shortfall };
}

/** A compensatory balance on a date: what is usable then, and when the rest expires, soonest first. */
export interface CompensatoryBalance extends LeaveBalance {
  /** The date the balance is for. */
  at: string;
  /** Days left by expiry date, soonest first. */
  expiring: { days: number; expiresOn: string }[];
}

/**
 * The balance on `at`: days of the grants usable that day, less what leave (pending or approved,
 * on any date) draws on them, less leave of that year no grant covered.
 */
export function compensatoryBalance(grants: readonly CompensatoryGrant[], draws: readonly CompensatoryDraw[], at: string): CompensatoryBalance {
  const { drawn, shortfall } = allocateCompensatory(grants, draws);
  let entitled = 0;
  let used = 0;
  let pending = 0;
  const expiring = new Map<string, number>();
  for (const g of grants) {
    if (g.date > at || g.expiresOn < at) continue;
    const d = drawn.get(g.id)!;
    entitled += g.days;
    used += d.approved;
    pending += d.pending;
    const left = roundDays(g.days - d.approved - d.pending);
    if (left > 0) expiring.set(g.expiresOn, roundDays((expiring.get(g.expiresOn) ?? 0) + left));
  }
  const year = at.slice(0, 4);
  for (const s of shortfall) {
    if (!s.date.startsWith(year)) continue;
    if (s.status === "approved") used += s.days;
    else pending += s.days;
  }
  return {
    type: "compensatory",
    year: Number(year),
    at,
    entitled: roundDays(entitled),
    used: roundDays(used),
    pending: roundDays(pending),
    remaining: roundDays(entitled - used - pending),
    expiring: [...expiring].sort(([a], [b]) => a.localeCompare(b)).map(([expiresOn, days]) => ({ days, expiresOn })),
  };
}
