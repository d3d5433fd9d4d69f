/** My attendance: today's card with the smart punch, the month calendar (tap a day for its detail) and its summary. */
import { useState } from "preact/hooks";
import { api } from "../api.ts";
import { CalendarTable, Legend } from "../components/Calendar.tsx";
import { DayDetail } from "../components/DayDetail.tsx";
import { Load } from "../components/Load.tsx";
import { MonthNav } from "../components/MonthNav.tsx";
import { Summary } from "../components/Summary.tsx";
import { TodayCard } from "../components/TodayCard.tsx";
import { useApp, useTitle } from "../context.ts";
import { useLoad } from "../hooks.ts";
import { t } from "../i18n/index.ts";
import { queryParam, setQuery } from "../router.ts";

const isMonth = (s: string | null): s is string => !!s && /^\d{4}-\d{2}$/.test(s);
const isDate = (s: string | null): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);

export function AttendanceScreen() {
  const { me } = useApp();
  useTitle(t("attendance.title"));
  const requested = queryParam("month");
  const [month, setMonth] = useState(isMonth(requested) ? requested : me.today.slice(0, 7));
  const [day, setDay] = useState<string | null>(isDate(queryParam("day")) ? queryParam("day") : null);
  const cal = useLoad(() => api.calendar(month), [month]);

  function pickMonth(next: string): void {
    setMonth(next);
    setDay(null);
    setQuery({ month: next, day: undefined });
  }
  function pickDay(date: string | null): void {
    setDay(date);
    setQuery({ day: date ?? undefined });
    // The detail takes the focus, so a keyboard or screen-reader user lands on what they opened.
    if (date) setTimeout(() => document.getElementById("day-title")?.focus());
  }

  return (
    <section class="attendance" aria-labelledby="attendance-title">
      <h1 id="attendance-title">{t("attendance.title")}</h1>
      <TodayCard withLocation onPunched={() => month === me.today.slice(0, 7) && cal.reload()} />
      <MonthNav month={month} onMonth={pickMonth} />
      {day ? <DayDetail date={day} today={me.today} onClose={() => pickDay(null)} onChanged={cal.reload} /> : null}
      <Load state={cal}>
        {(data) =>
          data.month !== month ? null : (
            <div class="month-grid">
              <div class="card cal-card">
                <CalendarTable cal={data} onPick={pickDay} />
                <p class="hint">{t("attendance.tapDay")}</p>
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
