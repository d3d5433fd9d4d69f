/**
 * Approvals in chat. A new request reaches its approver as a card; a click decides it as the
 * clicking employee through the same service call (and so the same permission checks) as the web;
 * the requester is told the decision. A click by someone who may not decide, or on a request that
 * is no longer pending, is answered on the card for that person and changes nothing.
 *
 * Each kind of request is one entry of `ApprovalKinds` (leave, correction, overtime): how to show
 * it on a card and how to decide it. Sending the card when a request is filed, and telling the
 * requester the decision, are notifications (src/notify/events.ts), whichever way it was decided.
 */
import { DomainError } from "../attendance/errors.ts";
import { SYSTEM_ACTOR } from "../attendance/permissions.ts";
import type { AttendanceServices } from "../attendance/services.ts";
import { formatClock, toLocal } from "../attendance/time.ts";
import type { Employee } from "../attendance/types.ts";
import { leaveTypeName, phrase, spokenDates, spokenNumber, type Lang } from "../agent/replies.ts";
import type { ImIdentities } from "./identities.ts";
import type { ApprovalCard, CardClick, Decision, Field, Platform } from "./message.ts";
import type { OutboxService } from "./outbox-service.ts";
import { correctionApprovals, overtimeApprovals } from "./request-approvals.ts";

/** A request as its approver sees it on a card. */
export interface RequestView {
  requester: Employee;
  /** Who should decide it (the requester's manager), if anyone. */
  approver?: Employee;
  status: string;
  /** The card's title and fields, in a language. */
  title(lang: Lang): string;
  fields(lang: Lang): Field[];
  /** What the requester is told once it is decided. */
  decisionNotice(lang: Lang, decision: Decision, approverName: string): string;
}

/** One kind of request that can be decided from a card. */
export interface ApprovalKind {
  view(id: number): Promise<RequestView | undefined>;
  /** The web app's page for the request, relative to its address. */
  page(id: number): string;
  /** Decides as `actor`, with the web's checks; throws the domain's errors. */
  decide(actor: Employee, id: number, decision: Decision): Promise<void>;
}

export type ApprovalKinds = Record<string, ApprovalKind>;

/** The kinds the product knows. */
export function approvalKinds(services: AttendanceServices): ApprovalKinds {
  return {
    leave: leaveApprovals(services),
    correction: correctionApprovals(services),
    overtime: overtimeApprovals(services),
  };
}

function leaveApprovals({ leave, people }: AttendanceServices): ApprovalKind {
  return {
    async view(id) {
      const request = await notFoundAsUndefined(leave.byId(SYSTEM_ACTOR, id));
      if (!request) return undefined;
      const requester = await people.employeeById(SYSTEM_ACTOR, request.employeeId);
      const approver = requester.managerId ? await people.employeeById(SYSTEM_ACTOR, requester.managerId).catch(() => undefined) : undefined;
      const balance = await leave.balance(SYSTEM_ACTOR, requester.login, request.type, Number(request.startDate.slice(0, 4)));
      const name = (lang: Lang) => (lang === "zh" ? requester.name : requester.nameEn);
      return {
        requester,
        approver,
        status: request.status,
        title: (lang) => phrase(lang, "im.approval.title", { name: name(lang), type: leaveTypeName(lang, request.type) }),
        fields: (lang) => [
          { label: phrase(lang, "im.approval.type"), value: leaveTypeName(lang, request.type) },
          { label: phrase(lang, "im.approval.dates"), value: spokenDates(lang, request.startDate, request.endDate, request.halfDay) },
          { label: phrase(lang, "im.approval.days"), value: spokenNumber(request.days) },
          ...(request.reason ? [{ label: phrase(lang, "im.approval.reason"), value: request.reason }] : []),
          ...(balance.remaining === null ? [] : [{ label: phrase(lang, "im.approval.balanceAfter"), value: spokenNumber(balance.remaining) }]),
        ],
        decisionNotice: (lang, decision, approverName) =>
          phrase(lang, decision === "approve" ? "im.decision.approved" : "im.decision.rejected", {
            type: leaveTypeName(lang, request.type),
            dates: spokenDates(lang, request.startDate, request.endDate, request.halfDay),
            approver: approverName,
          }),
      };
    },
    async decide(actor, id, decision) {
      await leave.decide(actor, id, decision === "approve" ? "approved" : "rejected");
    },
    page: (id) => `/leave?request=${id}`,
  };
}

