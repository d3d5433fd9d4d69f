import { Hono } from "hono";
import { z } from "zod";
import { AUDIT_PAGE_MAX } from "../../attendance/audit-service.ts";
import type { AuthEnv } from "../auth.ts";
import type { AppServices } from "../app.ts";
import { valid } from "../validate.ts";

const AuditQuery = z.object({
  login: z.string().min(1).max(64).optional(),
  kind: z.string().min(1).max(64).optional(),
  from: z.string().max(10).optional(),
  to: z.string().max(10).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).optional(),
});

/** The audit log, read-only; who may read it is the service's to say (HR and admins). Never cached: it holds personal records. */
export function auditRoutes({ audit }: AppServices) {
  return new Hono<AuthEnv>().get("/audit", valid("query", AuditQuery), async (c) => {
    const page = await audit.entries(c.get("user"), c.req.valid("query"));
    c.header("cache-control", "no-store");
    return c.json(page);
  });
}
