import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { shippedHolidayYears } from "./calendar.ts";
import type { AttendanceContext } from "./context.ts";
import type { Employee, LeaveType, Role } from "./types.ts";
import { addDays, fromLocal, localDate, parseClock } from "./time.ts";

interface DemoOrg {
  departments: { code: string; name: string; nameEn: string }[];
  employees: { login: string; name: string; nameEn: string; department: string; role: Role; manager: string | null; hireDate: string; careerStart?: string; language: "zh" | "en" }[];
}

const DEMO_ORG = fileURLToPath(new URL("../../data/demo-org.json", import.meta.url));

/** A small deterministic generator, so the demo history is the same on every machine. */
function random(seed: string): () => number {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    h ^= h >>> 16;
    return (h >>> 0) / 4294967296;
  };
}

/** Puts the demo organisation and the shipped holiday calendars into an empty store. */
export async function seedOrganisation(ctx: AttendanceContext): Promise<Employee[]> {
  const org = JSON.parse(readFileSync(DEMO_ORG, "utf8")) as DemoOrg;
  return ctx.store.transaction(async (tx) => {
    if (!(await tx.people.isEmpty())) throw new Error("The database already has employees; seed only an empty one");
    for (const year of shippedHolidayYears()) await tx.holidays.replaceYear(year.year, year.days);
    const departments = new Map<string, number>();
    for (const d of org.departments) departments.set(d.code, (await tx.people.addDepartment(d)).id);
    const added: Employee[] = [];
    const ids = new Map<string, number>();
    for (const e of org.employees) {
      const person = await tx.people.add({
        login: e.login,
        name: e.name,
        nameEn: e.nameEn,
        departmentId: departments.get(e.department)!,
        managerId: e.manager ? ids.get(e.manager)! : null,
        role: e.role,
        hireDate: e.hireDate,
        careerStart: e.careerStart,
        language: e.language,
      });
      ids.set(person.login, person.id);
      added.push(person);
    }
    await tx.settings.set("demo", "1");
    ctx.invalidateCalendar();
    return added;
  });
}

/**
 * Two months of believable history before now: most people arrive 8:30-9:05 and leave 18:00-19:30,
 * a few are late or leave early, the odd punch is forgotten, and some take (or ask for) leave.
 */
export async function seedHistory(ctx: AttendanceContext, days = 61): Promise<{ punches: number; leaves: number }> {
  const [policy, calendar] = await Promise.all([ctx.policy(), ctx.calendar()]);
  const now = ctx.clock();
  const today = localDate(now, policy.timeZone);
  const start = addDays(today, -days);
  let punches = 0;
  let leaves = 0;
  await ctx.store.transaction(async (tx) => {
    for (const e of await tx.people.list()) {
      if (e.role === "admin") continue;
      const rand = random(e.login);
      const leaveDates = new Set<string>();
      // One past leave for about half the people, one future request pending for a few.
      if (rand() < 0.5) {
        const d = addDays(start, 5 + Math.floor(rand() * (days - 10)));
        const type: LeaveType = rand() < 0.6 ? "annual" : rand() < 0.5 ? "sick" : "personal";
        if (calendar.isWorkday(d) && d >= e.hireDate && d < today) {
          const l = await tx.leave.add({ employeeId: e.id, type, startDate: d, endDate: d, halfDay: null, days: 1, status: "approved", reason: null, createdAtMs: fromLocal(addDays(d, -7), 600, policy.timeZone) });
          await tx.leave.setStatus(l.id, "approved", e.managerId, fromLocal(addDays(d, -6), 600, policy.timeZone));
          leaveDates.add(d);
          leaves++;
        }
      }
      if (rand() < 0.25) {
        let d = addDays(today, 3 + Math.floor(rand() * 10));
        while (!calendar.isWorkday(d)) d = addDays(d, 1);
        await tx.leave.add({ employeeId: e.id, type: "annual", startDate: d, endDate: d, halfDay: null, days: 1, status: "pending", reason: "家里有事", createdAtMs: now - 86_400_000 });
        leaves++;
      }
      for (let d = start; d <= today; d = addDays(d, 1)) {
        if (!calendar.isWorkday(d) || d < e.hireDate || leaveDates.has(d)) continue;
        // wang keeps full attendance in the demo, so the example reply holds.
        const steady = e.login === "wang";
        if (!steady && rand() < 0.015) continue; // a rare absence
        const late = !steady && rand() < 0.08;
        const inMin = late ? parseClock("09:06") + Math.floor(rand() * 40) : parseClock("08:30") + Math.floor(rand() * 34);
        const early = !steady && rand() < 0.04;
        const outMin = early ? parseClock("17:00") + Math.floor(rand() * 55) : parseClock("18:00") + Math.floor(rand() * 90);
        const forgetIn = !steady && rand() < 0.015;
        const forgetOut = !steady && rand() < 0.015;
        for (const [minute, forgot, kind] of [[inMin, forgetIn, "in"], [outMin, forgetOut, "out"]] as const) {
          const at = fromLocal(d, minute, policy.timeZone) + Math.floor(rand() * 59_000);
          if (forgot || at > now) continue;
          await tx.punches.add({ employeeId: e.id, atMs: Math.floor(at / 60_000) * 60_000, kind, method: rand() < 0.7 ? "voice" : "web", recordedBy: e.id }, at);
          punches++;
        }
      }
    }
  });
  return { punches, leaves };
}
