import { Hono } from "hono";
import type { Employee } from "../../attendance/types.ts";
import type { AuthEnv } from "../auth.ts";
import { ApiError } from "../errors.ts";

/** Makes a linking code for the signed-in employee. */
export type NewLinkCode = (user: Employee) => Promise<{ code: string; expiresAt: number }>;

/** Linking one's chat account: the web app shows the code, the person sends it to the bot. */
export function chatLinkRoutes(newLinkCode?: NewLinkCode) {
  return new Hono<AuthEnv>().post("/im/link-code", async (c) => {
    if (!newLinkCode) throw new ApiError(503, "IM_NOT_CONFIGURED", "No chat platform is configured");
    return c.json(await newLinkCode(c.get("user")), 201);
  });
}
