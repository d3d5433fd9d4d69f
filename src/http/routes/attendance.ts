import { Hono } from "hono";
import { z } from "zod";
import type { AuthEnv } from "../auth.ts";
import type { CoreDeps } from "../deps.ts";
import { jsonBody, query } from "../validate.ts";

const Location = z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180), accuracyM: z.number().nonnegative().optional() });
const PunchBody = z.object({ location: Location.nullish(), method: z.enum(["web", "api", "voice"]).default("api") });
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "month must be YYYY-MM");
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "date must be YYYY-MM-DD");

/** Punches, summaries, calendars, and the team and department views of today. */
export function attendanceRoutes(deps: CoreDeps) {
  const { attendance, ctx } = deps;
  const thisMonth = () => ctx.today().slice(0, 7);
  return new Hono<AuthEnv>()
    .get("/me", (c) => {
      const user = c.get("user");
      const department = deps.store.departments().find((d) => d.id === user.departmentId);
      return c.json({ ...user, department, today: ctx.today(), timeZone: ctx.policy().timeZone });
    })
    .post("/punches/check-in", async (c) => {
      const body = await jsonBody(c, PunchBody);
      const result = attendance.punch(c.get("user"), body);
      return c.json({ kind: "in", ...result }, result.duplicate ? 200 : 201);
    })
    .post("/punches/check-out", async (c) => {
      const body = await jsonBody(c, PunchBody);
      const result = attendance.punch(c.get("user"), body);
      return c.json({ kind: "out", ...result }, result.duplicate ? 200 : 201);
    })
    .get("/punches", (c) => {
      const q = query(c, z.object({ login: z.string().optional(), from: Day.optional(), to: Day.optional() }));
      const today = ctx.today();
      return c.json(attendance.punches(c.get("user"), q.login ?? c.get("user").login, q.from ?? today, q.to ?? q.from ?? today));
    })
    .get("/summary", (c) => {
      const q = query(c, z.object({ login: z.string().optional(), month: Month.optional() }));
      return c.json(attendance.monthlySummary(c.get("user"), q.login ?? c.get("user").login, q.month ?? thisMonth()));
    })
    .get("/calendar", (c) => {
      const q = query(c, z.object({ login: z.string().optional(), month: Month.optional() }));
      const month = q.month ?? thisMonth();
      const login = q.login ?? c.get("user").login;
      return c.json({ month, login, days: attendance.monthDays(c.get("user"), login, month), summary: attendance.monthlySummary(c.get("user"), login, month) });
    })
    .get("/team/today", (c) => {
      const q = query(c, z.object({ date: Day.optional() }));
      const date = q.date ?? ctx.today();
      return c.json({ date, members: attendance.teamDay(c.get("user"), date) });
    })
    .get("/departments/today", (c) => {
      const q = query(c, z.object({ date: Day.optional() }));
      const date = q.date ?? ctx.today();
      return c.json({ date, departments: attendance.departmentsDay(c.get("user"), date) });
    });
}
