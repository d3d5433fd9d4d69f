import { tool, zodSchema } from "ai";
import { z } from "zod";
import { DomainError } from "../attendance/errors.ts";
import type { AttendanceServices } from "../attendance/services.ts";
import type { PlaceEvidence } from "../attendance/places.ts";
import type { Employee, PunchMethod } from "../attendance/types.ts";
import { DaySchema, HalfDaySchema, LeaveStatusSchema, LeaveTypeSchema, MonthSchema } from "../attendance/schemas.ts";
import type { Lang } from "./replies.ts";
import { parseClock } from "../attendance/time.ts";
import { hasPhrase, leaveTypeName, phrase, spokenDates, spokenTime } from "./replies.ts";
import * as answer from "./query-replies.ts";
import { notVisible, queryTools, resolvePerson } from "./query-tools.ts";
import { punchReply, spokenDistance } from "./rules-replies.ts";
import { decisionTools, ruleTools } from "./rules-tools.ts";
import * as say from "./tool-replies.ts";

/** What every tool returns: whether it worked, a sentence to speak, and the data behind it. */
export interface ToolOutcome {
  ok: boolean;
  say: string;
  data?: unknown;
  error?: { code: string; message: string };
}

/** The tools that change records; the scorer and barge-in treat them specially. */
export const MUTATING_TOOLS = new Set([
  "checkIn",
  "checkOut",
  "punch",
  "changePunchKind",
  "requestLeave",
  "cancelLeave",
  "amendLeave",
  "approveLeave",
  "rejectLeave",
  "requestCorrection",
  "requestOvertime",
]);

export interface ToolContext extends AttendanceServices {
  /** The signed-in user: every tool acts as them. */
  user: Employee;
  /** The language of the turn being answered (tools live as long as the conversation). */
  lang: () => Lang;
  /** How a punch made by this conversation is recorded: `voice` (default), `im` from a chat. */
  punchMethod?: PunchMethod;
  /** Where a punch made now is: a location the person shared in the chat a moment ago. */
  place?: () => PlaceEvidence | undefined;
}

/** Runs a domain call; an expected failure becomes an outcome the assistant can say. */
export async function attempt(langOf: () => Lang, fn: (lang: Lang) => Promise<ToolOutcome>): Promise<ToolOutcome> {
  const lang = langOf();
  try {
    return await fn(lang);
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return failure(lang, err);
  }
}

/** A domain failure worded for the user: what went wrong and what to do instead. */
function failure(lang: Lang, err: DomainError): ToolOutcome {
  const params: Record<string, unknown> = { ...err.details, message: err.message };
  if (typeof params.type === "string") params.type = leaveTypeName(lang, params.type);
  if (typeof params.status === "string") params.status = phrase(lang, `status.${params.status}`);
  if (Array.isArray(params.leaveIds)) params.leaveIds = params.leaveIds.join(", ");
  if (params.kind === "in" || params.kind === "out") params.kind = phrase(lang, `punchKind.${params.kind}`);
  if (typeof params.distanceM === "number") params.distance = spokenDistance(lang, params.distanceM);
  for (const k of ["time", "end"]) if (typeof params[k] === "string" && /^\d\d:\d\d$/.test(params[k] as string)) params[k] = spokenTime(lang, parseClock(params[k] as string));
  for (const k of ["startDate", "endDate", "date", "hireDate"]) if (typeof params[k] === "string") params[k] = spokenDates(lang, params[k] as string, params[k] as string);
  // The most specific wording there is: by code and variant, by code, or a general one.
  const keys = [err.details.what && `error.${err.code}.${err.details.what}`, `error.${err.code}`, "error.other"].filter(Boolean) as string[];
  const key = keys.find((k) => hasPhrase(lang, k))!;
  return { ok: false, say: phrase(lang, key, params), error: { code: err.code, message: err.message } };
}

// Schemas are wrapped once at module level: a wrapped schema keeps its JSON Schema, where a bare
// zod schema would be converted again on every step of every turn.
// The domain's own schemas (the routes use the same), as the model sees them: optional fields are
// left out rather than null.
const Month = MonthSchema.describe("YYYY-MM; omit for this month");
const Day = DaySchema;

