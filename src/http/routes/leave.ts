import { Hono } from "hono";
import { z } from "zod";
import { DaySchema, LeaveRequestSchema, LeaveStatusSchema } from "../../attendance/schemas.ts";
import type { AppServices } from "../app.ts";
import type { AuthEnv } from "../auth.ts";
import { IdParams, valid } from "../validate.ts";

/** A request as the page sends it: for oneself, or (HR) for `login`, perhaps approved at once. */
const LeaveBody = LeaveRequestSchema.extend({ login: z.string().optional(), approve: z.boolean().optional() });
// Decimal only: `0x10` and ` 1` must not act on #16 and #1.
const Id = IdParams;

/** Leave: preview, request, list, cancel, approve, reject, pending for me; balances. */
export function leaveRoutes({ leave }: AppServices) {
  return new Hono<AuthEnv>()
    .post("/leave/preview", valid("json", LeaveBody), async (c) => {
      const body = c.req.valid("json");
      return c.json(await leave.preview(c.get("user"), body.login ?? c.get("user").login, body));
    })
    .post("/leave", valid("json", LeaveBody), async (c) => {
      const body = c.req.valid("json");
      return c.json(await leave.request(c.get("user"), body.login ?? c.get("user").login, body, { approve: body.approve }), 201);
    })
    .get("/leave", valid("query", z.object({ login: z.string().optional(), status: LeaveStatusSchema.optional() })), async (c) => {
      const q = c.req.valid("query");
      return c.json(await leave.list(c.get("user"), q.login ?? c.get("user").login, q.status));
    })
    .get("/leave/pending", async (c) => c.json(await leave.pendingFor(c.get("user"))))
    .post("/leave/:id/cancel", valid("param", Id), async (c) => c.json(await leave.cancel(c.get("user"), { leaveId: c.req.valid("param").id })))
    .post("/leave/:id/approve", valid("param", Id), async (c) => c.json(await leave.decide(c.get("user"), c.req.valid("param").id, "approved")))
    .post("/leave/:id/reject", valid("param", Id), async (c) => c.json(await leave.decide(c.get("user"), c.req.valid("param").id, "rejected")))
    .get("/balances", valid("query", z.object({ login: z.string().optional(), year: z.coerce.number().int().min(2000).max(2100).optional(), at: DaySchema.optional() })), async (c) => {
      const q = c.req.valid("query");
      const login = q.login ?? c.get("user").login;
      // On a date: the yearly balances of its year, and compensatory days as they stand that day.
      return c.json(q.at ? await leave.balancesAt(c.get("user"), login, q.at) : await leave.balances(c.get("user"), login, q.year));
    });
}
