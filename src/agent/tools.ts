import { tool } from "ai";
import { z } from "zod";
import { DomainError } from "../attendance/errors.ts";
import type { LeaveService } from "../attendance/leave-service.ts";
import type { AttendanceService } from "../attendance/service.ts";
import type { Employee } from "../attendance/types.ts";
import { LEAVE_STATUSES, LEAVE_TYPES } from "../attendance/types.ts";
import type { Lang } from "./replies.ts";
import { leaveTypeName, phrase } from "./replies.ts";
import * as say from "./tool-replies.ts";

/** What every tool returns: whether it worked, a sentence to speak, and the data behind it. */
export interface ToolOutcome {
  ok: boolean;
  say: string;
  data?: unknown;
  error?: { code: string; message: string };
}

/** The tools that change records; the scorer and barge-in treat them specially. */
export const MUTATING_TOOLS = new Set(["checkIn", "checkOut", "requestLeave", "cancelLeave", "approveLeave", "rejectLeave"]);

export interface ToolContext {
  attendance: AttendanceService;
  leave: LeaveService;
  /** The signed-in user: every tool acts as them. */
  user: Employee;
  lang: Lang;
}

/** Runs a domain call; an expected failure becomes an outcome the assistant can say. */
function attempt(lang: Lang, fn: () => ToolOutcome): ToolOutcome {
  try {
    return fn();
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    const params: Record<string, unknown> = { ...err.details, message: err.message };
    if (typeof params.type === "string") params.type = leaveTypeName(lang, params.type);
    if (typeof params.status === "string") params.status = phrase(lang, `status.${params.status}`);
    if (Array.isArray(params.leaveIds)) params.leaveIds = params.leaveIds.join(", ");
    const key = `error.${err.code}`;
    const text = phrase(lang, key, params);
    return { ok: false, say: text === key ? phrase(lang, "error.other", params) : text, error: { code: err.code, message: err.message } };
  }
}

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).describe("YYYY-MM; omit for this month");
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The AI SDK tools of DESIGN.md, bound to one signed-in user. */
export function attendanceTools(ctx: ToolContext) {
  const { attendance, leave, user, lang } = ctx;
  const today = () => attendance.ctx.today();
  return {
    checkIn: tool({
      description: "Check the user in (record a punch now).",
      inputSchema: z.object({}),
      execute: async () => attempt(lang, () => say.punched(lang, "in", attendance.punch(user, { method: "voice" }))),
    }),
    checkOut: tool({
      description: "Check the user out (record a punch now).",
      inputSchema: z.object({}),
      execute: async () => attempt(lang, () => say.punched(lang, "out", attendance.punch(user, { method: "voice" }))),
    }),
    getMonthlyAttendance: tool({
      description: "The user's attendance summary for a month: required and attended days, lateness, early leave, missing punches, absence, leave, full attendance.",
      inputSchema: z.object({ month: Month.optional() }),
      execute: async ({ month }) =>
        attempt(lang, () => say.monthly(lang, attendance.monthlySummary(user, user.login, month ?? today().slice(0, 7)), today())),
    }),
    requestLeave: tool({
      description: "File a leave request for the user. Only call with a known type and start date; ask otherwise.",
      inputSchema: z.object({
        type: z.enum(LEAVE_TYPES),
        startDate: Day,
        endDate: Day.optional(),
        halfDay: z.enum(["am", "pm"]).optional(),
        reason: z.string().max(500).optional(),
      }),
      execute: async (input) =>
        attempt(lang, () => {
          const filed = leave.request(user, user.login, input);
          return say.leaveFiled(lang, filed, leave.balance(user, filed.type, Number(filed.startDate.slice(0, 4))).remaining);
        }),
    }),
    cancelLeave: tool({
      description: "Withdraw one of the user's pending or approved leave requests, by id or by a date it covers.",
      inputSchema: z.object({ leaveId: z.number().int().positive().optional(), startDate: Day.optional() }),
      execute: async (ref) => attempt(lang, () => say.leaveCancelled(lang, leave.cancel(user, ref))),
    }),
    getLeaveBalance: tool({
      description: "Leave days the user has left this year, for one type or all.",
      inputSchema: z.object({ type: z.enum(LEAVE_TYPES).optional() }),
      execute: async ({ type }) => attempt(lang, () => say.balances(lang, leave.balances(user, user.login), type)),
    }),
    listMyLeaves: tool({
      description: "The user's leave requests, optionally by status.",
      inputSchema: z.object({ status: z.enum(LEAVE_STATUSES as [string, ...string[]]).optional() }),
      execute: async ({ status }) => attempt(lang, () => say.leaveList(lang, leave.list(user, user.login, status as never), status)),
    }),
    getTeamAttendance: tool({
      description: "For managers and HR: who on the team is in, late, on leave or not yet checked in on a date (default today).",
      inputSchema: z.object({ date: Day.optional() }),
      execute: async ({ date }) => attempt(lang, () => say.team(lang, attendance.teamDay(user, date ?? today()), date ?? today(), today())),
    }),
    approveLeave: tool({
      description: "For approvers: approve a pending leave request by id.",
      inputSchema: z.object({ leaveId: z.number().int().positive() }),
      execute: async ({ leaveId }) => attempt(lang, () => say.leaveDecided(lang, leave.decide(user, leaveId, "approved"), attendance.ctx.store)),
    }),
    rejectLeave: tool({
      description: "For approvers: reject a pending leave request by id.",
      inputSchema: z.object({ leaveId: z.number().int().positive() }),
      execute: async ({ leaveId }) => attempt(lang, () => say.leaveDecided(lang, leave.decide(user, leaveId, "rejected"), attendance.ctx.store)),
    }),
  };
}

export type AttendanceTools = ReturnType<typeof attendanceTools>;
