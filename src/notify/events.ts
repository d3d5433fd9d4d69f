/**
 * Notifications the domain's events cause: a new leave, correction or overtime request reaches its
 * approver at once (in chat as the card with buttons, by email or in the app), quiet hours or not;
 * a decision, from a card or the web, reaches the requester, in chat or by email after the quiet
 * hours when it was taken in them. Each once per request.
 */
import { phrase } from "../agent/replies.ts";
import { SYSTEM_ACTOR } from "../attendance/permissions.ts";
import type { AttendanceServices } from "../attendance/services.ts";
import type { Employee, ReminderRule } from "../attendance/types.ts";
import type { Approvals, RequestView } from "../im/approvals.ts";
import { plainText } from "../im/message.ts";
import type { Notifier } from "./notifier.ts";
import { quietHoursEnd } from "./quiet-hours.ts";
import { ruleFor } from "./rules.ts";

export class RequestNotices {
  constructor(
    private readonly services: AttendanceServices,
    private readonly approvals: Approvals,
    private readonly notifier: Notifier,
    private readonly now: () => number,
  ) {}

  /** A request was filed: its approver hears of it. */
  async filed(kind: string, id: number): Promise<void> {
    const view = await this.approvals.view(kind, id);
    const approver = view?.approver;
    if (!view || !approver || view.status !== "pending" || !(await this.on(approver, "approvalPending"))) return;
    const lang = approver.language;
    const card = this.approvals.card(kind, id, view, lang);
    const text = `${plainText(card)}\n${phrase(lang, "notify.approvalPending", { title: view.title(lang) })}`;
    await this.notifier.deliver(approver, { rule: "approvalPending", occasion: `${kind}:${id}`, message: { kind: "text", subject: phrase(lang, "notify.subject.approvalPending"), text }, chat: card });
  }

  /** A request was decided: its requester hears who decided and how. */
  async decided(kind: string, id: number, status: "approved" | "rejected", approverId: number): Promise<void> {
    const view: RequestView | undefined = await this.approvals.view(kind, id);
    if (!view || !(await this.on(view.requester, "decision"))) return;
    const notBefore = quietHoursEnd(await this.services.attendance.policy(SYSTEM_ACTOR), this.now());
    const lang = view.requester.language;
    const approver = approverId ? await this.services.people.employeeById(SYSTEM_ACTOR, approverId).catch(() => undefined) : undefined;
    const name = approver ? (lang === "zh" ? approver.name : approver.nameEn) : "HR";
    const text = view.decisionNotice(lang, status === "approved" ? "approve" : "reject", name);
    await this.notifier.deliver(view.requester, { rule: "decision", occasion: `${kind}:${id}`, message: { kind: "text", subject: phrase(lang, "notify.subject.decision"), text }, notBefore });
  }

  private async on(person: Employee, rule: ReminderRule): Promise<boolean> {
    const [policy, department] = await Promise.all([this.services.attendance.policy(SYSTEM_ACTOR), this.services.people.department(person)]);
    return ruleFor(policy, department?.code, rule).on;
  }
}
