import type { MiddlewareHandler } from "hono";
import type { Employee } from "../attendance/types.ts";
import type { AuthService } from "../auth/sign-in.ts";
import { ApiError } from "./errors.ts";

export type AuthEnv = { Variables: { user: Employee } };

/** Requires a signed-in user and puts them on the context as `user`. */
export function requireUser(auth: AuthService): MiddlewareHandler<AuthEnv> {
  return async function requireUser(c, next) {
    const user = await auth.userForBearer(c.req.header("authorization"));
    if (!user) throw new ApiError(401, "UNAUTHORIZED", "Sign in first: send Authorization: Bearer <token>");
    c.set("user", user);
    await next();
  };
}
