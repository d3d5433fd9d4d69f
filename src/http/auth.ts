import type { MiddlewareHandler } from "hono";
import type { Employee } from "../attendance/types.ts";
import type { AttendanceStore } from "../attendance/store.ts";
import type { TokenSigner } from "../auth/tokens.ts";
import type { AgentKeys } from "../auth/agent-keys.ts";
import { ApiError } from "./errors.ts";

export type AuthEnv = { Variables: { user: Employee } };

/**
 * The employee behind a bearer: a signed user token, or, where `agentKeys` is allowed (only the
 * chat endpoint Agora's engine calls), a per-agent key.
 */
export function resolveBearer(
  header: string | undefined,
  deps: { tokens: TokenSigner; agentKeys: AgentKeys; store: AttendanceStore },
  options: { agentKeys?: boolean } = {},
): Employee | null {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? "");
  if (!m) return null;
  const token = m[1].trim();
  const isAgentKey = token.startsWith("ak_");
  if (isAgentKey && !options.agentKeys) return null;
  const login = isAgentKey ? deps.agentKeys.resolve(token) : deps.tokens.verify(token)?.sub;
  return (login && deps.store.employeeByLogin(login)) || null;
}

/** Requires a signed-in user and puts them on the context as `user`. */
export function requireUser(deps: { tokens: TokenSigner; agentKeys: AgentKeys; store: AttendanceStore }): MiddlewareHandler<AuthEnv> {
  return async function requireUser(c, next) {
    const user = resolveBearer(c.req.header("authorization"), deps);
    if (!user) throw new ApiError(401, "UNAUTHORIZED", "Sign in first: send Authorization: Bearer <token>");
    c.set("user", user);
    await next();
  };
}
