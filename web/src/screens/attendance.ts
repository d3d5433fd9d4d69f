/** My attendance: check in / out (optionally with location), the month calendar and its summary. */
import { api, type Calendar, type DayRecord, type DayStatus, type MonthlySummary } from "../api.ts";
import { field, h, messageLine, mount } from "../dom.ts";
import { fmtDate, fmtMinute, fmtMonth, fmtNumber, t, weekdayNames, type Key } from "../i18n/index.ts";
import type { Screen } from "./screen.ts";

/** Statuses in the legend, in the order a person reads them. */
export const LEGEND: DayStatus[] = ["normal", "late", "early-leave", "missing-punch", "absent", "leave", "holiday", "makeup-workday", "weekend", "not-yet", "future"];

function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split("-").map(Number);
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

function position(): Promise<GeolocationPosition> {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) return reject(new Error("geolocation unavailable"));
    navigator.geolocation.getCurrentPosition(resolve, reject, { enableHighAccuracy: true, timeout: 8000, maximumAge: 60_000 });
  });
}

function dayCell(day: DayRecord): HTMLElement {
  const status = t(`status.${day.status}` as Key);
  const times = [day.inMinute !== null ? `${t("attendance.in")} ${fmtMinute(day.inMinute)}` : "", day.outMinute !== null ? `${t("attendance.out")} ${fmtMinute(day.outMinute)}` : ""].filter(Boolean);
  // A named workday is a make-up workday (调休上班); say so even when something else colours it.
  const special = day.holidayName && day.workday && day.status !== "makeup-workday" ? `${t("status.makeup-workday")} · ${day.holidayName}` : day.holidayName;
  const extra = day.leave ? `${t(`leaveType.${day.leave.type}` as Key)}${day.leave.halfDay ? ` (${t(`leave.halfDay.${day.leave.halfDay}` as Key)})` : ""}` : special;
  return h(
    "td",
    { class: `day st-${day.status}`, "data-date": day.date, "data-status": day.status, title: `${fmtDate(day.date)}: ${status}` },
    h("span", { class: "num" }, Number(day.date.slice(8))),
    h("span", { class: "label" }, status),
    times.length ? h("span", { class: "times" }, times.join(" · ")) : null,
    extra ? h("span", { class: "extra" }, extra) : null,
  );
}

function calendarTable(cal: Calendar): HTMLElement {
  const first = new Date(`${cal.days[0].date}T00:00:00Z`).getUTCDay();
  const lead = (first + 6) % 7; // Monday first
  const cells: (HTMLElement | null)[] = [...Array(lead).fill(null), ...cal.days.map(dayCell)];
  while (cells.length % 7) cells.push(null);
  const rows = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(h("tr", null, cells.slice(i, i + 7).map((c) => c ?? h("td", { class: "blank" }))));
  return h(
    "table",
    { class: "calendar" },
    h("caption", null, t("attendance.calendar", { month: fmtMonth(cal.month) })),
    h("thead", null, h("tr", null, weekdayNames().map((d) => h("th", { scope: "col" }, d)))),
    h("tbody", null, rows),
  );
}

function legend(): HTMLElement {
  return h(
    "div",
    { class: "legend" },
    h("h3", { class: "sr-only" }, t("attendance.legend")),
    h("ul", null, LEGEND.map((s) => h("li", { "data-status": s }, h("span", { class: `swatch st-${s}`, "aria-hidden": "true" }), t(`status.${s}` as Key)))),
  );
}

