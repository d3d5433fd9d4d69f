/** My attendance: check in / out (optionally with location), the month calendar and its summary. */
import { useState } from "preact/hooks";
import { api } from "../api.ts";
import { CalendarTable, Legend } from "../components/Calendar.tsx";
import { Load } from "../components/Load.tsx";
import { MonthNav } from "../components/MonthNav.tsx";
import { Status, type StatusMessage } from "../components/Status.tsx";
import { Summary } from "../components/Summary.tsx";
import { useApp, useTitle } from "../context.ts";
import { useLoad } from "../hooks.ts";
import { errorText } from "../i18n/errors.ts";
import { fmtMinute, t } from "../i18n/index.ts";
import { queryParam, setQuery } from "../router.ts";

function position(): Promise<GeolocationPosition> {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) return reject(new Error("geolocation unavailable"));
    navigator.geolocation.getCurrentPosition(resolve, reject, { enableHighAccuracy: true, timeout: 8000, maximumAge: 60_000 });
  });
}

export function AttendanceScreen() {
  const { me } = useApp();
  useTitle(t("attendance.title"));
  const requested = queryParam("month");
  const [month, setMonth] = useState(requested && /^\d{4}-\d{2}$/.test(requested) ? requested : me.today.slice(0, 7));
  const cal = useLoad(() => api.calendar(month), [month]);
  const [useLocation, setUseLocation] = useState(false);
  const [message, setMessage] = useState<StatusMessage | null>(null);

  function pickMonth(next: string): void {
    setMonth(next);
    setQuery({ month: next });
  }

  async function punch(kind: "in" | "out"): Promise<void> {
    setMessage(null);
    let location: { latitude: number; longitude: number; accuracyM?: number } | undefined;
    if (useLocation) {
      setMessage({ text: t("attendance.locating") });
      try {
        const p = await position();
        location = { latitude: p.coords.latitude, longitude: p.coords.longitude, accuracyM: Math.round(p.coords.accuracy) };
      } catch (error) {
        setMessage({ text: t("attendance.noLocation", { message: (error as Error).message }) });
      }
    }
    try {
      const result = await api.punch(kind, location);
      const time = fmtMinute(result.minute);
      const parts = result.duplicate
        ? [t("punch.duplicate", { time })]
        : [
            t(kind === "in" ? "punch.in" : "punch.out", { time }),
            result.lateMinutes > 0 && kind === "in" ? t("punch.late", { n: result.lateMinutes }) : "",
            result.earlyLeaveMinutes > 0 && kind === "out" ? t("punch.early", { n: result.earlyLeaveMinutes }) : "",
          ];
      setMessage({ text: parts.filter(Boolean).join(" "), kind: "ok" });
      if (month === me.today.slice(0, 7)) cal.reload();
    } catch (error) {
      setMessage({ text: errorText(error), kind: "error" });
    }
  }

  return (
    <section class="attendance" aria-labelledby="attendance-title">
      <h1 id="attendance-title">{t("attendance.title")}</h1>
      <div class="card punch-card">
        <h2>{t("attendance.punch")}</h2>
        <div class="row">
          <button type="button" class="primary" onClick={() => void punch("in")}>
            {t("attendance.checkIn")}
          </button>
          <button type="button" onClick={() => void punch("out")}>
            {t("attendance.checkOut")}
          </button>
          <label class="check">
            <input type="checkbox" checked={useLocation} onChange={(e) => setUseLocation(e.currentTarget.checked)} /> {t("attendance.useLocation")}
          </label>
        </div>
        <Status message={message} />
      </div>
      <MonthNav month={month} onMonth={pickMonth} />
      <Load state={cal}>
        {(data) =>
          data.month !== month ? null : (
            <div class="month-grid">
              <div class="card cal-card">
                <CalendarTable cal={data} />
                <Legend />
              </div>
              <Summary s={data.summary} />
            </div>
          )
        }
      </Load>
    </section>
  );
}
