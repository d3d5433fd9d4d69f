/**
 * Whether someone is employed on a date: the one test every "who is expected" question asks
 * (team and department figures, summaries, reminders). A leaver is employed through their
 * leaving date, and a person who rejoined is employed in each of their stretches, not between.
 */
import type { DayStatus, Employee } from "./types.ts";

/** What the test reads of an employee; the rules' fixtures give only the hire date. */
export type EmploymentFacts = Pick<Employee, "hireDate"> & Partial<Pick<Employee, "leavingDate" | "pastEmployment">>;

/** Whether `date` ("YYYY-MM-DD") falls in one of the person's stretches of employment. */
export function isActiveOn(employee: EmploymentFacts, date: string): boolean {
  if (date >= employee.hireDate && (!employee.leavingDate || date <= employee.leavingDate)) return true;
  return (employee.pastEmployment ?? []).some((p) => date >= p.hireDate && date <= p.leavingDate);
}

/** Whether the person was employed on any day of [from, to]. */
export function isActiveDuring(employee: EmploymentFacts, from: string, to: string): boolean {
  const stretches = [{ hireDate: employee.hireDate, leavingDate: employee.leavingDate ?? null }, ...(employee.pastEmployment ?? [])];
  return stretches.some((p) => p.hireDate <= to && (p.leavingDate === null || p.leavingDate >= from));
}

/** The status of a date outside employment: before the first hire, or after a leaving date. Null inside. */
export function outsideEmployment(employee: EmploymentFacts, date: string): Extract<DayStatus, "before-hire" | "after-leaving"> | null {
  if (isActiveOn(employee, date)) return null;
  const first = employee.pastEmployment?.[0]?.hireDate ?? employee.hireDate;
  return date < first ? "before-hire" : "after-leaving";
}

/** Whether a judged day counts toward a month's figures (inside employment, and inside the records kept). */
export const countsInMonth = (status: DayStatus): boolean => status !== "before-hire" && status !== "after-leaving" && status !== "no-records";
