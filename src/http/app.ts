import type { Context, MiddlewareHandler } from "hono";
import { Hono } from "hono";
import type { AttendanceServices } from "../attendance/services.ts";
import type { Employee } from "../attendance/types.ts";
import type { OidcSignIn } from "../auth/oidc.ts";
import type { AuthService } from "../auth/sign-in.ts";
import { agoraNotConfigured, agoraRoutes, type AgoraRoutesDeps } from "../rtc/agora/routes.ts";
import type { LocalRtc } from "../rtc/local/rtc.ts";
import { agoraEventRoutes } from "../rtc/agora/ncs.ts";
import { rtcRoutes } from "../rtc/local/routes.ts";
import { requireUser, signedInUser, type AuthEnv } from "./auth.ts";
import { clientInfo, type ClientEnv } from "./client.ts";
import { limitBody } from "./body-limit.ts";
import { ApiError, errorBody, onError } from "./errors.ts";
import type { Health, PartStatus } from "./health.ts";
import { attendanceRoutes } from "./routes/attendance.ts";
import { chatCompletionsRoutes, type ChatAgent } from "./routes/chat-completions.ts";
import { chatLinkRoutes, type NewLinkCode } from "./routes/chat-link.ts";
import { directoryRoutes, MAX_IMPORT_BYTES } from "./routes/directory.ts";
import { hrRoutes } from "./routes/hr.ts";
import { notificationRoutes } from "./routes/notifications.ts";
import { auditRoutes } from "./routes/audit.ts";
import type { NotificationService } from "../notify/service.ts";
import { oidcRoutes } from "./routes/oidc.ts";
import { leaveRoutes } from "./routes/leave.ts";
import { placeRoutes } from "./routes/places.ts";
import { accountRoutes, sessionRoutes } from "./routes/session.ts";
import { requestRoutes } from "./routes/requests.ts";
import { securityHeaders } from "./security-headers.ts";
import { cleanText, jsonOnly } from "./validate.ts";
import { webRoutes } from "./web.ts";

/** The services the routes call: the attendance domain's and sign-in. */
export interface AppServices extends AttendanceServices {
  auth: AuthService;
  /** Single sign-on, when the server has a provider configured. */
  oidc?: OidcSignIn | null;
}

/**
 * The parts a server may run beside the REST API. Each route is there whatever is given, so
 * AppType is the same everywhere; a part not given answers 503 saying so.
 */
export interface AppOptions {
  /** Answers /v1/chat/completions. */
  agent?: ChatAgent;
  /** Local WebRTC calls (/api/rtc). */
  rtc?: LocalRtc<Employee>;
  /** Agora calls (/api/agora); unconfigured without it. */
  agora?: Omit<AgoraRoutesDeps, "currentUser">;
  /** Engine and optional part status for /api/health. */
  health?: () => Promise<PartStatus[]> | PartStatus[];
  /** The database file, shown on /api/health. */
  database?: string;
  /** The built web client (web/dist), served for every other path. */
  webDistDir?: string;
  /** Behind a reverse proxy: take the client's address and scheme from X-Forwarded-* (TRUST_PROXY=1). */
  trustProxy?: boolean;
  /** This server's public address (PUBLIC_BASE_URL): single sign-on's redirect URL starts with it. */
  publicBaseUrl?: string;
  /** Send HSTS over HTTPS (a real certificate, or a proxy's); off for a self-signed one. */
  hsts?: boolean;
  /** A 6-digit code linking the signed-in employee's chat account; without it, 503. */
  newLinkCode?: NewLinkCode;
  /** The secret Agora's Notification Callback Service signs meeting events with (`AGORA_NCS_SECRET`); without it, 503. */
  agoraNcsSecret?: string;
  /** In-app notifications, settings and HR's delivery log; without it, those routes answer 503. */
  notifications?: NotificationService;
  /** The configured chat platforms' callbacks (`/im/<platform>/...`), each in its platform's format. */
  chatCallbacks?: Hono;
}

/** 1 MiB is far above any legitimate JSON request here and keeps a bad client from filling memory. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * A punch may carry a field photo of up to 2 MB as base64 (a third larger) in its JSON: 4 MiB
 * leaves room for that and its JSON, so a photo a little over 2 MB reaches the service and is
 * refused as INVALID_PHOTO with the limit, rather than as a body too large.
 */
