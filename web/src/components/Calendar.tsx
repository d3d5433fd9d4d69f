/** A month as a calendar table, each day coloured and labelled by its status, and the legend. */
import type { Calendar as CalendarData, DayRecord, DayStatus } from "../api.ts";
import { fmtDate, fmtMinute, fmtMonth, t, weekdayNames, type Key } from "../i18n/index.ts";

/** Statuses in the legend, in the order a person reads them. */
export const LEGEND: DayStatus[] = ["normal", "late", "early-leave", "missing-punch", "absent", "leave", "holiday", "makeup-workday", "weekend", "not-yet", "before-hire", "no-records", "future"];

/** Days that count toward nothing, and the sentence for a month made only of them. */
const UNCOUNTED: Partial<Record<DayStatus, Key>> = {
  "before-hire": "attendance.beforeHire",
  "after-leaving": "attendance.afterLeaving",
  "no-records": "attendance.noRecords",
};

function DayCell({ day, onPick }: { day: DayRecord; onPick?: (date: string) => void }) {
  const status = t(`status.${day.status}` as Key);
  const times = [day.inMinute !== null ? `${t("attendance.in")} ${fmtMinute(day.inMinute)}` : "", day.outMinute !== null ? `${t("attendance.out")} ${fmtMinute(day.outMinute)}` : ""].filter(Boolean);
  // A named workday is a make-up workday (调休上班); say so even when something else colours it.
  const special = day.holidayName && day.workday && day.status !== "makeup-workday" ? `${t("status.makeup-workday")} · ${day.holidayName}` : day.holidayName;
  const extra = day.leave ? `${t(`leaveType.${day.leave.type}` as Key)}${day.leave.halfDay ? ` (${t(`leave.halfDay.${day.leave.halfDay}` as Key)})` : ""}` : special;
  const label = `${fmtDate(day.date)}: ${status}`;
  return (
    <td class={`day st-${day.status}`} data-date={day.date} data-status={day.status} title={label}>
      {onPick ? (
        <button type="button" class="day-open" aria-label={label} onClick={() => onPick(day.date)}>
          <span class="num">{Number(day.date.slice(8))}</span>
        </button>
      ) : (
        <span class="num">{Number(day.date.slice(8))}</span>
      )}
      <span class="label">{status}</span>
      {times.length ? <span class="times">{times.join(" · ")}</span> : null}
      {extra ? <span class="extra">{extra}</span> : null}
    </td>
  );
}

export function CalendarTable({ cal, onPick }: { cal: CalendarData; onPick?: (date: string) => void }) {
  const first = new Date(`${cal.days[0].date}T00:00:00Z`).getUTCDay();
  const lead = (first + 6) % 7; // Monday first
  const cells: (DayRecord | null)[] = [...Array<null>(lead).fill(null), ...cal.days];
  while (cells.length % 7) cells.push(null);
  const rows: (DayRecord | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(cells.slice(i, i + 7));
  // A month none of whose days counts says why once, above the grid (not 22 days of absence).
  const outside = cal.days.every((d) => UNCOUNTED[d.status]) ? UNCOUNTED[cal.days[0].status] : undefined;
  return (
    <>
      {outside ? (
        <p class="notice info" data-testid={cal.days[0].status}>
          {t(outside)}
        </p>
      ) : null}
    <table class="calendar">
      <caption>{t("attendance.calendar", { month: fmtMonth(cal.month) })}</caption>
      <thead>
        <tr>
          {weekdayNames().map((d) => (
            <th scope="col">{d}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr>{row.map((day) => (day ? <DayCell day={day} onPick={onPick} /> : <td class="blank" />))}</tr>
        ))}
      </tbody>
    </table>
    </>
  );
}

export function Legend() {
  return (
    <div class="legend">
      <h3 class="sr-only">{t("attendance.legend")}</h3>
      <ul>
        {LEGEND.map((s) => (
          <li data-status={s}>
            <span class={`swatch st-${s}`} aria-hidden="true" />
            {t(`status.${s}` as Key)}
          </li>
        ))}
      </ul>
    </div>
  );
}
