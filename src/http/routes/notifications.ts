import { Hono } from "hono";
import { z } from "zod";
import { REMINDER_RULES } from "../../attendance/types.ts";
import type { NotificationService } from "../../notify/service.ts";
import { CHANNEL_CHOICES } from "../../notify/store.ts";
import type { AuthEnv } from "../auth.ts";
import { ApiError } from "../errors.ts";
import { valid } from "../validate.ts";

const Read = z.union([z.object({ ids: z.array(z.number().int().positive()).min(1).max(500) }).strict(), z.object({ all: z.literal(true) }).strict()]);
const Settings = z
  .object({
    channel: z.enum(CHANNEL_CHOICES as [string, ...string[]]).optional(),
    optOut: z.array(z.enum(REMINDER_RULES)).max(REMINDER_RULES.length).optional(),
    email: z.email().max(254).nullable().optional(),
  })
  .strict();
const Test = z.object({ channel: z.enum(["im", "email", "inapp"]) }).strict();
const Limit = z.object({ limit: z.coerce.number().int().min(1).max(1000).optional() });

/** In-app notifications, one's notification settings, and (HR) the delivery log and test messages. */
export function notificationRoutes(notifications?: NotificationService) {
  const service = () => {
    if (!notifications) throw new ApiError(503, "NOTIFICATIONS_OFF", "Notifications are not running in this process");
    return notifications;
  };
  return new Hono<AuthEnv>()
    .get("/notifications", valid("query", Limit), async (c) => c.json(await service().list(c.get("user"), c.req.valid("query").limit)))
    .post("/notifications/read", valid("json", Read), async (c) => c.json(await service().markRead(c.get("user"), c.req.valid("json"))))
    .get("/notification-settings", async (c) => c.json(await service().settings(c.get("user"))))
    .put("/notification-settings", valid("json", Settings), async (c) => {
      const body = c.req.valid("json");
      return c.json(await service().setSettings(c.get("user"), { ...body, channel: body.channel as (typeof CHANNEL_CHOICES)[number] | undefined }));
    })
    .get("/deliveries", valid("query", Limit), async (c) => c.json(await service().deliveries(c.get("user"), c.req.valid("query").limit)))
    .post("/deliveries/test", valid("json", Test), async (c) => c.json(await service().sendTest(c.get("user"), c.req.valid("json").channel), 201));
}
