import { Hono } from "hono";
import { z } from "zod";
import { LEAVE_STATUSES, LEAVE_TYPES } from "../../attendance/types.ts";
import type { AuthEnv } from "../auth.ts";
import type { AppServices } from "../app.ts";
import { jsonBody, query } from "../validate.ts";

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "dates are YYYY-MM-DD");
const LeaveBody = z.object({
  login: z.string().optional(),
  type: z.string().refine((t) => (LEAVE_TYPES as readonly string[]).includes(t), { message: `type is one of ${LEAVE_TYPES.join(", ")}` }),
  startDate: Day,
  endDate: Day.nullish(),
  halfDay: z.enum(["am", "pm"]).nullish(),
  reason: z.string().max(500).nullish(),
  approve: z.boolean().optional(),
});
const Id = z.coerce.number().int().positive();

/** Leave: preview, request, list, cancel, approve, reject, pending for me; balances. */
export function leaveRoutes(deps: AppServices) {
  const { leave } = deps;
  return new Hono<AuthEnv>()
    .post("/leave/preview", async (c) => {
      const body = await jsonBody(c, LeaveBody);
      return c.json(await leave.preview(c.get("user"), body.login ?? c.get("user").login, body));
    })
    .post("/leave", async (c) => {
      const body = await jsonBody(c, LeaveBody);
      const created = await leave.request(c.get("user"), body.login ?? c.get("user").login, body, { approve: body.approve });
      return c.json(created, 201);
    })
    .get("/leave", async (c) => {
      const q = query(c, z.object({ login: z.string().optional(), status: z.enum(LEAVE_STATUSES as [string, ...string[]]).optional() }));
      return c.json(await leave.list(c.get("user"), q.login ?? c.get("user").login, q.status as never));
    })
    .get("/leave/pending", async (c) => c.json(await leave.pendingFor(c.get("user"))))
    .post("/leave/:id/cancel", async (c) => c.json(await leave.cancel(c.get("user"), { leaveId: Id.parse(c.req.param("id")) })))
    .post("/leave/:id/approve", async (c) => c.json(await leave.decide(c.get("user"), Id.parse(c.req.param("id")), "approved")))
    .post("/leave/:id/reject", async (c) => c.json(await leave.decide(c.get("user"), Id.parse(c.req.param("id")), "rejected")))
    .get("/balances", async (c) => {
      const q = query(c, z.object({ login: z.string().optional(), year: z.coerce.number().int().min(2000).max(2100).optional() }));
      return c.json(await leave.balances(c.get("user"), q.login ?? c.get("user").login, q.year));
    });
}
