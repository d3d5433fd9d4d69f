import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { HTTPException } from "hono/http-exception";
import { ZodError } from "zod";
import { DomainError, type DomainErrorCode } from "../attendance/errors.ts";

const STATUS: Record<DomainErrorCode, 400 | 403 | 404 | 409 | 422> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  INVALID_INPUT: 400,
  INVALID_DATE: 400,
  DATE_RANGE_REVERSED: 400,
  UNKNOWN_LEAVE_TYPE: 400,
  LEAVE_OVERLAP: 409,
  LEAVE_NO_WORKDAYS: 422,
  LEAVE_TOO_FAR_BACK: 422,
  LEAVE_TOO_LONG: 422,
  LEAVE_BEFORE_HIRE: 422,
  LEAVE_INSUFFICIENT_BALANCE: 422,
  LEAVE_NOT_PENDING: 409,
  LEAVE_NOT_CANCELLABLE: 409,
  LEAVE_AMBIGUOUS: 409,
  SELF_APPROVAL: 403,
  CHECK_IN_AFTER_SHIFT_END: 422,
  PUNCH_KIND_LOCKED: 409,
  UNKNOWN_SHIFT: 404,
  NOT_A_WORKDAY: 422,
  CORRECTION_TOO_FAR_BACK: 422,
  CORRECTION_IN_FUTURE: 422,
  CORRECTION_QUOTA: 422,
  CORRECTION_PUNCH_EXISTS: 409,
  CORRECTION_DUPLICATE: 409,
  OVERTIME_TOO_FAR_BACK: 422,
  OVERTIME_NO_HOURS: 422,
  OVERTIME_OVERLAP: 409,
  REQUEST_NOT_PENDING: 409,
  SEPARATION_OF_DUTIES: 403,
  CORRECTION_OUT_OF_RANGE: 422,
  HOLIDAYS_WOULD_BE_REMOVED: 409,
  WEAK_PASSWORD: 400,
  SETUP_DONE: 409,
  TOKEN_TOO_LONG: 400,
  OUTSIDE_SITE: 422,
  LOCATION_REQUIRED: 422,
  FIELD_REMARK_REQUIRED: 422,
  LOCATION_MOCKED: 422,
  INVALID_PHOTO: 400,
  SITE_EXISTS: 409,
  CHANNEL_UNAVAILABLE: 409,
  LAST_ADMIN: 409,
  MANAGER_CYCLE: 422,
  DEPARTMENT_CYCLE: 422,
  UNKNOWN_DEPARTMENT: 422,
  UNKNOWN_MANAGER: 422,
  ALREADY_EXISTS: 409,
  EMPLOYEE_LEFT: 409,
  EMPLOYEE_ACTIVE: 409,
  IMPORT_INVALID: 422,
  PUNCH_TIME_IN_FUTURE: 422,
  PUNCH_TIME_TOO_OLD: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
};

/** Every error body of the API: `{"error":{"code","message"}}`, plus details a client can show. */
export function errorBody(code: string, message: string, details?: Record<string, unknown>) {
  return { error: { code, message, ...(details && Object.keys(details).length ? { details } : {}) } };
}

/** An HTTP error with a readable code, thrown from handlers and middleware. */
export class ApiError extends HTTPException {
  constructor(
    status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 502 | 503,
    readonly code: string,
    message: string,
    /** Whether the same request may succeed later. */
    readonly retryable = false,
  ) {
    super(status, { message });
  }
}

/** Hono's own message for a body that does not parse (its validator throws it). */
const MALFORMED_JSON = "Malformed JSON in request body";

/** The error as status, code and message, whatever threw it. */
function describe(err: Error): { status: ContentfulStatusCode; code: string; message: string; details?: Record<string, unknown> } {
  if (err instanceof DomainError) return { status: STATUS[err.code], code: err.code, message: err.message, details: err.details };
  if (err instanceof ZodError) {
    const first = err.issues[0];
    return { status: 400, code: "INVALID_INPUT", message: `${first?.path.join(".") || "body"}: ${first?.message ?? "invalid"}` };
  }
  if (err instanceof ApiError) return { status: err.status, code: err.code, message: err.message };
  if (err instanceof HTTPException) {
    if (err.status === 400 && err.message === MALFORMED_JSON) return { status: 400, code: "MALFORMED_JSON", message: "The request body is not valid JSON" };
    const code = err.status === 401 ? "UNAUTHORIZED" : err.status === 413 ? "BODY_TOO_LARGE" : "HTTP_ERROR";
    return { status: err.status, code, message: err.message || "Request failed" };
  }
  console.error("unexpected error:", err);
  return { status: 500, code: "INTERNAL", message: "Something went wrong on our side; nothing was changed" };
}

/**
 * The one place that shapes error responses: `{"error":{"code","message"}}` for the API, and
 * OpenAI's shape on the OpenAI-compatible endpoint, whose clients parse that.
 */
export function onError(err: Error, c: Context) {
  const e = describe(err);
  if (c.req.path.startsWith("/v1/")) {
    const type = e.status === 401 ? "invalid_request_error" : e.status >= 500 ? "server_error" : "invalid_request_error";
    return c.json({ error: { message: e.message, type, param: null, code: e.code.toLowerCase() } }, e.status);
  }
  return c.json(errorBody(e.code, e.message, e.details), e.status);
}

/**
 * Answers what Node's HTTP parser refuses before the app sees it (a URL or headers over 16 KiB:
 * 431; a malformed request: 400) in the API's error shape, instead of Node's empty body.
 */
export function answerClientErrors(server: { on(event: "clientError", listener: (err: NodeJS.ErrnoException, socket: import("node:stream").Duplex) => void): unknown }): void {
  server.on("clientError", (err, socket) => {
    if (!socket.writable || err.code === "ECONNRESET") return void socket.destroy();
    const tooLarge = err.code === "HPE_HEADER_OVERFLOW";
    const body = JSON.stringify(tooLarge ? errorBody("HEADERS_TOO_LARGE", "The request's URL or headers are too large") : errorBody("BAD_REQUEST", "The request is not valid HTTP"));
    const status = tooLarge ? "431 Request Header Fields Too Large" : "400 Bad Request";
    socket.end(`HTTP/1.1 ${status}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nx-content-type-options: nosniff\r\ncache-control: no-store\r\nconnection: close\r\n\r\n${body}`);
  });
}
