/**
 * One schema per domain value, shared by the AI tools, the HTTP routes and (as types) the web
 * client. Node-free, like the rest of the domain's vocabulary.
 */
import { z } from "zod";
import { LEAVE_STATUSES, LEAVE_TYPES, LOCATION_RULES, OVERTIME_COMPENSATIONS, PUNCH_KINDS } from "./types.ts";
import { parseInstant } from "./time.ts";

/** A calendar date, "YYYY-MM-DD". */
export const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "dates are YYYY-MM-DD");
/** A month, "YYYY-MM". */
export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "month must be YYYY-MM");
/** A clock time, "HH:MM". */
export const ClockSchema = z.string().regex(/^\d{1,2}:\d{2}$/, "clock times are HH:MM");
export const LeaveTypeSchema = z.enum(LEAVE_TYPES, { error: `type is one of ${LEAVE_TYPES.join(", ")}` });
export const LeaveStatusSchema = z.enum(LEAVE_STATUSES, { error: `status is one of ${LEAVE_STATUSES.join(", ")}` });
export const HalfDaySchema = z.enum(["am", "pm"], { error: "halfDay is am or pm" });
/** An instant with a date, a time and an offset. */
export const InstantSchema = z.string().refine((s) => parseInstant(s) !== null, { message: "instants are ISO 8601 with a time and an offset, e.g. 2026-11-20T09:00+08:00" });
/** Where a punch was made: WGS-84 as browsers give it, the accuracy in metres, and whether the device says it is mocked. */
export const LocationSchema = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  accuracyM: z.number().nonnegative().optional(),
  mocked: z.boolean().optional(),
});
/** What a punch carries to show where it was made: a location, a field punch's remark, its photo (base64 JPEG or PNG). */
export const PunchPlaceSchema = z.object({
  location: LocationSchema.nullish(),
  remark: z.string().max(500).nullish(),
  // The length only bounds the work; the service checks the decoded size (2 MB) and the content.
  photo: z.string().max(4 * 1024 * 1024).nullish().describe("base64 JPEG or PNG, at most 2 MB decoded"),
});
/** An office site as HR enters it; networks are CIDR ranges of its public addresses (checked by the service). */
export const SiteSchema = z.object({
  name: z.string().trim().min(1).max(100),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  radiusM: z.number().int().min(100).max(3000).default(300),
  networks: z.array(z.string().max(50)).max(50).default([]),
  active: z.boolean().default(true),
});
/** A change to a site: any of its fields. */
export const SitePatchSchema = z.object({
  name: z.string().trim().min(1).max(100),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  radiusM: z.number().int().min(100).max(3000),
  networks: z.array(z.string().max(50)).max(50),
  active: z.boolean(),
}).partial();
export const LocationRuleSchema = z.enum(LOCATION_RULES, { error: `rule is one of ${LOCATION_RULES.join(", ")}` });
/** A department's location rule and the sites its people work at. */
export const DepartmentLocationSchema = z.object({ rule: LocationRuleSchema, sites: z.array(z.number().int().positive()).max(100).default([]) });
/** A leave request as someone files it. */
export const LeaveRequestSchema = z.object({
  type: LeaveTypeSchema,
  startDate: DaySchema,
  endDate: DaySchema.nullish(),
  halfDay: HalfDaySchema.nullish(),
  reason: z.string().max(500).nullish(),
});
/** A punch's kind: a check-in or a check-out. */
export const PunchKindSchema = z.enum(PUNCH_KINDS, { error: "kind is in or out" });
/** A correction (补卡) as the employee asks for it: the work date, the kind, the real clock time. */
export const CorrectionAskSchema = z.object({
  date: DaySchema,
  kind: PunchKindSchema,
  time: ClockSchema.describe("when the person really arrived or left, HH:MM"),
  reason: z.string().max(500).nullish(),
});
/** Overtime (加班) as the employee files it; an end at or before the start is the next morning. */
export const OvertimeAskSchema = z.object({
  date: DaySchema,
  start: ClockSchema,
  end: ClockSchema.describe("HH:MM; at or before start means the next morning"),
  compensation: z.enum(OVERTIME_COMPENSATIONS, { error: "compensation is leave or pay" }).nullish().describe("leave: compensatory days (调休); pay: overtime pay"),
  reason: z.string().max(500).nullish(),
});
/** A meeting that counts as presence, as HR sets it up: when its check-in window is open, who takes part, where it happens. */
export const MeetingSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    days: z.union([z.literal("workdays"), z.array(z.number().int().min(0).max(6)).min(1).max(7)]).default("workdays"),
    start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "clock times are HH:MM"),
    end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "clock times are HH:MM"),
    departments: z.array(z.string().min(1).max(50)).max(100).default([]),
    logins: z.array(z.string().min(1).max(100)).max(1000).default([]),
    channel: z.string().regex(/^[A-Za-z0-9 !#$%&()+\-:;<=.>?@[\]^_{|}~,]{1,64}$/, "an Agora channel name (64 characters at most)").nullish(),
    active: z.boolean().default(true),
  })
  .refine((m) => m.start < m.end, { message: "the window must end after it starts", path: ["end"] })
  .refine((m) => m.departments.length + m.logins.length > 0, { message: "give departments or logins", path: ["departments"] });
