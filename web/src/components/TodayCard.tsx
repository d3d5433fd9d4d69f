/**
 * The truth about today, on top of the assistant and attendance screens: the shift, the punches
 * with their times and kinds, the status (on time / late N min / on leave / rest day), and one
 * smart button whose label says what it will record. After a punch it shows the server's own
 * sentence, and offers to change the kind while the policy allows.
 */
import { useEffect, useState } from "preact/hooks";
import { api, type DayRecord, type SmartPunchResult } from "../api.ts";
import { useApp } from "../context.ts";
import { isNetworkError } from "../i18n/errors.ts";
import { onQueueOutcome, PhotoTooLargeToKeep, queuePunch, type QueuedPunch, type QueueOutcome } from "../offline-punches.ts";
import { QueuedPunches, queuedKind, queuedTime } from "./QueuedPunches.tsx";
import { useLoad } from "../hooks.ts";
import { errorText } from "../i18n/errors.ts";
import { fmtDate, fmtMinute, getLang, t, type Key } from "../i18n/index.ts";
import { Field } from "./Field.tsx";
import { Load } from "./Load.tsx";
import { PhotoField } from "./PhotoField.tsx";
import { planPunch, type PunchLocation } from "./punch-place.ts";
import { Status, type StatusMessage } from "./Status.tsx";

/** Today's standing in words. */
export function dayStanding(day: DayRecord): string {
  if (day.leave && day.leave.halfDay === null) return t("today.onLeave", { type: t(`leaveType.${day.leave.type}` as Key) });
  if (!day.workday) return day.holidayName ? t("today.holiday", { name: day.holidayName }) : t("today.restDay");
  if (day.absentLate) return t("today.absentLate", { n: day.lateByMinutes });
  if (day.lateMinutes > 0) return t("today.late", { n: day.lateMinutes });
  if (day.inMinute !== null) return t("today.onTime");
  return t(`status.${day.status}` as Key);
}

