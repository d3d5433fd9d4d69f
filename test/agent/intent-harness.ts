/**
 * What the intent tests share: the instants their sentences are said at, the context `understand`
 * runs in, and the check of an understanding against an expectation.
 *
 * An expectation is a tool name (with the arguments that must match, scorer rules: endDate
 * defaults to startDate, an unexpected halfDay / status / type fails), "ask:dates" /
 * "ask:leaveType" (with the partial arguments, when given), "chat:<topic>", "hold:<action>" (a refused
 * or put-off action, e.g. "hold:punchOut"), "none", "notool" (anything but a tool call) or "nomut" (no
 * state-changing tool, unless only offered at low confidence to be read back).
 */
import { describe, expect, it } from "vitest";
import { understand, type Understanding } from "../../src/agent/intent/index.ts";

/** The tools that change records. */
export const MUTATING = new Set(["checkIn", "checkOut", "requestLeave", "cancelLeave", "approveLeave", "rejectLeave", "requestCorrection", "requestOvertime"]);

export const MON = "2026-11-16T10:00:00+08:00"; // Monday morning
export const NOW = "2026-11-26T08:55:00+08:00"; // Thursday morning
export const EVE = "2026-11-26T18:05:00+08:00"; // Thursday evening, after the shift midpoint
export const DEC = "2026-12-30T17:00:00+08:00"; // year boundary ahead
export const JAN = "2027-01-04T09:00:00+08:00"; // year boundary behind

/** The context of a sentence said at `now` (Thursday morning unless given), in Shanghai. */
export const ctx = (now = NOW) => ({ now: new Date(now), timeZone: "Asia/Shanghai" });

/** A sentence, when it is said, and what it must be understood as. */
export type Case = [text: string, now: string, expect: string, args?: Record<string, unknown>];

export interface CheckOptions {
  /**
   * A leave request must not carry an unlisted type or status either. Without it, only an
   * unlisted halfDay fails a leave request (a case may leave its type unsaid); other tools are
   * always held to all three.
   */
  strictLeave?: boolean;
}

/** Checks an understanding against an expectation (see the top of this file). */
export function check(u: Understanding, expected: string, args?: Record<string, unknown>, { strictLeave = false }: CheckOptions = {}): void {
  if (expected === "notool") return expect(u.kind).not.toBe("tool");
  if (expected === "nomut") {
    const acts = u.kind === "tool" && MUTATING.has(u.tool) && (u.confidence ?? 1) >= 0.6;
    return expect(acts, JSON.stringify(u)).toBe(false);
  }
  if (expected === "none") return expect(u.kind).toBe("none");
  if (expected.startsWith("ask:")) {
    expect(u).toMatchObject({ kind: "ask", missing: expected.slice(4) });
    if (args && u.kind === "ask") expect(u.partial.args).toEqual(args);
    return;
  }
  if (expected.startsWith("chat:")) return expect(u).toMatchObject({ kind: "chat", topic: expected.slice(5) });
  if (expected.startsWith("hold:")) return expect(u).toMatchObject({ kind: "hold", action: expected.slice(5) });
  expect(u).toMatchObject({ kind: "tool", tool: expected });
  if (!args || u.kind !== "tool") return;
  const got: Record<string, unknown> = { ...u.args };
  const want: Record<string, unknown> = { ...args };
  if (expected === "requestLeave") {
    got.endDate ??= got.startDate;
    want.endDate ??= want.startDate;
  }
  for (const [k, v] of Object.entries(want)) expect(got[k], k).toEqual(v);
  const unlisted = expected === "requestLeave" && !strictLeave ? ["halfDay"] : ["halfDay", "status", "type"];
  for (const k of unlisted) if (!(k in want)) expect(got[k], k).toBeUndefined();
}

/** One test per case, named by its sentence, under `title`. */
export function describeCases(title: string, cases: Case[], options?: CheckOptions): void {
  describe(title, () => {
    it.each(cases)("%s", (text, now, expected, args) => check(understand(text, ctx(now)), expected, args, options));
  });
}
