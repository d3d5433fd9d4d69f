import type { Context } from "hono";
import type { z } from "zod";
import { ApiError } from "./errors.ts";

/** Reads and validates a JSON body; malformed JSON and schema misses are 400s that write nothing. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    const text = await c.req.text();
    raw = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new ApiError(400, "MALFORMED_JSON", "The request body is not valid JSON");
  }
  return schema.parse(raw);
}

/** Validates query parameters. */
export function query<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  return schema.parse(c.req.query());
}