const Empty = zodSchema(z.object({}));
const PunchArgs = zodSchema(
  z.object({ bare: z.boolean().optional().describe("true when the user did not say in or out (a bare 打卡 / punch) and the direction was inferred") }),
);
const Person = z.string().min(1).max(60).describe("someone else the user asks about, by name as said; omit for the user");
const MonthInput = zodSchema(z.object({
  month: Month.optional(),
  employee: Person.optional(),
  focus: z.enum(["missing", "late", "early", "absent"]).optional().describe("the one figure asked about, said first"),
}));
const LeaveInput = zodSchema(z.object({
  type: LeaveTypeSchema,
  startDate: Day,
  endDate: Day.optional(),
  halfDay: HalfDaySchema.optional(),
  reason: z.string().max(500).optional(),
}));
const RequestKind = z.enum(["leave", "correction", "overtime"]).describe("which kind of request; default leave");
const LeaveRef = zodSchema(
  z.object({ kind: RequestKind.optional(), leaveId: z.number().int().positive().optional(), requestId: z.number().int().positive().optional(), startDate: Day.optional() }),
);
const TypeInput = zodSchema(z.object({ type: LeaveTypeSchema.optional() }));
const StatusInput = zodSchema(z.object({ status: LeaveStatusSchema.optional() }));
const TeamInput = zodSchema(z.object({
  date: Day.optional(),
  department: z.string().min(1).max(60).optional().describe("for HR: one department, by name as said"),
  employee: Person.optional(),
}));
const AmendInput = zodSchema(z.object({
  leaveId: z.number().int().positive().optional().describe("the request to replace, by id"),
  startDate: Day.optional().describe("or by its start date"),
  type: LeaveTypeSchema,
  newStartDate: Day,
  newEndDate: Day.optional(),
  halfDay: HalfDaySchema.optional(),
  reason: z.string().max(500).optional(),
}));
const RequestRef = zodSchema(
  z.object({ kind: RequestKind.optional(), leaveId: z.number().int().positive().optional(), requestId: z.number().int().positive().optional(), comment: z.string().max(500).optional() }),
);

