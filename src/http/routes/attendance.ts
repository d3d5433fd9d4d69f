import { Hono } from "hono";
import { z } from "zod";
import type { AuthEnv } from "../auth.ts";
import type { AppServices } from "../app.ts";
import { jsonBody, query } from "../validate.ts";

const Location = z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180), accuracyM: z.number().nonnegative().optional() });
const PunchBody = z.object({ location: Location.nullish(), method: z.enum(["web", "api", "voice"]).default("api") });
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "month must be YYYY-MM");
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "date must be YYYY-MM-DD");

/** Punches, summaries, calendars, and the team and department views of today. */
export function attendanceRoutes(deps: AppServices) {
  const { attendance, people } = deps;
  const thisMonth = async () => (await attendance.today()).slice(0, 7);
  return new Hono<AuthEnv>()
    .get("/me", async (c) => {
      const user = c.get("user");
      const [department, today, policy] = await Promise.all([people.department(user), attendance.today(), attendance.policy(user)]);
      return c.json({ ...user, department, today, timeZone: policy.timeZone });
    })
    .post("/punches/check-in", async (c) => {
      const body = await jsonBody(c, PunchBody);
      const result = await attendance.punch(c.get("user"), body);
      return c.json({ kind: "in", ...result }, result.duplicate ? 200 : 201);
    })
    .post("/punches/check-out", async (c) => {
      const body = await jsonBody(c, PunchBody);
      const result = await attendance.punch(c.get("user"), body);
      return c.json({ kind: "out", ...result }, result.duplicate ? 200 : 201);
    })
    .get("/punches", async (c) => {
      const q = query(c, z.object({ login: z.string().optional(), from: Day.optional(), to: Day.optional() }));
      const today = await attendance.today();
      return c.json(await attendance.punches(c.get("user"), q.login ?? c.get("user").login, q.from ?? today, q.to ?? q.from ?? today));
    })
    .get("/summary", async (c) => {
      const q = query(c, z.object({ login: z.string().optional(), month: Month.optional() }));
      return c.json(await attendance.monthlySummary(c.get("user"), q.login ?? c.get("user").login, q.month ?? (await thisMonth())));
    })
    .get("/calendar", async (c) => {
      const q = query(c, z.object({ login: z.string().optional(), month: Month.optional() }));
      const month = q.month ?? (await thisMonth());
      const login = q.login ?? c.get("user").login;
      const [days, summary] = await Promise.all([attendance.monthDays(c.get("user"), login, month), attendance.monthlySummary(c.get("user"), login, month)]);
      return c.json({ month, login, days, summary });
    })
    .get("/team/today", async (c) => {
      const q = query(c, z.object({ date: Day.optional() }));
      const date = q.date ?? (await attendance.today());
      return c.json({ date, members: await attendance.teamDay(c.get("user"), date) });
    })
    .get("/departments/today", async (c) => {
      const q = query(c, z.object({ date: Day.optional() }));
      const date = q.date ?? (await attendance.today());
      return c.json({ date, departments: await attendance.departmentsDay(c.get("user"), date) });
    });
}
