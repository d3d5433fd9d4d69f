/**
 * The tools of attendance rules v2: a punch whose kind is picked, changing the last punch's kind,
 * correction (补卡) and overtime (加班) requests; and the decisions on any kind of request.
 */
import { tool, zodSchema } from "ai";
import { z } from "zod";
import { CorrectionAskSchema, OvertimeAskSchema, PunchKindSchema } from "../attendance/schemas.ts";
import type { Lang } from "./replies.ts";
import { phrase } from "./replies.ts";
import { correctionDecided, correctionFiled, kindChanged, overtimeDecided, overtimeFiled, punchReply, requestCancelled } from "./rules-replies.ts";
import * as say from "./tool-replies.ts";
import { attempt, type ToolContext, type ToolOutcome } from "./tools.ts";

const Empty = zodSchema(z.object({}));
const KindInput = zodSchema(z.object({ kind: PunchKindSchema.optional().describe("in or out; omit to switch the kind") }));
// The domain's schemas, as the model sees them: optional fields are left out rather than null.
const CorrectionInput = zodSchema(CorrectionAskSchema.extend({ reason: z.string().max(500).optional() }));
const OvertimeInput = zodSchema(OvertimeAskSchema.extend({ compensation: OvertimeAskSchema.shape.compensation.unwrap().unwrap().optional(), reason: z.string().max(500).optional() }));

/** The tools of rules v2, bound to the signed-in user. */
export function ruleTools(scope: ToolContext) {
  const { attendance, corrections, overtime, user, lang } = scope;
  return {
    punch: tool({
      description: "Record a punch now when the user did not say in or out (a bare 打卡 / punch): in when today has no check-in and the shift has not ended, else out; the reply says which and how to change it.",
      inputSchema: Empty,
      execute: () => attempt(lang, async (lang) => punchReply(lang, await attendance.punch(user, { kind: "auto", method: scope.punchMethod ?? "voice" }))),
    }),
    changePunchKind: tool({
      description: "Change the kind of the user's last punch, made minutes ago: 'make that a check-out', '改成下班卡'.",
      inputSchema: KindInput,
      execute: ({ kind }) => attempt(lang, async (lang) => kindChanged(lang, await attendance.changePunchKind(user, kind))),
    }),
    requestCorrection: tool({
      description: "Ask the user's manager to correct a missed punch (补卡) on a past workday: the date, in or out, and the real time. Only with all three known; ask otherwise.",
      inputSchema: CorrectionInput,
      execute: (input) =>
        attempt(lang, async (lang) => {
          const filed = await corrections.request(user, input);
          return correctionFiled(lang, filed, await corrections.quota(user, filed.date.slice(0, 7)));
        }),
    }),
    requestOvertime: tool({
      description: "File overtime (加班) for the user's manager to approve: the date, start and end times, and leave (调休) or pay.",
      inputSchema: OvertimeInput,
      execute: (input) => attempt(lang, async (lang) => overtimeFiled(lang, await overtime.request(user, input))),
    }),
  };
}

/** Decisions and withdrawals on any kind of request: leave, correction or overtime. */
export function decisionTools(scope: ToolContext) {
  const { leave, corrections, overtime, people, user } = scope;
  const nameOf = async (lang: Lang, employeeId: number) => {
    const who = await people.employeeById(user, employeeId);
    return lang === "zh" ? who.name : who.nameEn;
  };
  type Ref = { kind?: "leave" | "correction" | "overtime"; leaveId?: number; requestId?: number; startDate?: string; comment?: string };
  return {
    async decide(lang: Lang, ref: Ref, status: "approved" | "rejected"): Promise<ToolOutcome> {
      const id = ref.requestId ?? ref.leaveId;
      if (!id) return { ok: false, say: phrase(lang, "error.INVALID_INPUT.whichRequest"), error: { code: "INVALID_INPUT", message: "Which request: its number" } };
      if (ref.kind === "correction") {
        const c = await corrections.decide(user, id, status, ref.comment ?? null);
        return correctionDecided(lang, c, await nameOf(lang, c.employeeId));
      }
      if (ref.kind === "overtime") {
        const o = await overtime.decide(user, id, status, ref.comment ?? null);
        return overtimeDecided(lang, o, await nameOf(lang, o.employeeId));
      }
      const l = await leave.decide(user, id, status);
      return say.leaveDecided(lang, l, await people.employeeById(user, l.employeeId));
    },
    async cancel(lang: Lang, ref: Ref): Promise<ToolOutcome> {
      const service = ref.kind === "overtime" ? overtime : corrections;
      const id = ref.requestId ?? ref.leaveId ?? (ref.startDate ? (await service.pendingOn(user, ref.startDate)).id : undefined);
      if (!id) return { ok: false, say: phrase(lang, "error.INVALID_INPUT.whichRequest"), error: { code: "INVALID_INPUT", message: "Which request: its number or date" } };
      const done = await service.cancel(user, id);
      return requestCancelled(lang, ref.kind === "overtime" ? "overtime" : "correction", done.date);
    },
  };
}
