import { Hono } from "hono";
import { z } from "zod";
import type { AuthService } from "../../auth/sign-in.ts";
import { ApiError } from "../errors.ts";
import { valid } from "../validate.ts";

const SignIn = z.object({ login: z.string().min(1).max(64), password: z.string().max(256).optional() });

/** Sign-in: by login alone in demo mode, by password otherwise. */
export function sessionRoutes(auth: AuthService) {
  return new Hono()
    .post("/sign-in", valid("json", SignIn), async (c) => {
      const { login, password } = c.req.valid("json");
      const session = await auth.signIn(login, password);
      if (!session) throw new ApiError(401, "BAD_CREDENTIALS", auth.demoMode ? `No demo person ${login}` : "Wrong login or password");
      return c.json(session);
    })
    .get("/demo-people", async (c) => {
      const people = auth.demoPeople();
      if (!people) throw new ApiError(404, "NOT_DEMO", "Demo sign-in is off on this server");
      return c.json(await people);
    });
}
