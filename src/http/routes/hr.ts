import { Hono } from "hono";
import { z } from "zod";
import { parseInstant } from "../../attendance/time.ts";
import { LEAVE_TYPES } from "../../attendance/types.ts";
import type { MonthlySummary } from "../../attendance/types.ts";
import type { AuthEnv } from "../auth.ts";
import type { AppServices } from "../app.ts";
import { jsonBody, query } from "../validate.ts";

const Instant = z.string().refine((s) => parseInstant(s) !== null, { message: "instants are ISO 8601 with a time and an offset, e.g. 2026-11-20T09:00+08:00" });
const Correction = z.object({ login: z.string().min(1), at: z.array(Instant).min(1).max(50), note: z.string().max(500).nullish() });
const HolidayImport = z.object({
  year: z.number().int().min(2000).max(2100),
  days: z.array(z.object({ name: z.string().min(1).max(100), date: z.string(), isOffDay: z.boolean() })).max(400),
});
const Grant = z.object({ login: z.string(), type: z.enum(LEAVE_TYPES), year: z.number().int().min(2000).max(2100), days: z.number().min(0).max(365) });
const PolicyPatch = z
  .object({
    shiftStart: z.string(),
    shiftEnd: z.string(),
    midpoint: z.string(),
    dayBoundary: z.string(),
    graceMinutes: z.number().int().min(0).max(120),
    seriousLateMinutes: z.number().int().min(1).max(480),
    maxLatesForFullAttendance: z.number().int().min(0).max(31),
    maxBackdateDays: z.number().int().min(0).max(366),
    duplicatePunchSeconds: z.number().int().min(0).max(3600),
  })
  .partial()
  .strict();

const CSV_FIELDS = ["month", "login", "requiredDays", "attendedDays", "lateCount", "lateMinutes", "seriousLateCount", "earlyLeaveCount", "earlyLeaveMinutes", "missingPunchCount", "absentDays"] as const;

/** Monthly summaries as CSV, one row per employee, leave days by type as columns. */
export function summariesCsv(rows: MonthlySummary[]): string {
  const header = [...CSV_FIELDS, "leaveDays", ...LEAVE_TYPES.map((t) => `leave_${t}`), "fullAttendance", "judgedThrough"];
  const lines = rows.map((r) => [...CSV_FIELDS.map((f) => r[f]), r.leaveDays.total, ...LEAVE_TYPES.map((t) => r.leaveDays.byType[t] ?? 0), r.fullAttendance, r.judgedThrough ?? ""].join(","));
  return [header.join(","), ...lines].join("\n") + "\n";
}

/** HR: corrections, holiday calendars, grants, policy, exports. Permission checks live in the services. */
export function hrRoutes(deps: AppServices) {
  const { attendance, leave } = deps;
  return new Hono<AuthEnv>()
    .post("/corrections", async (c) => {
      const body = await jsonBody(c, Correction);
      const punches = await attendance.correctPunches(c.get("user"), body.login, body.at.map((s) => parseInstant(s)!), body.note ?? null);
      return c.json(punches, 201);
    })
    .get("/holidays", async (c) => c.json(await attendance.holidays(c.get("user"))))
    .post("/holidays", async (c) => {
      const body = await jsonBody(c, HolidayImport);
      return c.json({ year: body.year, imported: await attendance.importHolidays(c.get("user"), body) }, 201);
    })
    .post("/grants", async (c) => {
      const body = await jsonBody(c, Grant);
      return c.json(await leave.grant(c.get("user"), body.login, body.type, body.year, body.days));
    })
    .get("/policy", async (c) => c.json(await attendance.policy(c.get("user"))))
    .put("/policy", async (c) => c.json(await attendance.setPolicy(c.get("user"), await jsonBody(c, PolicyPatch))))
    .get("/export/summaries.csv", async (c) => {
      const q = query(c, z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional() }));
      const month = q.month ?? (await attendance.today()).slice(0, 7);
      const csv = summariesCsv(await attendance.monthlySummaries(c.get("user"), month));
      return c.body(csv, 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="attendance-${month}.csv"` });
    });
}