const MAX_PUNCH_BODY_BYTES = 4 * 1024 * 1024;
const PUNCH_PATHS = new Set(["/api/punches", "/api/punches/check-in", "/api/punches/check-out"]);

/** 1 MiB for every body but a staff list's import (a large spreadsheet) and a punch's (a photo). */
function bodyLimits(): MiddlewareHandler {
  const limit = (maxSize: number) => limitBody({ maxSize, onError: (c) => c.json(errorBody("BODY_TOO_LARGE", `Request bodies are limited to ${maxSize} bytes`, { maxBytes: maxSize }), 413) });
  const general = limit(MAX_BODY_BYTES);
  const imports = limit(MAX_IMPORT_BYTES);
  const punches = limit(MAX_PUNCH_BODY_BYTES);
  return function bodyLimits(c, next) {
    if (c.req.path === "/api/employees/import") return imports(c, next);
    return PUNCH_PATHS.has(c.req.path) ? punches(c, next) : general(c, next);
  };
}

/** The signed-in user as the Agora routes name them. */
const agoraUser = (c: Context) => {
  const user = (c as Context<AuthEnv>).get("user");
  return { login: user.login, name: user.language === "zh" ? user.name : user.nameEn, language: user.language };
};

/** The whole HTTP app. Routes are chained so `AppType` carries every one of them to the web client. */
export function createApp(services: AppServices, options: AppOptions = {}) {
  const api = new Hono<ClientEnv>()
    // Anyone may ask whether the server is up; what runs, and where, is for the signed-in (how
    // each part is doing) and for admins (the details and the database path).
    .get("/health", async (c) => {
      const caller = await signedInUser(services.auth, c);
      let health: Health = { ok: true };
      if (caller) {
        const engines = (await options.health?.()) ?? [];
        health =
          caller.user.role === "admin"
            ? { ok: true, demoMode: services.auth.demoMode, database: options.database, engines }
            : { ok: true, engines: engines.map((e) => ({ ...e, hint: e.ready ? "" : e.hint })) };
      }
      return c.json(health);
    })
    .route("/auth", sessionRoutes(services.auth, services.oidc?.settings.name))
    .route("/auth/oidc", oidcRoutes(services.auth, services.oidc, options.publicBaseUrl))
    // Agora calls this, signed with the NCS secret rather than signed in.
    .route("/agora/events", agoraEventRoutes({ secret: options.agoraNcsSecret, meetings: services.meetings, now: () => services.attendance.now() }));
  const signedIn = new Hono<AuthEnv>()
    .use(requireUser(services.auth))
    .route("/", accountRoutes(services.auth))
    .route("/", attendanceRoutes(services))
    .route("/", leaveRoutes(services))
    .route("/", requestRoutes(services))
    .route("/", hrRoutes(services))
    .route("/", placeRoutes(services))
    .route("/", directoryRoutes(services))
    .route("/", chatLinkRoutes(options.newLinkCode))
    .route("/", notificationRoutes(options.notifications))
    .route("/", auditRoutes(services))
    .route("/agora", agoraRoutes({ ...(options.agora ?? agoraNotConfigured()), currentUser: agoraUser }))
    .route("/rtc", rtcRoutes({ rtc: options.rtc, currentUser: (c) => (c as Context<AuthEnv>).get("user"), clientAddress: (c) => (c as Context<AuthEnv>).get("client").address }));

  const app = new Hono<ClientEnv>()
    .use(clientInfo({ trustProxy: options.trustProxy ?? false }))
    .use(securityHeaders({ agora: options.agora?.config.configured ?? false, hsts: options.hsts ?? false }))
    .use(bodyLimits())
    .use("/api/*", jsonOnly(), cleanText())
    .use("/v1/*", jsonOnly(), cleanText())
    .route("/api", api)
    .route("/api", signedIn)
    .route("/v1", chatCompletionsRoutes({ auth: services.auth, agent: options.agent }));
  if (options.chatCallbacks) app.route("/", options.chatCallbacks);
  app.all("/api/*", () => {
    throw new ApiError(404, "NOT_FOUND", "No such API route");
  });
  if (options.webDistDir) app.route("/", webRoutes({ distDir: options.webDistDir }));
  app.onError(onError);
  app.notFound((c) => c.json(errorBody("NOT_FOUND", "Not found"), 404));
  return app;
}

/** Every route with its input and output types: the web client's `hc<AppType>` is typed from it. */
export type AppType = ReturnType<typeof createApp>;
