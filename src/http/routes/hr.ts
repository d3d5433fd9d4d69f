import { Hono } from "hono";
import { z } from "zod";
import { InstantSchema, LeaveTypeSchema, MonthSchema } from "../../attendance/schemas.ts";
import { PolicyPatch } from "../../attendance/policy.ts";
import { parseInstant } from "../../attendance/time.ts";
import type { Employee } from "../../attendance/types.ts";
import type { AuthEnv } from "../auth.ts";
import type { AppServices } from "../app.ts";
import { summariesCsv, summariesXlsx } from "../summary-export.ts";
import { valid } from "../validate.ts";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** HR's punches for someone: `at` gets its kind as a bare punch does, `in` and `out` are what they say. */
const Instants = z.array(InstantSchema).max(50).default([]);
const Correction = z
  .object({ login: z.string().min(1), at: Instants, in: Instants, out: Instants, note: z.string().max(500).nullish() })
  .refine((b) => b.at.length + b.in.length + b.out.length > 0, { message: "give at least one instant in at, in or out" });
const HolidayImport = z.object({
  year: z.number().int().min(2000).max(2100),
  days: z.array(z.object({ name: z.string().min(1).max(100), date: z.string(), isOffDay: z.boolean() })).max(400),
  /** Required when the import would delete days already stored for the year. */
  replace: z.boolean().optional(),
});
const Grant = z.object({ login: z.string(), type: LeaveTypeSchema, year: z.number().int().min(2000).max(2100), days: z.number().min(0).max(365) });
/** An export: the month (default this one) and the headers' language (default the exporter's). */
const ExportQuery = z.object({ month: MonthSchema.optional(), lang: z.enum(["zh", "en"]).optional() });

/**
 * HR: corrections, holiday calendars, grants, policy, exports. Permission checks live in the
 * services: the policy and the holidays are readable by everyone signed in (see the service),
 * the CSV export covers the people the caller may see (a manager: their reports).
 */
export function hrRoutes({ attendance, leave }: AppServices) {
  /** The rows the caller may export (a manager: their reports) and the headers' language. */
  const exportOf = async (user: Employee, q: z.output<typeof ExportQuery>) => {
    const month = q.month ?? (await attendance.today()).slice(0, 7);
    return { month, lang: q.lang ?? user.language, rows: await attendance.monthlyReport(user, month) };
  };
  return new Hono<AuthEnv>()
    .post("/corrections", valid("json", Correction), async (c) => {
      const body = c.req.valid("json");
      const entries = (["at", "in", "out"] as const).flatMap((k) => body[k].map((s) => ({ atMs: parseInstant(s)!, kind: k === "at" ? ("auto" as const) : k })));
      return c.json(await attendance.correctPunches(c.get("user"), body.login, entries, body.note ?? null), 201);
    })
    .get("/holidays", async (c) => c.json(await attendance.holidays(c.get("user"))))
    .post("/holidays", valid("json", HolidayImport), async (c) => {
      const body = c.req.valid("json");
      return c.json({ year: body.year, imported: await attendance.importHolidays(c.get("user"), body, { replace: body.replace ?? false }) }, 201);
    })
    .post("/grants", valid("json", Grant), async (c) => {
      const body = c.req.valid("json");
      return c.json(await leave.grant(c.get("user"), body.login, body.type, body.year, body.days));
    })
    .get("/policy", async (c) => c.json(await attendance.policy(c.get("user"))))
    .put("/policy", valid("json", PolicyPatch), async (c) => c.json(await attendance.setPolicy(c.get("user"), c.req.valid("json"))))
    // The month's figures as files people open: CSV for any tool, XLSX for Excel and WPS.
    .get("/export/summaries.csv", valid("query", ExportQuery), async (c) => {
      const { month, lang, rows } = await exportOf(c.get("user"), c.req.valid("query"));
      return c.body(summariesCsv(rows, lang), 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="attendance-${month}.csv"` });
    })
    .get("/export/summaries.xlsx", valid("query", ExportQuery), async (c) => {
      const { month, lang, rows } = await exportOf(c.get("user"), c.req.valid("query"));
      return c.body(await summariesXlsx(rows, lang, month), 200, { "content-type": XLSX_TYPE, "content-disposition": `attachment; filename="attendance-${month}.xlsx"` });
    });
}
