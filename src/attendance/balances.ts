import type { Employee, LeaveType, Policy } from "./types.ts";
import { daysBetween } from "./time.ts";

/** Whole years from `from` to `to` (dates). */
export function yearsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split("-").map(Number);
  const [ty, tm, td] = to.split("-").map(Number);
  let years = ty - fy;
  if (tm < fm || (tm === fm && td < fd)) years--;
  return Math.max(0, years);
}

/**
 * Annual leave for a calendar year: the seniority tier reached by the start of the year, pro-rated
 * by the days remaining in the year of hire and rounded down to whole days.
 */
export function annualEntitlement(employee: Pick<Employee, "hireDate" | "careerStart">, year: number, policy: Policy): number {
  const seniority = yearsBetween(employee.careerStart || employee.hireDate, `${year}-01-01`);
  const tier = policy.annualTiers.find((t) => t.underYears === null || seniority < t.underYears);
  const full = tier?.days ?? 0;
  const hireYear = Number(employee.hireDate.slice(0, 4));
  if (year < hireYear) return 0;
  if (year > hireYear) return full;
  const yearDays = daysBetween(`${year}-01-01`, `${year + 1}-01-01`);
  const remaining = daysBetween(employee.hireDate, `${year + 1}-01-01`);
  return Math.floor((full * remaining) / yearDays);
}

/**
 * Days of a type an employee is entitled to in a year; null means unlimited (personal leave is
 * unpaid). Compensatory leave is only what HR granted.
 */
export function entitlement(
  employee: Pick<Employee, "hireDate" | "careerStart">,
  type: LeaveType,
  year: number,
  policy: Policy,
  granted: number,
): number | null {
  switch (type) {
    case "annual":
      return annualEntitlement(employee, year, policy) + granted;
    case "personal":
      return null;
    case "compensatory":
      return granted;
    default:
      return policy.entitlements[type] + granted;
  }
}

/** One line of a balance sheet: entitled, used (approved), pending, and what is left. */
export interface LeaveBalance {
  type: LeaveType;
  year: number;
  /** null: unlimited. */
  entitled: number | null;
  used: number;
  pending: number;
  /** entitled - used - pending; null when unlimited. */
  remaining: number | null;
}
