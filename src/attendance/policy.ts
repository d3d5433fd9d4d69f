/**
 * The work policy's one schema: what HR may set, each number's range, and the checks across
 * fields. The HTTP route, the CLI's `policy --set` and the service all use it.
 */
import { z } from "zod";
import { DomainError } from "./errors.ts";
import type { Policy, ReminderRule } from "./types.ts";
import { DEFAULT_POLICY, REMINDER_RULES } from "./types.ts";
import { parseClock } from "./time.ts";

const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a clock time HH:MM");
const int = (min: number, max: number) => z.number().int().min(min).max(max);

const RuleSetting = z.object({ on: z.boolean(), minutes: int(0, 720).optional(), at: Clock.optional() }).strict();
const byRule = <T extends z.ZodType>(t: T) => z.object(Object.fromEntries(REMINDER_RULES.map((r) => [r, t])) as Record<ReminderRule, T>).strict();
/** The reminders' settings; a department lists only what differs from the company's. */
export const ReminderPolicySchema = z
  .object({
    rules: byRule(RuleSetting),
    quietStart: Clock,
    quietEnd: Clock,
    departments: z.record(z.string().min(1).max(64), byRule(RuleSetting.partial().optional())),
  })
  .strict();

/** Every field HR may change, with its range. */
export const PolicyPatch = z
  .object({
    timeZone: z.string().refine((tz) => {
      try {
        new Intl.DateTimeFormat("en-US", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "an IANA time zone such as Asia/Shanghai"),
    shiftStart: Clock,
    shiftEnd: Clock,
    graceMinutes: int(0, 240),
    flexMinutes: int(0, 720),
    seriousLateMinutes: int(1, 1440),
    maxLatesForFullAttendance: int(0, 31),
    maxBackdateDays: int(0, 366),
    duplicatePunchSeconds: int(0, 3600),
    windowLeadMinutes: int(0, 720),
    absentLateMinutes: int(0, 1440),
    absentEarlyMinutes: int(0, 1440),
    correctionWindowDays: int(0, 366),
    maxCorrectionsPerMonth: int(0, 31),
    restStart: Clock,
    restEnd: Clock,
    hoursPerDay: z.number().positive().max(24),
    compensatoryExpiryDays: int(1, 3660),
    punchKindChangeMinutes: int(0, 1440),
    sessionIdleHours: z.number().min(0.25).max(720),
    sessionMaxDays: z.number().min(0.25).max(90),
    locationRetentionDays: int(1, 3660),
    annualTiers: z.array(z.object({ underYears: z.number().int().positive().nullable(), days: z.number().min(0).max(366) })).min(1).max(10),
    reminders: ReminderPolicySchema,
    entitlements: z.object({ sick: z.number().min(0), marriage: z.number().min(0), maternity: z.number().min(0), paternity: z.number().min(0), bereavement: z.number().min(0) }),
  })
  .partial()
  .strict();
export type PolicyPatch = z.infer<typeof PolicyPatch>;

const KEYS = Object.keys(PolicyPatch.shape) as (keyof Policy)[];

/** A stored policy read back: today's defaults under it, and fields no longer in use dropped. */
export function storedPolicy(raw: Record<string, unknown>): Policy {
  const out: Record<string, unknown> = { ...DEFAULT_POLICY };
  for (const k of KEYS) if (raw[k] !== undefined) out[k] = raw[k];
  return out as unknown as Policy;
}

/** The policy after a patch, or INVALID_INPUT naming the field and what it expects. */
export function applyPolicyPatch(before: Policy, patch: unknown): Policy {
  const parsed = PolicyPatch.safeParse(patch);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join(".") || (issue.code === "unrecognized_keys" ? issue.keys.join(", ") : "policy");
    throw new DomainError("INVALID_INPUT", `${field}: ${issue.code === "unrecognized_keys" ? "not a policy setting" : issue.message}`, { field });
  }
  const after: Policy = { ...before, ...parsed.data };
  const start = parseClock(after.shiftStart);
  let end = parseClock(after.shiftEnd);
  if (start === end) throw new DomainError("INVALID_INPUT", "shiftEnd: the shift cannot end when it starts", { field: "shiftEnd" });
  if (end < start) end += 1440;
  if (after.flexMinutes >= end - start) throw new DomainError("INVALID_INPUT", "flexMinutes: must be shorter than the shift", { field: "flexMinutes" });
  if (after.sessionIdleHours > after.sessionMaxDays * 24) throw new DomainError("INVALID_INPUT", "sessionIdleHours: longer than a session may last (sessionMaxDays)", { field: "sessionIdleHours" });
  if (parseClock(after.restEnd) < parseClock(after.restStart)) throw new DomainError("INVALID_INPUT", "restEnd: the break ends before it starts", { field: "restEnd" });
  return after;
}

/**
 * `KEY=VALUE` as typed on a command line, as a patch: numbers for numeric settings, JSON for the
 * tables (annualTiers, entitlements), text for the rest.
 */
export function policyAssignment(text: string): PolicyPatch {
  const eq = text.indexOf("=");
  if (eq <= 0) throw new DomainError("INVALID_INPUT", `Expected KEY=VALUE, got ${text}`, { field: text });
  const key = text.slice(0, eq).trim();
  const raw = text.slice(eq + 1).trim();
  const current = (DEFAULT_POLICY as unknown as Record<string, unknown>)[key];
  let value: unknown = raw;
  if (typeof current === "number") value = raw === "" ? NaN : Number(raw);
  else if (typeof current === "object") {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new DomainError("INVALID_INPUT", `${key}: not JSON`, { field: key });
    }
  }
  return { [key]: value } as PolicyPatch;
}
