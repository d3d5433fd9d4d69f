import type { MiddlewareHandler } from "hono";
import type { Employee } from "../attendance/types.ts";
import type { AuthService } from "../auth/sign-in.ts";
import { ApiError } from "./errors.ts";

export type AuthEnv = { Variables: { user: Employee } };

/**
 * Requires a signed-in user and puts them on the context as `user`. Per-agent keys count only
 * where `agentKeys` says so (the chat endpoint Agora's engine calls).
 */
export function requireUser(auth: AuthService, options: { agentKeys?: boolean } = {}): MiddlewareHandler<AuthEnv> {
  return async function requireUser(c, next) {
    const user = await auth.userForBearer(c.req.header("authorization"), options);
    if (!user) throw new ApiError(401, "UNAUTHORIZED", "Sign in first: send Authorization: Bearer <token>");
    c.set("user", user);
    await next();
  };
}