/** The AI SDK tools of DESIGN.md, bound to one signed-in user. They call the services only. */
export function attendanceTools(scope: ToolContext) {
  const { attendance, leave, user, lang } = scope;
  // A bare "打卡" the understanding resolved to in or out is answered as an auto punch: the reply names
  // the kind recorded and the words that change it.
  const punch = async (lang: Lang, kind: "in" | "out", bare?: boolean) => {
    const r = await attendance.punch(user, { ...scope.place?.(), kind, method: scope.punchMethod ?? "voice" });
    return punchReply(lang, bare ? { ...r, intent: "auto" } : r);
  };
  const decide = decisionTools(scope);
  // Someone the user names: only among the people they may see (an employee sees no one else).
  const person = async (name: string) => {
    try {
      return await resolvePerson(scope, user, name);
    } catch (err) {
      throw notVisible(err, name) ?? err;
    }
  };
  return {
    ...queryTools(scope, user, lang, attempt),
    ...ruleTools(scope),
    checkIn: tool({
      description: "Check the user in (record a punch now).",
      inputSchema: PunchArgs,
      execute: ({ bare }) => attempt(lang, (lang) => punch(lang, "in", bare)),
    }),
    checkOut: tool({
      description: "Check the user out (record a punch now).",
      inputSchema: PunchArgs,
      execute: ({ bare }) => attempt(lang, (lang) => punch(lang, "out", bare)),
    }),
    getMonthlyAttendance: tool({
      description:
        "A month's attendance summary: required and attended days, lateness, early leave, missing punches, absence, leave, full attendance. The user's own, or (for managers and HR) a named person's.",
      inputSchema: MonthInput,
      execute: ({ month, employee, focus }) =>
        attempt(lang, async (lang) => {
          const today = await attendance.today();
          const who = employee ? await person(employee) : user;
          const summary = await attendance.monthlySummary(user, who.login, month ?? today.slice(0, 7));
          return answer.month(lang, summary, today, { who: who.id === user.id ? undefined : who, focus });
        }),
    }),
    requestLeave: tool({
      description: "File a leave request for the user. Only call with a known type and start date; ask otherwise.",
      inputSchema: LeaveInput,
      execute: (input) =>
        attempt(lang, async (lang) => {
          const filed = await leave.request(user, user.login, input);
          return say.leaveFiled(lang, filed, (await leave.balance(user, user.login, filed.type, Number(filed.startDate.slice(0, 4)))).remaining);
        }),
    }),
    amendLeave: tool({
      description:
        "Replace one of the user's pending or approved leave requests (by id or start date) with new dates or type, in one step: for 'change it to Thursday', 'make it the morning only', 'I meant sick leave'.",
      inputSchema: AmendInput,
      execute: ({ leaveId, startDate, newStartDate, newEndDate, ...rest }) =>
        attempt(lang, async (lang) => {
          const { before, after } = await leave.amend(user, { leaveId, startDate }, { ...rest, startDate: newStartDate, endDate: newEndDate });
          return answer.leaveAmended(lang, before, after, (await leave.balance(user, user.login, after.type, Number(after.startDate.slice(0, 4)))).remaining);
        }),
    }),
    cancelLeave: tool({
      description: "Withdraw one of the user's requests: leave (pending, or approved and not started) by id or a date it covers; a pending correction or overtime (kind) by id or date.",
      inputSchema: LeaveRef,
      execute: (ref) =>
        attempt(lang, async (lang) => (ref.kind && ref.kind !== "leave" ? decide.cancel(lang, ref) : say.leaveCancelled(lang, await leave.cancel(user, { leaveId: ref.leaveId ?? ref.requestId, startDate: ref.startDate }, { ownOnly: true })))),
    }),
    getLeaveBalance: tool({
      description: "Leave days the user has left this year, for one type or all.",
      inputSchema: TypeInput,
      execute: ({ type }) => attempt(lang, async (lang) => say.balances(lang, await leave.balances(user, user.login), type)),
    }),
    listMyLeaves: tool({
      description: "The user's leave requests, optionally by status.",
      inputSchema: StatusInput,
      execute: ({ status }) => attempt(lang, async (lang) => say.leaveList(lang, await leave.list(user, user.login, status), status)),
    }),
    getTeamAttendance: tool({
      description:
        "For managers and HR: who on the team is in, late, on leave or not yet checked in on a date (default today); for HR one department; or one named person's day.",
      inputSchema: TeamInput,
      execute: ({ date, department, employee }) =>
        attempt(lang, async (lang) => {
          const today = await attendance.today();
          const day = date ?? today;
          if (employee) {
            const who = await person(employee);
            const m = (await attendance.teamDay(user, day)).find((x) => x.login === who.login);
            if (!m) throw new DomainError("NOT_FOUND", `${employee} is not on your team`, { what: "person", name: employee });
            return answer.memberDay(lang, m, day, today);
          }
          if (department) {
            const d = (await attendance.departmentsDay(user, day)).find((x) => [x.name, x.nameEn.toLowerCase(), x.code.toLowerCase()].some((n) => n.includes(department.toLowerCase()) || department.toLowerCase().includes(n)));
            if (!d) throw new DomainError("NOT_FOUND", `No department ${department}`, { what: "department", department });
            return answer.departmentDay(lang, d, day, today);
          }
          return say.team(lang, await attendance.teamDay(user, day), day, today);
        }),
    }),
    approveLeave: tool({
      description: "For approvers: approve a pending request by id: leave (default), a correction or overtime (kind).",
      inputSchema: RequestRef,
      execute: (ref) => attempt(lang, (lang) => decide.decide(lang, ref, "approved")),
    }),
    rejectLeave: tool({
      description: "For approvers: reject a pending request by id: leave (default), a correction or overtime (kind).",
      inputSchema: RequestRef,
      execute: (ref) => attempt(lang, (lang) => decide.decide(lang, ref, "rejected")),
    }),
  };
}

export type AttendanceTools = ReturnType<typeof attendanceTools>;