/** A lookup that answers NOT_FOUND, as undefined. */
export async function notFoundAsUndefined<T>(lookup: Promise<T>): Promise<T | undefined> {
  try {
    return await lookup;
  } catch (err) {
    if (err instanceof DomainError && err.code === "NOT_FOUND") return undefined;
    throw err;
  }
}

const nameIn = (lang: Lang, e: Employee) => (lang === "zh" ? e.name : e.nameEn);

export interface ApprovalsOptions {
  services: AttendanceServices;
  kinds: ApprovalKinds;
  identities: ImIdentities;
  outbox: OutboxService;
  now: () => number;
  /** The web app's address, for platforms whose buttons open a page (DingTalk). */
  publicBaseUrl?: string;
}

export class Approvals {
  constructor(private readonly o: ApprovalsOptions) {}

  /** The card for a request in the approver's language (its buttons, or its outcome once decided). */
  card(kind: string, id: number, view: RequestView, lang: Lang, extra: Partial<ApprovalCard> = {}): ApprovalCard {
    return {
      kind: "approval",
      request: { kind, id },
      title: view.title(lang),
      fields: view.fields(lang),
      buttons: { approve: phrase(lang, "im.approval.approve"), reject: phrase(lang, "im.approval.reject") },
      ...(this.o.publicBaseUrl && this.o.kinds[kind] ? { link: `${this.o.publicBaseUrl.replace(/\/$/, "")}${this.o.kinds[kind].page(id)}` } : {}),
      ...extra,
    };
  }

  /** A request as a card shows it, or undefined for an unknown kind or id. */
  view(kind: string, id: number): Promise<RequestView | undefined> {
    return this.o.kinds[kind]?.view(id) ?? Promise.resolve(undefined);
  }

  /** A button was clicked on a card. */
  async click(platform: Platform, click: CardClick, clicker: Employee): Promise<void> {
    const kind = this.o.kinds[click.request.kind];
    if (!kind) return;
    const { id } = click.request;
    const lang = clicker.language;
    const view = await kind.view(id);
    const key = `click:${platform}:${click.eventId}`;
    const answer = (note: string, card = view) =>
      card
        ? this.o.outbox.update(platform, click.card, this.card(click.request.kind, id, card, lang, { note }), key, { to: "user", id: click.sender })
        : this.o.outbox.reply(platform, click.replyTo, { kind: "text", text: note }, key);
    if (!view) return void (await answer(phrase(lang, "im.approval.gone")));
    try {
      await kind.decide(clicker, id, click.decision);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      if (err.code === "LEAVE_NOT_PENDING" || err.code === "REQUEST_NOT_PENDING") return void (await answer(phrase(lang, "im.approval.alreadyDecided", { status: phrase(lang, `status.${view.status}`) })));
      const approver = view.approver ? nameIn(lang, view.approver) : "HR";
      return void (await answer(phrase(lang, "im.approval.notYours", { approver })));
    }
    const timeZone = (await this.o.services.attendance.policy(SYSTEM_ACTOR)).timeZone;
    const time = formatClock(toLocal(this.o.now(), timeZone).minuteOfDay);
    const outcome = phrase(lang, click.decision === "approve" ? "im.approval.approved" : "im.approval.rejected", { approver: nameIn(lang, clicker), time });
    // The requester hears of it from the service's requestDecided event, as for a decision on the web.
    await this.o.outbox.update(platform, click.card, this.card(click.request.kind, id, view, lang, { outcome }), key);
  }
}
