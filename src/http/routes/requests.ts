import { Hono } from "hono";
import { z } from "zod";
import { ClockSchema, CorrectionAskSchema, DaySchema, LeaveStatusSchema, OvertimeAskSchema } from "../../attendance/schemas.ts";
import type { AppServices } from "../app.ts";
import type { AuthEnv } from "../auth.ts";
import { ApiError } from "../errors.ts";
import { IdParams, valid } from "../validate.ts";

// Decimal only: `0x10` and ` 1` must not act on #16 and #1.
const Id = IdParams;
/** `mine` (default): one's own requests, or (a manager, HR) `login`'s; `pending`: those waiting for the caller. */
const List = z.object({ view: z.enum(["mine", "pending"]).default("mine"), login: z.string().optional(), status: LeaveStatusSchema.optional() });
const Decision = z.object({ comment: z.string().max(500).nullish() });
const ShiftBody = z.object({
  start: ClockSchema,
  end: ClockSchema,
  flexMinutes: z.number().int().min(0).optional(),
  graceMinutes: z.number().int().min(0).optional(),
  name: z.string().max(100).optional(),
  nameEn: z.string().max(100).optional(),
});
const Assignment = z.object({ shift: z.string().min(1), login: z.string().optional(), department: z.string().optional() }).refine((a) => !a.login !== !a.department, {
  message: "give login or department",
});
const Roster = z.object({ entries: z.array(z.object({ login: z.string().min(1), date: DaySchema, shift: z.string().min(1) })).min(1).max(2000) });
const RosterDay = z.object({ login: z.string().min(1).max(64), date: DaySchema });
const RosterRange = z.object({ login: z.string().optional(), from: DaySchema, to: DaySchema });
/** A roster CSV is small: a month of a large department is far below this. */
const MAX_ROSTER_BYTES = 512 * 1024;

/**
 * Corrections (补卡) and overtime (加班) requests, the one approval queue, shifts and the roster.
 * Who may do what is the services' to say.
 */
export function requestRoutes(deps: AppServices) {
  const { corrections, overtime, leave, shifts, sites } = deps;
  return new Hono<AuthEnv>()
    .post("/corrections/requests", valid("json", CorrectionAskSchema), async (c) => c.json(await corrections.request(c.get("user"), c.req.valid("json")), 201))
    .get("/corrections/requests", valid("query", List), async (c) => {
      const q = c.req.valid("query");
      const user = c.get("user");
      return c.json(q.view === "pending" ? await corrections.pendingFor(user) : await corrections.list(user, q.login ?? user.login, q.status));
    })
    .post("/corrections/requests/:id/approve", valid("param", Id), valid("json", Decision), async (c) =>
      c.json(await corrections.decide(c.get("user"), c.req.valid("param").id, "approved", c.req.valid("json").comment ?? null)),
    )
    .post("/corrections/requests/:id/reject", valid("param", Id), valid("json", Decision), async (c) =>
      c.json(await corrections.decide(c.get("user"), c.req.valid("param").id, "rejected", c.req.valid("json").comment ?? null)),
    )
    .post("/corrections/requests/:id/cancel", valid("param", Id), async (c) => c.json(await corrections.cancel(c.get("user"), c.req.valid("param").id)))
    .post("/overtime/requests", valid("json", OvertimeAskSchema), async (c) => c.json(await overtime.request(c.get("user"), c.req.valid("json")), 201))
    .get("/overtime/requests", valid("query", List), async (c) => {
      const q = c.req.valid("query");
      const user = c.get("user");
      return c.json(q.view === "pending" ? await overtime.pendingFor(user) : await overtime.list(user, q.login ?? user.login, q.status));
    })
    .post("/overtime/requests/:id/approve", valid("param", Id), valid("json", Decision), async (c) =>
      c.json(await overtime.decide(c.get("user"), c.req.valid("param").id, "approved", c.req.valid("json").comment ?? null)),
    )
    .post("/overtime/requests/:id/reject", valid("param", Id), valid("json", Decision), async (c) =>
      c.json(await overtime.decide(c.get("user"), c.req.valid("param").id, "rejected", c.req.valid("json").comment ?? null)),
    )
    .post("/overtime/requests/:id/cancel", valid("param", Id), async (c) => c.json(await overtime.cancel(c.get("user"), c.req.valid("param").id)))
    // A manager's one queue: every kind of request waiting for them, each with who asked.
    .get("/approvals", async (c) => {
      const user = c.get("user");
      const [leaveRequests, correctionRequests, overtimeRequests, fieldPunches] = await Promise.all([
        leave.pendingFor(user),
        corrections.pendingFor(user),
        overtime.pendingFor(user),
        sites.pendingFieldPunches(user),
      ]);
      return c.json({ leave: leaveRequests, corrections: correctionRequests, overtime: overtimeRequests, fieldPunches });
    })
    .get("/shifts", async (c) => c.json(await shifts.shifts(c.get("user"))))
    .put("/shifts/:code", valid("json", ShiftBody), async (c) => c.json(await shifts.saveShift(c.get("user"), { code: c.req.param("code"), ...c.req.valid("json") })))
    .post("/shifts/assignments", valid("json", Assignment), async (c) => {
      const body = c.req.valid("json");
      return c.json(await shifts.assign(c.get("user"), body.shift, { login: body.login, department: body.department }));
    })
    .get("/roster", valid("query", RosterRange), async (c) => {
      const q = c.req.valid("query");
      return c.json(await shifts.roster(c.get("user"), q.login ?? c.get("user").login, q.from, q.to));
    })
    .post("/roster", valid("json", Roster), async (c) => c.json(await shifts.setRoster(c.get("user"), c.req.valid("json").entries), 201))
    .delete("/roster/:login/:date", valid("param", RosterDay), async (c) => {
      const { login, date } = c.req.valid("param");
      return c.json(await shifts.removeRoster(c.get("user"), login, date));
    })
    // CSV lines login,date,shift as a multipart file upload.
    .post("/roster/import", async (c) => {
      if (!(c.req.header("content-type") ?? "").startsWith("multipart/form-data")) throw new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "Upload the roster as a multipart file field named file");
      const file = (await c.req.parseBody())["file"];
      if (!(file instanceof File)) throw new ApiError(400, "INVALID_INPUT", "No file field in the upload");
      if (file.size > MAX_ROSTER_BYTES) throw new ApiError(413, "BODY_TOO_LARGE", `Roster files are limited to ${MAX_ROSTER_BYTES} bytes`);
      return c.json(await shifts.importRoster(c.get("user"), await file.text()), 201);
    });
}
