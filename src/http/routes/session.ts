import { Hono } from "hono";
import { z } from "zod";
import { checkPassword } from "../../auth/tokens.ts";
import type { CoreDeps } from "../deps.ts";
import { ApiError } from "../errors.ts";
import { jsonBody } from "../validate.ts";

const SignIn = z.object({ login: z.string().min(1).max(64), password: z.string().max(256).optional() });

/** Sign-in: by login alone in demo mode, by password otherwise. */
export function sessionRoutes(deps: CoreDeps) {
  return new Hono()
    .post("/sign-in", async (c) => {
      const { login, password } = await jsonBody(c, SignIn);
      const user = deps.store.employeeByLogin(login);
      const ok = user && (deps.demoMode || (password !== undefined && checkPassword(password, deps.store.passwordHash(user.id))));
      if (!user || !ok) throw new ApiError(401, "BAD_CREDENTIALS", deps.demoMode ? `No demo person ${login}` : "Wrong login or password");
      return c.json({ token: deps.tokens.sign(user.login), user });
    })
    .get("/demo-people", (c) => {
      if (!deps.demoMode) throw new ApiError(404, "NOT_DEMO", "Demo sign-in is off on this server");
      const departments = new Map(deps.store.departments().map((d) => [d.id, d]));
      return c.json(
        deps.store.employees().map((e) => ({ login: e.login, name: e.name, nameEn: e.nameEn, role: e.role, department: departments.get(e.departmentId)?.nameEn })),
      );
    });
}
