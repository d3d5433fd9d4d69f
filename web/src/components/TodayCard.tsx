/**
 * The truth about today, on top of the assistant and attendance screens: the shift, the punches
 * with their times and kinds, the status (on time / late N min / on leave / rest day), and one
 * smart button whose label says what it will record. After a punch it shows the server's own
 * sentence, and offers to change the kind while the policy allows.
 */
import { useState } from "preact/hooks";
import { api, ApiError, type DayRecord, type SmartPunchResult } from "../api.ts";
import { useLoad } from "../hooks.ts";
import { errorText } from "../i18n/errors.ts";
import { fmtDate, fmtMinute, getLang, t, type Key } from "../i18n/index.ts";
import { Field } from "./Field.tsx";
import { Load } from "./Load.tsx";
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

function position(): Promise<GeolocationPosition> {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) return reject(new Error("geolocation unavailable"));
    navigator.geolocation.getCurrentPosition(resolve, reject, { enableHighAccuracy: true, timeout: 8000, maximumAge: 60_000 });
  });
}

/** The device's location for a punch, or undefined (said in `say`) when it is not shared. */
async function punchLocation(say: (m: StatusMessage) => void): Promise<{ latitude: number; longitude: number; accuracyM?: number } | undefined> {
  say({ text: t("attendance.locating") });
  try {
    const p = await position();
    return { latitude: p.coords.latitude, longitude: p.coords.longitude, accuracyM: Math.round(p.coords.accuracy) };
  } catch (error) {
    say({ text: t("attendance.noLocation", { message: (error as Error).message }) });
    return undefined;
  }
}

export function TodayCard({ onPunched, withLocation, compact }: { onPunched?: () => void; withLocation?: boolean; /** One row, for the assistant screen. */ compact?: boolean }) {
  const today = useLoad(() => api.today(), []);
  const [useLocation, setUseLocation] = useState(false);
  /** A field punch's remark, asked for once the server says the punch is outside every site. */
  const [remark, setRemark] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The last punch, and until when (on this device's clock) its kind may still change. */
  const [last, setLast] = useState<(SmartPunchResult & { changeableHereUntil: number }) | null>(null);
  const [message, setMessage] = useState<StatusMessage | null>(null);

  async function run(call: () => Promise<SmartPunchResult | { kind: string; minute: number }>, sentence: (r: any) => string): Promise<void> {
    setBusy(true);
    setMessage(null);
    try {
      const result = await call();
      setBusy(false);
      setMessage({ text: sentence(result), kind: "ok" });
      // The window is the server's (changeableUntilMs on its clock), counted from now on ours.
      if ("sentence" in result) setLast({ ...result, changeableHereUntil: Date.now() + result.changeableUntilMs - result.punch.atMs });
      else setLast(null);
      today.reload();
      onPunched?.();
    } catch (error) {
      setMessage({ text: errorText(error), kind: "error" });
    } finally {
      setBusy(false);
    }
  }
  // Where the department's rule needs a location (LOCATION_REQUIRED), the punch asks the device
  // for it and tries again; outside every site (FIELD_REMARK_REQUIRED) it asks for a remark.
  const punch = () =>
    run(
      async () => {
        const location = useLocation || remark !== null ? await punchLocation(setMessage) : undefined;
        try {
          return await api.smartPunch("auto", { location, remark: remark ?? undefined });
        } catch (error) {
          if (error instanceof ApiError && error.code === "LOCATION_REQUIRED" && !location) return api.smartPunch("auto", { location: await punchLocation(setMessage) });
          if (error instanceof ApiError && error.code === "FIELD_REMARK_REQUIRED") setRemark(remark ?? "");
          throw error;
        }
      },
      (r: SmartPunchResult) => {
        setRemark(null);
        return r.sentence[getLang()];
      },
    );
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
            <button type="button" class="primary punch-button" data-kind={next.auto} disabled={busy} onClick={() => void punch()}>
              {t(next.auto === "in" ? "today.punchIn" : "today.punchOut")}
            </button>
            {withLocation ? (
              <label class="check">
                <input type="checkbox" checked={useLocation} onChange={(e) => setUseLocation(e.currentTarget.checked)} /> {t("attendance.useLocation")}
              </label>
            ) : null}
            <Status message={message} />
            {last && other && !last.duplicate && Date.now() < last.changeableHereUntil ? (
              <button type="button" class="link" disabled={busy} onClick={() => void changeKind()}>
                {t(other === "in" ? "today.changeToIn" : "today.changeToOut")}
              </button>
            ) : null}
          </>
        )}
      </Load>
    </section>
  );
}
