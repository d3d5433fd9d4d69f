/**
 * Corrections (补卡) and overtime (加班) as approval kinds: shown on a card, decided from it with the
 * same service call (and checks) as the web. Leave is in approvals.ts beside the card logic.
 */
import { phrase, spokenDates, spokenNumber, type Lang } from "../agent/replies.ts";
import { SYSTEM_ACTOR } from "../attendance/permissions.ts";
import type { AttendanceServices } from "../attendance/services.ts";
import type { Employee } from "../attendance/types.ts";
import type { ApprovalKind, RequestView } from "./approvals.ts";
import { notFoundAsUndefined } from "./approvals.ts";

const nameIn = (lang: Lang, e: Employee) => (lang === "zh" ? e.name : e.nameEn);

/** The requester and their manager (who decides), as every view needs them. */
async function people(services: AttendanceServices, employeeId: number): Promise<{ requester: Employee; approver?: Employee }> {
  const requester = await services.people.employeeById(SYSTEM_ACTOR, employeeId);
  const approver = requester.managerId ? await services.people.employeeById(SYSTEM_ACTOR, requester.managerId).catch(() => undefined) : undefined;
  return { requester, approver };
}

export function correctionApprovals(services: AttendanceServices): ApprovalKind {
  return {
    async view(id): Promise<RequestView | undefined> {
      const request = await notFoundAsUndefined(services.corrections.byId(SYSTEM_ACTOR, id));
      if (!request) return undefined;
      const { requester, approver } = await people(services, request.employeeId);
      const date = (lang: Lang) => spokenDates(lang, request.date, request.date);
      const kind = (lang: Lang) => phrase(lang, `punchKind.${request.kind}`);
      return {
        requester,
        approver,
        status: request.status,
        title: (lang) => phrase(lang, "im.approval.title.correction", { name: nameIn(lang, requester) }),
        fields: (lang) => [
          { label: phrase(lang, "im.approval.dates"), value: date(lang) },
          { label: phrase(lang, "im.approval.punch"), value: `${kind(lang)} ${request.time}` },
          ...(request.reason ? [{ label: phrase(lang, "im.approval.reason"), value: request.reason }] : []),
        ],
        decisionNotice: (lang, decision, approverName) =>
          phrase(lang, `im.decision.correction.${decision === "approve" ? "approved" : "rejected"}`, { date: date(lang), kind: kind(lang), time: request.time, approver: approverName }),
      };
    },
    async decide(actor, id, decision) {
      await services.corrections.decide(actor, id, decision === "approve" ? "approved" : "rejected");
    },
    page: (id) => `/approvals?correction=${id}`,
  };
}

export function overtimeApprovals(services: AttendanceServices): ApprovalKind {
  return {
    async view(id): Promise<RequestView | undefined> {
      const request = await notFoundAsUndefined(services.overtime.byId(SYSTEM_ACTOR, id));
      if (!request) return undefined;
      const { requester, approver } = await people(services, request.employeeId);
      const date = (lang: Lang) => spokenDates(lang, request.date, request.date);
      const hours = Math.round((request.minutes / 60) * 10) / 10;
      return {
        requester,
        approver,
        status: request.status,
        title: (lang) => phrase(lang, "im.approval.title.overtime", { name: nameIn(lang, requester) }),
        fields: (lang) => [
          { label: phrase(lang, "im.approval.dates"), value: date(lang) },
          { label: phrase(lang, "im.approval.time"), value: `${request.start}-${request.end}` },
          { label: phrase(lang, "im.approval.hours"), value: phrase(lang, "im.approval.hoursValue", { hours: spokenNumber(hours) }) },
          { label: phrase(lang, "im.approval.category"), value: phrase(lang, `overtimeCategory.${request.category}`) },
          { label: phrase(lang, "im.approval.compensation"), value: phrase(lang, `compensation.${request.compensation}`) },
          ...(request.reason ? [{ label: phrase(lang, "im.approval.reason"), value: request.reason }] : []),
        ],
        decisionNotice: (lang, decision, approverName) =>
          phrase(lang, `im.decision.overtime.${decision === "approve" ? "approved" : "rejected"}`, { date: date(lang), start: request.start, end: request.end, approver: approverName }),
      };
    },
    async decide(actor, id, decision) {
      await services.overtime.decide(actor, id, decision === "approve" ? "approved" : "rejected");
    },
    page: (id) => `/approvals?overtime=${id}`,
  };
}
