/**
 * Every error the API answers, worded in the page's language from its stable code and details
 * (`{"error":{"code","message","details"}}`). The server's English message is only the fallback
 * for a code this table does not know yet.
 */
import { ApiError } from "../api.ts";
import { errorWords, fmtDate, getLang, t, type Key } from "./index.ts";

/** Codes whose server message (English) says more than our generic sentence, on English pages. */
const PRECISE_IN_ENGLISH = new Set(["INVALID_INPUT", "INVALID_REQUEST", "FORBIDDEN", "NOT_FOUND"]);

/** A detail as the page shows it: dates in the page's format, statuses and types in its words. */
function wordParam(name: string, value: unknown): string {
  const text = String(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return fmtDate(text);
  if (name === "status") return t(`leave.status.${text}` as Key) === `leave.status.${text}` ? text : t(`leave.status.${text}` as Key);
  if (name === "type") return t(`leaveType.${text}` as Key);
  if (name === "kind") return t(text === "in" ? "punch.kind.in" : "punch.kind.out");
  // A distance as said aloud: metres below a kilometre, else kilometres to one decimal.
  if (name === "distanceM" && Number.isFinite(Number(value))) {
    const m = Number(value);
    return m < 1000 ? t("place.metres", { n: Math.round(m) }) : t("place.km", { n: Math.round(m / 100) / 10 });
  }
  return text;
}

/** The words of one code with its details, or undefined when the table has none. */
export function codeText(code: string, details: Record<string, unknown> = {}): string | undefined {
  const words = errorWords();
  const variant = typeof details.what === "string" ? words[`${code}.${details.what}`] : undefined;
  const withField = typeof details.field === "string" ? words[`${code}.field`] : undefined;
  const template = variant ?? withField ?? words[code];
  if (!template) return undefined;
  const params: Record<string, unknown> = { start: details.startDate, end: details.endDate ?? details.end, ...details };
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (params[name] === undefined ? m : wordParam(name, params[name])));
}

/** What to tell the person about a failed call, in the page's language. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (getLang() === "en" && PRECISE_IN_ENGLISH.has(error.code) && error.message && !error.params.what) return error.message;
    return codeText(error.code, error.params) ?? (getLang() === "zh" ? `${t("error.generic")}（${error.code}）` : error.message || error.code);
  }
  if ((error as Error)?.name === "TypeError") return codeText("NETWORK")!;
  return (error as Error)?.message ?? String(error);
}

/** Whether the failure was the connection rather than the server's answer (the request may be retried). */
export function isNetworkError(error: unknown): boolean {
  return error instanceof ApiError ? error.code === "NETWORK" : (error as Error)?.name === "TypeError";
}