function summaryView(s: MonthlySummary): HTMLElement {
  const stat = (label: Key, value: string | number) => h("div", { class: "stat" }, h("dt", null, t(label)), h("dd", null, value));
  const full = s.fullAttendance ? t("summary.sentence.full") : t("summary.sentence.notFull");
  return h(
    "section",
    { class: "card summary", "aria-labelledby": "summary-title", "data-testid": "summary" },
    h("h2", { id: "summary-title" }, t("summary.title")),
    h("p", { class: "sentence" }, t("summary.sentence", { required: fmtNumber(s.requiredDays), attended: fmtNumber(s.attendedDays), late: s.lateCount === 1 ? t("summary.lateOnce") : t("summary.lateTimes", { n: s.lateCount }), full })),
    h(
      "dl",
      { class: "stats" },
      stat("summary.required", fmtNumber(s.requiredDays)),
      stat("summary.attended", fmtNumber(s.attendedDays)),
      stat("summary.late", s.lateCount),
      stat("summary.lateMinutes", s.lateMinutes),
      stat("summary.early", s.earlyLeaveCount),
      stat("summary.missing", s.missingPunchCount),
      stat("summary.absent", fmtNumber(s.absentDays)),
      stat("summary.leave", fmtNumber(s.leaveDays.total)),
      stat("summary.full", t(s.fullAttendance ? "common.yes" : "common.no")),
    ),
    h("p", { class: "hint" }, s.judgedThrough ? t("summary.judgedThrough", { date: fmtDate(s.judgedThrough) }) : t("summary.notJudged")),
  );
}

export const attendanceScreen: Screen = (ctx) => {
  const requested = new URLSearchParams(location.search).get("month");
  let month = requested && /^\d{4}-\d{2}$/.test(requested) ? requested : ctx.me.today.slice(0, 7);
  let disposed = false;
  const punchMessage = messageLine();
  const body = h("div", { class: "month-body", "aria-busy": "true" }, h("p", null, t("common.loading")));
  const monthInput = h("input", { type: "month", value: month, onChange: () => monthInput.value && setMonth(monthInput.value) });

  async function load(): Promise<void> {
    body.setAttribute("aria-busy", "true");
    try {
      const cal = await api.calendar(month);
      if (disposed || cal.month !== month) return;
      mount(body, h("div", { class: "month-grid" }, h("div", { class: "card cal-card" }, calendarTable(cal), legend()), summaryView(cal.summary)));
    } catch (error) {
      if (!disposed) mount(body, h("p", { class: "message error", role: "alert" }, t("common.loadFailed", { message: (error as Error).message })));
    } finally {
      body.setAttribute("aria-busy", "false");
    }
  }

  function setMonth(next: string): void {
    month = next;
    monthInput.value = next;
    history.replaceState(null, "", `${location.pathname}?month=${next}`);
    void load();
  }

  const useLocation = h("input", { type: "checkbox", id: "use-location" });
  async function punch(kind: "in" | "out"): Promise<void> {
    punchMessage.clear();
    let location: { latitude: number; longitude: number; accuracyM?: number } | undefined;
    if (useLocation.checked) {
      punchMessage.show(t("attendance.locating"));
      try {
        const p = await position();
        location = { latitude: p.coords.latitude, longitude: p.coords.longitude, accuracyM: Math.round(p.coords.accuracy) };
      } catch (error) {
        punchMessage.show(t("attendance.noLocation", { message: (error as Error).message }));
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
      punchMessage.show(parts.filter(Boolean).join(" "), "ok");
      if (month === ctx.me.today.slice(0, 7)) void load();
    } catch (error) {
      punchMessage.show((error as Error).message, "error");
    }
  }

  const el = h(
    "section",
    { class: "attendance", "aria-labelledby": "attendance-title" },
    h("h1", { id: "attendance-title" }, t("attendance.title")),
    h(
      "div",
      { class: "card punch-card" },
      h("h2", null, t("attendance.punch")),
      h(
        "div",
        { class: "row" },
        h("button", { type: "button", class: "primary", onClick: () => void punch("in") }, t("attendance.checkIn")),
        h("button", { type: "button", onClick: () => void punch("out") }, t("attendance.checkOut")),
        h("label", { class: "check", for: "use-location" }, useLocation, " ", t("attendance.useLocation")),
      ),
      punchMessage,
    ),
    h(
      "div",
      { class: "month-nav" },
      h("button", { type: "button", "aria-label": t("attendance.prev"), title: t("attendance.prev"), onClick: () => setMonth(shiftMonth(month, -1)) }, "‹"),
      field(t("attendance.month"), monthInput),
      h("button", { type: "button", "aria-label": t("attendance.next"), title: t("attendance.next"), onClick: () => setMonth(shiftMonth(month, 1)) }, "›"),
    ),
    body,
  );
  void load();
  return {
    el,
    title: t("attendance.title"),
    dispose: () => {
      disposed = true;
    },
  };
};
