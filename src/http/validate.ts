/**
 * Request validation: `zValidator` with the API's one error. Handlers read the checked values
 * with `c.req.valid(target)`, and the route's input type reaches the web client through AppType.
 */
import { zValidator } from "@hono/zod-validator";
import type { MiddlewareHandler, ValidationTargets } from "hono";
import { z } from "zod";
import { ApiError } from "./errors.ts";

/**
 * Validates one part of the request against `schema`. The first problem answers 400 with
 * `code` (INVALID_INPUT unless the route has its own) and "path: what is wrong"; a body that is
 * not JSON answers 400 MALFORMED_JSON. Nothing is written either way.
 */
export function valid<Target extends keyof ValidationTargets, S extends z.ZodType>(target: Target, schema: S, code = "INVALID_INPUT") {
  return zValidator(target, schema, (result) => {
    if (result.success) return;
    const first = result.error.issues[0];
    throw new ApiError(400, code, `${first?.path.join(".") || target}: ${first?.message ?? "invalid"}`);
  });
}

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * JSON routes take `application/json` only: a body sent as anything else (a form, plain text)
 * answers 415 instead of being read as an empty object. Requests without a body pass.
 */
export function jsonOnly(): MiddlewareHandler {
  return async function jsonOnly(c, next) {
    const type = c.req.header("content-type");
    if (type && c.req.method !== "GET" && c.req.method !== "HEAD") {
      const media = type.split(";")[0].trim();
      if (!JSON_TYPE.test(media) && media !== "multipart/form-data") throw new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON with Content-Type: application/json");
    }
    await next();
  };
}

/** An id in a path: decimal digits only (`0x10`, ` 1`, `1e3` are not ids), as a number. */
export const IdParam = z
  .string()
  .regex(/^[1-9]\d{0,14}$/, "ids are decimal numbers")
  .transform(Number);

/** The params of a route with one `:id`. */
export const IdParams = z.object({ id: IdParam });

/** NUL, or half of a surrogate pair: stored as given, they break other SQLite readers and exports. */
const BAD_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The path of the first string (key or value) in `value` holding {@link BAD_TEXT}, or null. */
function badTextAt(value: unknown, at: string): string | null {
  if (typeof value === "string") return BAD_TEXT.test(value) ? at : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = badTextAt(value[i], `${at}.${i}`);
      if (found) return found;
    }
  } else if (value && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      if (BAD_TEXT.test(key)) return at;
      const found = badTextAt(v, `${at}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Refuses a JSON body with NUL or an unpaired surrogate in any text (400 INVALID_TEXT), before a
 * route reads it. Malformed JSON is left to the route's validator (400 MALFORMED_JSON).
 */
export function cleanText(): MiddlewareHandler {
  return async function cleanText(c, next) {
    const type = c.req.header("content-type")?.split(";")[0].trim() ?? "";
    if (JSON_TYPE.test(type)) {
      let body: unknown;
      try {
        body = JSON.parse(await c.req.text());
      } catch {
        body = undefined;
      }
      const at = badTextAt(body, "body");
      if (at) throw new ApiError(400, "INVALID_TEXT", `${at}: text may not contain NUL characters or unpaired surrogates`);
    }
    await next();
  };
}
