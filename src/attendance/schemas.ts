/**
 * One schema per domain value, shared by the AI tools, the HTTP routes and (as types) the web
 * client. Node-free, like the rest of the domain's vocabulary.
 */
import { z } from "zod";
import { LEAVE_STATUSES, LEAVE_TYPES } from "./types.ts";
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
/** Where a punch was made. */
export const LocationSchema = z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180), accuracyM: z.number().nonnegative().optional() });
/** A leave request as someone files it. */
export const LeaveRequestSchema = z.object({
  type: LeaveTypeSchema,
  startDate: DaySchema,
  endDate: DaySchema.nullish(),
  halfDay: HalfDaySchema.nullish(),
  reason: z.string().max(500).nullish(),
});
