/** A report's month, for their manager or HR: the calendar and every figure, read-only. */
import { useState } from "preact/hooks";
import { api } from "../api.ts";
import { CalendarTable, Legend } from "../components/Calendar.tsx";
import { Load } from "../components/Load.tsx";
import { MonthNav } from "../components/MonthNav.tsx";
import { Summary } from "../components/Summary.tsx";
import { useApp, useTitle } from "../context.ts";
import { useLoad } from "../hooks.ts";
import { t } from "../i18n/index.ts";
import { onLinkClick, queryParam, setQuery } from "../router.ts";

export function ReportMonthScreen() {
  const { me } = useApp();
  const login = queryParam("login") ?? "";
  const name = queryParam("name") ?? login;
  const requested = queryParam("month");
  const [month, setMonth] = useState(requested && /^\d{4}-\d{2}$/.test(requested) ? requested : me.today.slice(0, 7));
  const cal = useLoad(() => api.calendar(month, login), [month, login]);
  const title = t("report.title", { name });
  useTitle(title);
  return (
    <section class="report-month" aria-labelledby="report-title">
      <p>
        <a href="/team" onClick={(e) => onLinkClick(e, "/team")}>
          ‹ {t("team.title")}
        </a>
      </p>
      <h1 id="report-title">{title}</h1>
      <MonthNav
        month={month}
        onMonth={(next) => {
          setMonth(next);
          setQuery({ month: next });
        }}
      />
      <Load state={cal}>
        {(data) => (
          <div class="month-grid">
            <div class="card cal-card">
              <CalendarTable cal={data} />
              <Legend />
            </div>
            <Summary s={data.summary} />
          </div>
        )}
      </Load>
    </section>
  );
}
