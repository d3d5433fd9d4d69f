import { Hono } from "hono";
import { z } from "zod";
import { punchReply } from "../../agent/rules-replies.ts";
import { DaySchema, InstantSchema, MonthSchema, PunchPlaceSchema } from "../../attendance/schemas.ts";
import { parseInstant } from "../../attendance/time.ts";
import type { PunchResult } from "../../attendance/types.ts";
import type { AppServices } from "../app.ts";
import type { AuthEnv } from "../auth.ts";
import type { PunchInput } from "../../attendance/service.ts";
import { valid } from "../validate.ts";

/**
 * A punch: how it was made and where (location, a field punch's remark and photo); the client
 * address comes from the connection. `at`: when a punch queued offline was made.
 */
const PunchBody = PunchPlaceSchema.extend({ method: z.enum(["web", "api", "voice"]).default("api"), at: InstantSchema.optional() });
/** `Idempotency-Key`: a request sent again with the same key gets the first answer (status and body) and records nothing new. */
const PunchHeaders = z.object({ "idempotency-key": z.string().regex(/^[\x21-\x7e]{1,200}$/, "1 to 200 visible ASCII characters").optional() });
const Who = z.object({ login: z.string().optional() });
/** The one smart button's body: `auto` (the default) picks the kind. */
const SmartPunchBody = PunchBody.extend({ kind: z.enum(["in", "out", "auto"]).default("auto") });
const KindBody = z.object({ kind: z.enum(["in", "out"]).optional() });

/** Punches, summaries, calendars, and the team and department views of today. */
export function attendanceRoutes({ attendance, people }: AppServices) {
  const thisMonth = async () => (await attendance.today()).slice(0, 7);
  return new Hono<AuthEnv>()
    .get("/me", async (c) => {
      const user = c.get("user");
      const [department, today, policy] = await Promise.all([people.department(user), attendance.today(), attendance.policy(user)]);
      return c.json({ ...user, department, today, timeZone: policy.timeZone });
    })
    .post("/punches/check-in", valid("header", PunchHeaders), valid("json", PunchBody), async (c) => {
      const result = await attendance.punch(c.get("user"), { ...punchInput(c.req.valid("json"), c.req.valid("header")), kind: "in", address: c.get("client").address });
      return c.json(result, result.duplicate ? 200 : 201);
    })
    .post("/punches/check-out", valid("header", PunchHeaders), valid("json", PunchBody), async (c) => {
      const result = await attendance.punch(c.get("user"), { ...punchInput(c.req.valid("json"), c.req.valid("header")), kind: "out", address: c.get("client").address });
      return c.json(result, result.duplicate ? 200 : 201);
    })
    // The one smart button: `auto` picks the kind, and the result says which, in the
    // assistant's own sentence in both languages (the page shows its language's).
    .post("/punches", valid("header", PunchHeaders), valid("json", SmartPunchBody), async (c) => {
      const result = await attendance.punch(c.get("user"), { ...punchInput(c.req.valid("json"), c.req.valid("header")), address: c.get("client").address });
      return c.json({ ...result, sentence: punchSentence(result) }, result.duplicate ? 200 : 201);
    })
    // The today card: the day as judged so far, and what the smart button would record now.
    .get("/today", async (c) => {
      const user = c.get("user");
      const [day, next] = await Promise.all([attendance.today().then((date) => attendance.day(user, user.login, date)), attendance.punchKindNow(user)]);
      return c.json({ day, next });
    })
    // Changes the kind of one's last punch, within the policy's minutes of making it.
    .post("/punches/last/kind", valid("json", KindBody), async (c) => c.json(await attendance.changePunchKind(c.get("user"), c.req.valid("json").kind)))
    .get("/day", valid("query", Who.extend({ date: DaySchema.optional() })), async (c) => {
      const q = c.req.valid("query");
      return c.json(await attendance.day(c.get("user"), q.login ?? c.get("user").login, q.date ?? (await attendance.today())));
    })
    .get("/punches", valid("query", Who.extend({ from: DaySchema.optional(), to: DaySchema.optional() })), async (c) => {
      const q = c.req.valid("query");
      const today = await attendance.today();
      return c.json(await attendance.punches(c.get("user"), q.login ?? c.get("user").login, q.from ?? today, q.to ?? q.from ?? today));
    })
    .get("/summary", valid("query", Who.extend({ month: MonthSchema.optional() })), async (c) => {
      const q = c.req.valid("query");
      return c.json(await attendance.monthlySummary(c.get("user"), q.login ?? c.get("user").login, q.month ?? (await thisMonth())));
    })
    .get("/calendar", valid("query", Who.extend({ month: MonthSchema.optional() })), async (c) => {
      const q = c.req.valid("query");
      const month = q.month ?? (await thisMonth());
      const login = q.login ?? c.get("user").login;
      const [days, summary] = await Promise.all([attendance.monthDays(c.get("user"), login, month), attendance.monthlySummary(c.get("user"), login, month)]);
      return c.json({ month, login, days, summary });
    })
    .get("/team/today", valid("query", z.object({ date: DaySchema.optional() })), async (c) => {
      const date = c.req.valid("query").date ?? (await attendance.today());
      return c.json({ date, members: await attendance.teamDay(c.get("user"), date) });
    })
    .get("/departments/today", valid("query", z.object({ date: DaySchema.optional() })), async (c) => {
      const date = c.req.valid("query").date ?? (await attendance.today());
      return c.json({ date, departments: await attendance.departmentsDay(c.get("user"), date) });
    });
}

/** The service's input from a punch's body and headers: the claimed instant in ms, the idempotency key. */
function punchInput<B extends z.output<typeof PunchBody>>({ at, ...body }: B, headers: z.output<typeof PunchHeaders>): Omit<B, "at"> & Pick<PunchInput, "claimedAtMs" | "idempotencyKey"> {
  return { ...body, claimedAtMs: at === undefined ? null : parseInstant(at), idempotencyKey: headers["idempotency-key"] ?? null };
}

/** What the assistant says after a punch, in each language. */
function punchSentence(result: PunchResult): { zh: string; en: string } {
  return { zh: punchReply("zh", result).say, en: punchReply("en", result).say };
}
