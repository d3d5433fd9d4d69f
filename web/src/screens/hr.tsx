/** HR: live attendance by department, punch corrections, holiday calendar import, CSV export. */
import { useEffect, useState } from "preact/hooks";
import { fromLocal, parseClock } from "../../../src/attendance/time.ts";
import { api, type HolidayYear } from "../api.ts";
import { DepartmentChart, DepartmentTable } from "../components/DepartmentChart.tsx";
import { ExportMonth } from "../components/ExportMonth.tsx";
import { Field } from "../components/Field.tsx";
import { Load } from "../components/Load.tsx";
import { Status, type StatusMessage } from "../components/Status.tsx";
import { useApp, useTitle } from "../context.ts";
import { useLoad } from "../hooks.ts";
import { errorText } from "../i18n/errors.ts";
import { fmtMinute, locale, t } from "../i18n/index.ts";

const REFRESH_MS = 30_000;
const value = (e: Event) => (e.currentTarget as HTMLInputElement).value;

/** Checks a holiday-cn document; throws with what is wrong. */
export function parseHolidayYear(text: string): HolidayYear {
  const doc = JSON.parse(text) as Partial<HolidayYear>;
  if (typeof doc.year !== "number" || !Array.isArray(doc.days)) throw new Error('expected {"year": 2027, "days": [...]}');
  for (const d of doc.days) {
    if (typeof d?.name !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(d?.date) || typeof d?.isOffDay !== "boolean") throw new Error(`bad day ${JSON.stringify(d)}`);
  }
  return { year: doc.year, days: doc.days.map(({ name, date, isOffDay }) => ({ name, date, isOffDay })) };
}

function LiveBoard({ refreshKey }: { refreshKey: number }) {
  const live = useLoad(() => api.departmentsToday(), [refreshKey]);
  useEffect(() => {
    const timer = setInterval(live.reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [live.reload]);
  const date = live.data ? new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${live.data.date}T00:00:00Z`)) : "";
  return (
    <section class="card" aria-labelledby="hr-live">
      <h2 id="hr-live">{live.data ? t("hr.live", { date }) : t("hr.chart")}</h2>
      <Load state={live}>
        {(day) => (
          <>
            <div class="chart-wrap">
              <DepartmentChart rows={day.departments} />
              <DepartmentTable rows={day.departments} />
            </div>
            <p class="hint">{t("hr.updated", { time: fmtMinute(new Date().getHours() * 60 + new Date().getMinutes()) })}</p>
          </>
        )}
      </Load>
    </section>
  );
}

/** Corrections: one date, several times, read in the company's time zone. */
function CorrectionForm() {
  const { me } = useApp();
  const [form, setForm] = useState({ login: "", date: me.today, times: "", note: "" });
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const input = (key: keyof typeof form) => (e: Event) => setForm({ ...form, [key]: value(e) });
  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    const list = form.times.split(/[,，\s]+/).filter(Boolean);
    if (!form.date || !list.length || !list.every((x) => /^\d{1,2}:\d{2}$/.test(x))) return setMessage({ text: t("hr.badTimes"), kind: "error" });
    // Read in the organisation's zone by the domain's own clock code, sent as UTC instants.
    const at = list.map((x) => new Date(fromLocal(form.date, parseClock(x), me.timeZone)).toISOString());
    try {
      const punches = await api.correct(form.login.trim(), at, form.note.trim());
      setMessage({ text: t("hr.corrected", { n: punches.length, login: form.login.trim() }), kind: "ok" });
      setForm({ ...form, times: "", note: "" });
    } catch (error) {
      setMessage({ text: errorText(error), kind: "error" });
    }
  }
  return (
    <form class="card" aria-labelledby="hr-corr" onSubmit={(e) => void submit(e)}>
      <h2 id="hr-corr">{t("hr.corrections")}</h2>
      <div class="grid2">
        <Field label={t("hr.login")}>
          <input name="login" required autocomplete="off" value={form.login} onInput={input("login")} />
        </Field>
        <Field label={t("hr.date")}>
          <input type="date" name="date" required value={form.date} onInput={input("date")} />
        </Field>
      </div>
      <Field label={t("hr.times")} hint={t("hr.timesHint")}>
        <input name="times" required placeholder="09:02, 18:05" value={form.times} onInput={input("times")} />
      </Field>
      <Field label={t("hr.note")}>
        <input name="note" maxLength={500} value={form.note} onInput={input("note")} />
      </Field>
      <button type="submit" class="primary">
        {t("hr.correct")}
      </button>
      <Status message={message} />
    </form>
  );
}

/** Holiday calendars in holiday-cn format, from a file or pasted. */
function HolidayImport({ onImported }: { onImported(): void }) {
  const [json, setJson] = useState("");
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const days = useLoad(() => api.holidays().catch(() => []), []);
  const years = [...new Set((days.data ?? []).map((d) => d.date.slice(0, 4)))].sort();
  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    let doc: HolidayYear;
    try {
      doc = parseHolidayYear(json);
    } catch (error) {
      return setMessage({ text: t("hr.badJson", { message: (error as Error).message }), kind: "error" });
    }
    try {
      const result = await api.importHolidays(doc);
      setMessage({ text: t("hr.imported", { n: result.imported, year: result.year }), kind: "ok" });
      days.reload();
      onImported();
    } catch (error) {
      setMessage({ text: errorText(error), kind: "error" });
    }
  }
  return (
    <form class="card" aria-labelledby="hr-hol" onSubmit={(e) => void submit(e)}>
      <h2 id="hr-hol">{t("hr.holidays")}</h2>
      <p class="hint">{t("hr.years", { years: years.join(", ") || "—" })}</p>
      <Field label={t("hr.holidayFile")}>
        <input type="file" accept="application/json,.json" onChange={async (e) => setJson((await e.currentTarget.files?.[0]?.text()) ?? json)} />
      </Field>
      <Field label={t("hr.holidayJson")} hint={t("hr.holidayHint")}>
        <textarea rows={4} spellcheck={false} value={json} onInput={(e) => setJson(e.currentTarget.value)} />
      </Field>
      <button type="submit" class="primary">
        {t("hr.import")}
      </button>
      <Status message={message} />
    </form>
  );
}

export function HrScreen() {
  useTitle(t("hr.title"));
  const [refreshKey, setRefreshKey] = useState(0);
  return (
    <section class="hr" aria-labelledby="hr-title">
      <h1 id="hr-title">{t("hr.title")}</h1>
      <LiveBoard refreshKey={refreshKey} />
      <div class="three-col">
        <CorrectionForm />
        <HolidayImport onImported={() => setRefreshKey((n) => n + 1)} />
        <ExportMonth />
      </div>
    </section>
  );
}
