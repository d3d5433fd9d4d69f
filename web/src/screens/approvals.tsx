/**
 * A manager's one queue: leave, corrections (补卡) and overtime (加班) waiting for them, oldest
 * first, each with who asked, what for and why; approve, or reject with a reason.
 */
import { useState } from "preact/hooks";
import { api, type Approvals, type RequestKind } from "../api.ts";
import { typeName } from "../components/Badge.tsx";
import { Field } from "../components/Field.tsx";
import { Load } from "../components/Load.tsx";
import { Status, type StatusMessage } from "../components/Status.tsx";
import { useApp, useTitle } from "../context.ts";
import { useLoad } from "../hooks.ts";
import { errorText } from "../i18n/errors.ts";
import { fmtDate, fmtNumber, fmtRange, getLang, t, type Key } from "../i18n/index.ts";

/** One request in the queue, whatever its kind, as the page shows it. */
interface Item {
  kind: RequestKind;
  id: number;
  login: string;
  name: string;
  /** What is asked, in words: "Annual leave, Oct 20 – Oct 21 (2 d)". */
  what: string;
  reason: string | null;
  /** When it was filed, for the order. */
  createdAtMs: number;
  /** Whether a rejection can carry a reason the requester sees. */
  takesComment: boolean;
  /** A field punch's place on a map, for the manager to judge. */
  mapLink?: string | null;
}

const kindWord = (kind: "in" | "out") => t(kind === "in" ? "today.kind.in" : "today.kind.out");
const who = (p: { name: string; nameEn?: string }) => (getLang() === "en" && p.nameEn ? p.nameEn : p.name);

/** An instant as the organisation's clock shows it: "Oct 15, 09:12". */
function orgTime(ms: number, timeZone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return { date: `${get("year")}-${get("month")}-${get("day")}`, time: `${get("hour")}:${get("minute")}` };
}

export function queueItems(a: Approvals, timeZone: string): Item[] {
  const items: Item[] = [
    ...a.leave.map((l) => ({
      kind: "leave" as const,
      id: l.id,
      login: l.login,
      name: who(l),
      what: t("approvals.leave", { type: typeName(l.type), dates: fmtRange(l.startDate, l.endDate), days: fmtNumber(l.days) }) + (l.halfDay ? ` (${t(`leave.halfDay.${l.halfDay}` as Key)})` : ""),
      reason: l.reason,
      createdAtMs: l.createdAtMs,
      takesComment: false,
    })),
    ...a.corrections.map((c) => ({
      kind: "correction" as const,
      id: c.id,
      login: c.login,
      name: who(c),
      what: t("approvals.correction", { date: fmtDate(c.date), kind: kindWord(c.kind), time: c.time }),
      reason: c.reason,
      createdAtMs: c.createdAtMs,
      takesComment: true,
    })),
    ...a.overtime.map((o) => ({
      kind: "overtime" as const,
      id: o.id,
      login: o.login,
      name: who(o),
      what: t("approvals.overtime", { date: fmtDate(o.date), start: o.start, end: o.end, minutes: o.minutes, compensation: t(`day.compensation.${o.compensation}` as Key) }),
      reason: o.reason,
      createdAtMs: o.createdAtMs,
      takesComment: true,
    })),
    ...a.fieldPunches.map((f) => {
      const at = orgTime(f.atMs, timeZone);
      const where = f.site ? t("approvals.fieldWhere", { distance: f.distanceM ?? "?", site: f.site }) : "";
      // A field punch has a remark; a punch sent after a time offline may have none, and says when it came.
      const made = f.remark !== null ? t("approvals.field", { kind: kindWord(f.kind), date: fmtDate(at.date), time: at.time }) + where : t("approvals.punch", { kind: kindWord(f.kind), date: fmtDate(at.date), time: at.time });
      const late = f.arrivedLate ? t("approvals.lateArrival", { received: orgTime(f.receivedMs, timeZone).time }) : "";
      return {
        kind: "field" as const,
        id: f.id,
        login: f.login,
        name: who(f),
        what: made + late,
        reason: f.remark,
        createdAtMs: f.atMs,
        takesComment: false,
        mapLink: f.mapLink,
      };
    }),
  ];
  return items.sort((x, y) => x.createdAtMs - y.createdAtMs);
}

function ApprovalCard({ item, onDone }: { item: Item; onDone(text: string): void }) {
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const label = { name: item.name, what: item.what };
  async function decide(decision: "approve" | "reject"): Promise<void> {
    setBusy(true);
    setMessage(null);
    try {
      await api.decide(item.kind, item.id, decision, comment.trim());
      onDone(t(decision === "approve" ? "approvals.approved" : "approvals.rejected", label));
    } catch (error) {
      setMessage({ text: errorText(error), kind: "error" });
      setBusy(false);
    }
  }
  const titleId = `approval-${item.kind}-${item.id}`;
  return (
    <li class="card approval" data-kind={item.kind} data-id={item.id} data-login={item.login} aria-labelledby={titleId}>
      <h3 id={titleId}>
        <span class={`badge rk-${item.kind}`}>{t(`approvals.kind.${item.kind}` as Key)}</span> {item.name} <span class="muted">({item.login})</span>
      </h3>
      <p class="what">{item.what}</p>
      {item.reason ? <p class="reason">{t("approvals.reason", { reason: item.reason })}</p> : null}
      {item.mapLink ? (
        <p>
          <a href={item.mapLink} target="_blank" rel="noopener noreferrer">
            {t("approvals.map")}
          </a>
        </p>
      ) : null}
      {item.takesComment ? (
        <Field label={t("approvals.comment")}>
          <input maxLength={500} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
        </Field>
      ) : null}
      <div class="row">
        <button type="button" class="primary" disabled={busy} aria-label={t("approvals.approveLabel", label)} onClick={() => void decide("approve")}>
          {t("team.approve")}
        </button>
        <button type="button" class="danger" disabled={busy} aria-label={t("approvals.rejectLabel", label)} onClick={() => void decide("reject")}>
          {t("team.reject")}
        </button>
      </div>
      <Status message={message} />
    </li>
  );
}

export function ApprovalsScreen() {
  useTitle(t("approvals.title"));
  const { me } = useApp();
  const queue = useLoad(() => api.approvals(), []);
  const [message, setMessage] = useState<StatusMessage | null>(null);
  return (
    <section class="approvals" aria-labelledby="approvals-title">
      <h1 id="approvals-title">{t("approvals.title")}</h1>
      <Status message={message} />
      <Load state={queue} empty={(a) => !queueItems(a, me.timeZone).length && t("team.noPending")}>
        {(a) => (
          <ul class="approval-list">
            {queueItems(a, me.timeZone).map((item) => (
              <ApprovalCard
                key={`${item.kind}-${item.id}`}
                item={item}
                onDone={(text) => {
                  setMessage({ text, kind: "ok" });
                  queue.reload();
                }}
              />
            ))}
          </ul>
        )}
      </Load>
    </section>
  );
}
