/** HR: live attendance by department, punch corrections, holiday calendar import, CSV export. */
import { fromLocal, parseClock } from "../../../src/attendance/time.ts";
import { api, type HolidayYear } from "../api.ts";
import { field, h, messageLine, mount } from "../dom.ts";
import { fmtMinute, locale, t } from "../i18n/index.ts";
import { departmentChart, departmentTable } from "./hr-chart.ts";
import type { Screen } from "./screen.ts";

const REFRESH_MS = 30_000;

/** Checks a holiday-cn document; throws with what is wrong. */
export function parseHolidayYear(text: string): HolidayYear {
  const doc = JSON.parse(text) as Partial<HolidayYear>;
  if (typeof doc.year !== "number" || !Array.isArray(doc.days)) throw new Error('expected {"year": 2027, "days": [...]}');
  for (const d of doc.days) {
    if (typeof d?.name !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(d?.date) || typeof d?.isOffDay !== "boolean") throw new Error(`bad day ${JSON.stringify(d)}`);
  }
  return { year: doc.year, days: doc.days.map(({ name, date, isOffDay }) => ({ name, date, isOffDay })) };
}

export const hrScreen: Screen = (ctx) => {
  let disposed = false;
  const live = h("section", { class: "card", "aria-labelledby": "hr-live", "aria-busy": "true" }, h("h2", { id: "hr-live" }, t("hr.chart")), h("p", null, t("common.loading")));

  async function loadLive(): Promise<void> {
    try {
      const day = await api.departmentsToday();
      if (disposed) return;
      const time = fmtMinute(new Date().getHours() * 60 + new Date().getMinutes());
      mount(
        live,
        h("h2", { id: "hr-live" }, t("hr.live", { date: new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${day.date}T00:00:00Z`)) })),
        h("div", { class: "chart-wrap" }, departmentChart(day.departments), departmentTable(day.departments)),
        h("p", { class: "hint" }, t("hr.updated", { time })),
      );
    } catch (error) {
      if (!disposed) mount(live, h("h2", { id: "hr-live" }, t("hr.chart")), h("p", { class: "message error", role: "alert" }, t("common.loadFailed", { message: (error as Error).message })));
    } finally {
      live.setAttribute("aria-busy", "false");
    }
  }
  const timer = setInterval(() => void loadLive(), REFRESH_MS);

  // Corrections: one date, several times, in the company's time zone.
  const login = h("input", { name: "login", required: true, autocomplete: "off" });
  const date = h("input", { type: "date", name: "date", required: true, value: ctx.me.today });
  const times = h("input", { name: "times", required: true, placeholder: "09:02, 18:05" });
  const note = h("input", { name: "note", maxLength: 500 });
  const correctMessage = messageLine();
  const corrections = h(
    "form",
    {
      class: "card",
      "aria-labelledby": "hr-corr",
      onSubmit: async (e: Event) => {
        e.preventDefault();
        const list = times.value.split(/[,，\s]+/).filter(Boolean);
        if (!date.value || !list.length || !list.every((x) => /^\d{1,2}:\d{2}$/.test(x))) return correctMessage.show(t("hr.badTimes"), "error");
        // Read in the organisation's zone by the domain's own clock code, sent as UTC instants.
        const at = list.map((x) => new Date(fromLocal(date.value, parseClock(x), ctx.me.timeZone)).toISOString());
        try {
          const punches = await api.correct(login.value.trim(), at, note.value.trim());
          correctMessage.show(t("hr.corrected", { n: punches.length, login: login.value.trim() }), "ok");
          times.value = "";
          note.value = "";
        } catch (error) {
          correctMessage.show((error as Error).message, "error");
        }
      },
    },
    h("h2", { id: "hr-corr" }, t("hr.corrections")),
    h("div", { class: "grid2" }, field(t("hr.login"), login), field(t("hr.date"), date)),
    field(t("hr.times"), times, t("hr.timesHint")),
    field(t("hr.note"), note),
    h("button", { type: "submit", class: "primary" }, t("hr.correct")),
    correctMessage,
  );

  // Holiday calendars in holiday-cn format, from a file or pasted.
  const file = h("input", { type: "file", accept: "application/json,.json" });
  const json = h("textarea", { rows: 4, spellcheck: false });
  const years = h("p", { class: "hint" });
  const holidayMessage = messageLine();
  file.addEventListener("change", async () => {
    const f = file.files?.[0];
    if (f) json.value = await f.text();
  });
  async function loadYears(): Promise<void> {
    const days = await api.holidays().catch(() => []);
    if (disposed) return;
    const set = [...new Set(days.map((d) => d.date.slice(0, 4)))].sort();
    years.textContent = t("hr.years", { years: set.join(", ") || "—" });
  }
  const holidays = h(
    "form",
    {
      class: "card",
      "aria-labelledby": "hr-hol",
      onSubmit: async (e: Event) => {
        e.preventDefault();
        let doc: HolidayYear;
        try {
          doc = parseHolidayYear(json.value);
        } catch (error) {
          return holidayMessage.show(t("hr.badJson", { message: (error as Error).message }), "error");
        }
        try {
          const result = await api.importHolidays(doc);
          holidayMessage.show(t("hr.imported", { n: result.imported, year: result.year }), "ok");
          void loadYears();
          void loadLive();
        } catch (error) {
          holidayMessage.show((error as Error).message, "error");
        }
      },
    },
    h("h2", { id: "hr-hol" }, t("hr.holidays")),
    years,
    field(t("hr.holidayFile"), file),
    field(t("hr.holidayJson"), json, t("hr.holidayHint")),
    h("button", { type: "submit", class: "primary" }, t("hr.import")),
    holidayMessage,
  );

  // CSV export: fetched with the bearer token, then saved as a file.
  const month = h("input", { type: "month", name: "month", value: ctx.me.today.slice(0, 7) });
  const exportMessage = messageLine();
  const exporter = h(
    "form",
    {
      class: "card",
      "aria-labelledby": "hr-exp",
      onSubmit: async (e: Event) => {
        e.preventDefault();
        try {
          const { blob, filename } = await api.exportCsv(month.value);
          const url = URL.createObjectURL(blob);
          const a = h("a", { href: url, download: filename, hidden: true });
          document.body.append(a);
          a.click();
          a.remove();
          setTimeout(() => URL.revokeObjectURL(url), 10_000);
          exportMessage.show(t("hr.downloaded", { file: filename }), "ok");
        } catch (error) {
          exportMessage.show((error as Error).message, "error");
        }
      },
    },
    h("h2", { id: "hr-exp" }, t("hr.export")),
    field(t("hr.exportMonth"), month),
    h("button", { type: "submit", class: "primary" }, t("hr.download")),
    exportMessage,
  );

  void loadLive();
  void loadYears();
  const el = h(
    "section",
    { class: "hr", "aria-labelledby": "hr-title" },
    h("h1", { id: "hr-title" }, t("hr.title")),
    live,
    h("div", { class: "three-col" }, corrections, holidays, exporter),
  );
  return {
    el,
    title: t("hr.title"),
    dispose: () => {
      disposed = true;
      clearInterval(timer);
    },
  };
};