/** A day's punches as "in 09:20 · out 18:05", each with its kind. */
export function PunchList({ day }: { day: DayRecord }) {
  if (!day.punches.length) return <p class="muted">{t("today.noPunch")}</p>;
  return (
    <ul class="punches">
      {day.punches.map((p) => (
        <li data-kind={p.kind}>
          <span class={`badge kind-${p.kind}`}>{t(p.kind === "in" ? "today.kind.in" : "today.kind.out")}</span> <time>{fmtMinute(p.minute)}</time>
          {p.method ? <span class="muted"> · {t(`method.${p.method}` as Key)}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** A refusal the page words itself (from the server's answer or the browser's). */
class Refusal extends Error {}

/** What became of a punch sent after a time offline, in the page's language. */
function outcomeMessage(outcome: QueueOutcome, timeZone: string): StatusMessage {
  const about = { kind: queuedKind(outcome.punch.kind), time: queuedTime(outcome.punch.at, timeZone) };
  return "result" in outcome
    ? { text: t("offline.sent", { ...about, sentence: outcome.result.sentence[getLang()] }), kind: "ok" }
    : { text: t("offline.refused", { ...about, reason: errorText(outcome.error) }), kind: "error" };
}

export function TodayCard({ onPunched, withLocation, compact }: { onPunched?: () => void; withLocation?: boolean; /** One row, for the assistant screen. */ compact?: boolean }) {
  const { me } = useApp();
  const today = useLoad(() => api.today(), []);
  const place = useLoad(() => api.myPlace(), []);
  /** A field punch's photo, base64. */
  const [photo, setPhoto] = useState<string | null>(null);
  const [useLocation, setUseLocation] = useState(false);
  /** A field punch's remark, asked for once the server says the punch is outside every site. */
  const [remark, setRemark] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The last punch, and until when (on this device's clock) its kind may still change. */
  const [last, setLast] = useState<(SmartPunchResult & { changeableHereUntil: number }) | null>(null);
  const [message, setMessage] = useState<StatusMessage | null>(null);
  /** The punch just kept on this device (worded as it renders, so a language switch follows). */
  const [kept, setKept] = useState<QueuedPunch | null>(null);
  // A punch kept offline reaches the server later: the card shows what it recorded.
  useEffect(
    () =>
      onQueueOutcome((outcome) => {
        setKept(null);
        setMessage(outcomeMessage(outcome, me.timeZone));
        today.reload();
        onPunched?.();
      }),
    [],
  );

  async function run(call: () => Promise<SmartPunchResult | { kind: string; minute: number } | QueuedPunch>, sentence: (r: any) => string): Promise<void> {
    setBusy(true);
    setMessage(null);
    setKept(null);
    try {
      const result = await call();
      setBusy(false);
      if ("key" in result) return setKept(result);
      setMessage({ text: sentence(result), kind: "ok" });
      // The window is the server's (changeableUntilMs on its clock), counted from now on ours.
      if ("sentence" in result) setLast({ ...result, changeableHereUntil: Date.now() + result.changeableUntilMs - result.punch.atMs });
      else setLast(null);
      today.reload();
      onPunched?.();
    } catch (error) {
      setMessage({ text: error instanceof Refusal ? error.message : errorText(error), kind: "error" });
    } finally {
      setBusy(false);
    }
  }
  // The device is asked for its location only when the person's rule needs it (or they ask to
  // attach it); outside every site under siteOrField, the card asks for a remark first.
  // Without a connection the punch is kept on this device, as the kind the button said, and sent later.
  const punch = (kind: "in" | "out") =>
    run(
      async () => {
        const plan = await planPunch(place.data?.rule, { attach: useLocation, remark, say: (text) => setMessage({ text }) });
        if ("stop" in plan) {
          if (plan.askRemark) setRemark(remark ?? "");
          throw new Refusal(plan.stop);
        }
        const punchPlace = { location: plan.location, remark: remark ?? undefined, photo: photo ?? undefined };
        if (!navigator.onLine) return keep(kind, punchPlace);
        let result: SmartPunchResult;
        try {
          result = await api.smartPunch("auto", punchPlace);
        } catch (error) {
          if (isNetworkError(error)) return keep(kind, punchPlace);
          throw error;
        }
        return plan.notice ? { ...result, notice: plan.notice } : result;
      },
      (r: SmartPunchResult & { notice?: string }) => {
        setRemark(null);
        setPhoto(null);
        return r.notice ? `${r.notice} ${r.sentence[getLang()]}` : r.sentence[getLang()];
      },
    );
  /** Keeps a punch on this device, its photo too; one whose photo does not fit is not kept, and the form stays as typed. */
  function keep(kind: "in" | "out", punchPlace: { location?: PunchLocation; remark?: string; photo?: string }): QueuedPunch {
    try {
      return queuePunch(me.login, kind, punchPlace);
    } catch (error) {
      if (error instanceof PhotoTooLargeToKeep) throw new Refusal(t("offline.photoTooLarge"));
      throw error;
    }
  }
  const other = last && (last.kind === "in" ? "out" : "in");
  const changeKind = () => run(() => api.changeLastPunchKind(other!), (r: { kind: string; minute: number }) => t("today.kindChanged", { time: fmtMinute(r.minute), kind: t(r.kind === "in" ? "today.kind.in" : "today.kind.out") }));

  return (
    <section class={`card today${compact ? " compact" : ""}`} aria-labelledby="today-title">
      <Load state={today}>
        {({ day, next }) => (
          <>
            <div class="today-head">
              <h2 id="today-title">{t("today.title", { date: fmtDate(day.date) })}</h2>
              <span class={`badge st-${day.status}`} data-status={day.status}>
                {dayStanding(day)}
              </span>
            </div>
            <p class="shift">{day.workday ? t("today.shift", { start: day.shiftStart, end: day.shiftEnd }) : t("today.noShift")}</p>
            <PunchList day={day} />
            {remark !== null ? (
              <Field label={t("today.remark")} hint={t("today.remarkHint")}>
                <input maxLength={500} value={remark} onInput={(e) => setRemark(e.currentTarget.value)} />
              </Field>
            ) : null}
            {remark !== null ? <PhotoField onPhoto={setPhoto} onProblem={(text) => setMessage({ text, kind: "error" })} /> : null}
            <button type="button" class="primary punch-button" data-kind={next.auto} disabled={busy} onClick={() => void punch(next.auto)}>
              {t(next.auto === "in" ? "today.punchIn" : "today.punchOut")}
            </button>
            {withLocation && place.data?.rule === "none" ? (
              <label class="check">
                <input type="checkbox" checked={useLocation} onChange={(e) => setUseLocation(e.currentTarget.checked)} /> {t("attendance.useLocation")}
              </label>
            ) : null}
            <Status message={kept ? { text: t("offline.queued", { kind: queuedKind(kept.kind), time: queuedTime(kept.at, me.timeZone) }) } : message} />
            {last && other && !last.duplicate && Date.now() < last.changeableHereUntil ? (
              <button type="button" class="link" disabled={busy} onClick={() => void changeKind()}>
                {t(other === "in" ? "today.changeToIn" : "today.changeToOut")}
              </button>
            ) : null}
          </>
        )}
      </Load>
      <QueuedPunches login={me.login} timeZone={me.timeZone} />
    </section>
  );
}
