import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requireUser } from "./auth.ts";
import type { AttendanceServices } from "../attendance/services.ts";
import type { AuthService } from "../auth/sign-in.ts";
import { ApiError, errorBody, onError } from "./errors.ts";
import { attendanceRoutes } from "./routes/attendance.ts";
import { hrRoutes } from "./routes/hr.ts";
import { leaveRoutes } from "./routes/leave.ts";
import { sessionRoutes } from "./routes/session.ts";

/** The services the routes call: the attendance domain's and sign-in. */
export interface AppServices extends AttendanceServices {
  auth: AuthService;
}

/** Everything the app serves; optional parts are mounted only when given. */
export interface AppDeps extends AppServices {
  /** Engine and configuration status lines for /api/health. */
  health?: () => Record<string, unknown>;
  /** Extra sub-apps mounted under /api behind sign-in (voice, Agora). */
  protectedRoutes?: { path: string; app: Hono<any> }[];
  /** Extra sub-apps mounted at the root, with their own auth (the OpenAI-compatible endpoint). */
  publicRoutes?: { path: string; app: Hono<any> }[];
  /** Static web client, mounted last. */
  web?: Hono<any>;
}

/** 1 MiB is far above any legitimate JSON request here and keeps a bad client from filling memory. */
const MAX_BODY_BYTES = 1024 * 1024;

export function createApp(deps: AppDeps) {
  const api = new Hono()
    .get("/health", (c) => c.json({ ok: true, demoMode: deps.auth.demoMode, ...(deps.health?.() ?? {}) }))
    .route("/auth", sessionRoutes(deps.auth));
  const signedIn = new Hono()
    .use(requireUser(deps.auth))
    .route("/", attendanceRoutes(deps))
    .route("/", leaveRoutes(deps))
    .route("/", hrRoutes(deps));
  for (const r of deps.protectedRoutes ?? []) signedIn.route(r.path, r.app);

  const app = new Hono()
    .use(
      bodyLimit({
        maxSize: MAX_BODY_BYTES,
        onError: (c) => c.json(errorBody("BODY_TOO_LARGE", `Request bodies are limited to ${MAX_BODY_BYTES} bytes`), 413),
      }),
    )
    .route("/api", api)
    .route("/api", signedIn);
  for (const r of deps.publicRoutes ?? []) app.route(r.path, r.app);
  app.all("/api/*", () => {
    throw new ApiError(404, "NOT_FOUND", "No such API route");
  });
  if (deps.web) app.route("/", deps.web);
  app.onError(onError);
  app.notFound((c) => c.json(errorBody("NOT_FOUND", "Not found"), 404));
  return app;
}

export type AppType = ReturnType<typeof createApp>;
