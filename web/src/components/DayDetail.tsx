/**
 * One day of my calendar, opened by tapping it: its punches with kinds, leave, status, the
 * requests I filed for it, and forms to ask for a correction (补卡) or overtime (加班) for it.
 */
import { useState } from "preact/hooks";
import { api, type CorrectionRequest, type OvertimeRequest } from "../api.ts";
import { useLoad } from "../hooks.ts";
import { errorText } from "../i18n/errors.ts";
import { fmtDate, t } from "../i18n/index.ts";
import { StatusBadge, typeName } from "./Badge.tsx";
import { Field } from "./Field.tsx";
import { Load } from "./Load.tsx";
import { Status, type StatusMessage } from "./Status.tsx";
import { dayStanding, PunchList } from "./TodayCard.tsx";

const value = (e: Event) => (e.currentTarget as HTMLInputElement).value;

function RequestsOfDay({ corrections, overtime, onCancel }: { corrections: CorrectionRequest[]; overtime: OvertimeRequest[]; onCancel(kind: "correction" | "overtime", id: number): void }) {
  if (!corrections.length && !overtime.length) return null;
  return (
    <ul class="day-requests">
      {corrections.map((c) => (
        <li data-kind="correction" data-id={c.id}>
          {t("day.correctionLine", { kind: t(c.kind === "in" ? "today.kind.in" : "today.kind.out"), time: c.time })} <StatusBadge status={c.status} />
          {c.comment ? <span class="muted"> · {c.comment}</span> : null}
          {c.status === "pending" ? (
            <button type="button" class="small" onClick={() => onCancel("correction", c.id)}>
              {t("day.withdraw")}
            </button>
          ) : null}
        </li>
      ))}
      {overtime.map((o) => (
        <li data-kind="overtime" data-id={o.id}>
          {t("day.overtimeLine", { start: o.start, end: o.end, minutes: o.minutes })} <StatusBadge status={o.status} />
          {o.comment ? <span class="muted"> · {o.comment}</span> : null}
          {o.status === "pending" ? (
            <button type="button" class="small" onClick={() => onCancel("overtime", o.id)}>
              {t("day.withdraw")}
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function CorrectionForm({ date, onFiled }: { date: string; onFiled(text: string): void }) {
  const [form, setForm] = useState({ kind: "in" as "in" | "out", time: "", reason: "" });
  const [message, setMessage] = useState<StatusMessage | null>(null);
  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    setMessage(null);
    try {
      const c = await api.requestCorrection({ date, kind: form.kind, time: form.time, reason: form.reason.trim() || null });
      setForm({ ...form, time: "", reason: "" });
      onFiled(t("day.correctionFiled", { kind: t(c.kind === "in" ? "today.kind.in" : "today.kind.out"), time: c.time }));
    } catch (error) {
      setMessage({ text: errorText(error), kind: "error" });
    }
  }
  return (
    <form class="request-form" aria-labelledby="corr-title" onSubmit={(e) => void submit(e)}>
      <h3 id="corr-title">{t("day.askCorrection")}</h3>
      <div class="grid2">
        <Field label={t("day.kind")}>
          <select value={form.kind} onChange={(e) => setForm({ ...form, kind: value(e) as "in" | "out" })}>
            <option value="in">{t("today.kind.in")}</option>
            <option value="out">{t("today.kind.out")}</option>
          </select>
        </Field>
        <Field label={t("day.time")}>
          <input type="time" required value={form.time} onInput={(e) => setForm({ ...form, time: value(e) })} />
        </Field>
      </div>
      <Field label={t("leave.reason")}>
        <input maxLength={500} value={form.reason} onInput={(e) => setForm({ ...form, reason: value(e) })} />
      </Field>
      <button type="submit" class="primary">
        {t("day.submitCorrection")}
      </button>
      <Status message={message} />
    </form>
  );
}

function OvertimeForm({ date, onFiled }: { date: string; onFiled(text: string): void }) {
  const [form, setForm] = useState({ start: "", end: "", compensation: "leave" as "leave" | "pay", reason: "" });
  const [message, setMessage] = useState<StatusMessage | null>(null);
  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    setMessage(null);
    try {
      const o = await api.requestOvertime({ date, start: form.start, end: form.end, compensation: form.compensation, reason: form.reason.trim() || null });
      setForm({ ...form, start: "", end: "", reason: "" });
      onFiled(t("day.overtimeFiled", { minutes: o.minutes }));
    } catch (error) {
      setMessage({ text: errorText(error), kind: "error" });
    }
  }
  return (
    <form class="request-form" aria-labelledby="ot-title" onSubmit={(e) => void submit(e)}>
      <h3 id="ot-title">{t("day.askOvertime")}</h3>
      <div class="grid2">
        <Field label={t("day.from")}>
          <input type="time" required value={form.start} onInput={(e) => setForm({ ...form, start: value(e) })} />
        </Field>
        <Field label={t("day.to")} hint={t("day.toHint")}>
          <input type="time" required value={form.end} onInput={(e) => setForm({ ...form, end: value(e) })} />
        </Field>
      </div>
      <Field label={t("day.compensation")}>
        <select value={form.compensation} onChange={(e) => setForm({ ...form, compensation: value(e) as "leave" | "pay" })}>
          <option value="leave">{t("day.compensation.leave")}</option>
          <option value="pay">{t("day.compensation.pay")}</option>
        </select>
      </Field>
      <Field label={t("leave.reason")}>
        <input maxLength={500} value={form.reason} onInput={(e) => setForm({ ...form, reason: value(e) })} />
      </Field>
      <button type="submit" class="primary">
        {t("day.submitOvertime")}
      </button>
      <Status message={message} />
    </form>
  );
}

export function DayDetail({ date, today, onClose, onChanged }: { date: string; today: string; onClose(): void; onChanged(): void }) {
  const day = useLoad(() => api.day(date), [date]);
  const requests = useLoad(() => Promise.all([api.myCorrections(), api.myOvertime()]), [date]);
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const filed = (text: string) => {
    setMessage({ text, kind: "ok" });
    requests.reload();
    onChanged();
  };
  async function cancel(kind: "correction" | "overtime", id: number): Promise<void> {
    try {
      await api.cancelRequest(kind, id);
      setMessage({ text: t("day.withdrawn"), kind: "ok" });
      requests.reload();
    } catch (error) {
      setMessage({ text: errorText(error), kind: "error" });
    }
  }
  return (
    <section class="card day-detail" aria-labelledby="day-title" data-date={date}>
      <div class="today-head">
        <h2 id="day-title" tabIndex={-1}>
          {fmtDate(date, { weekday: "long", month: "long", day: "numeric" })}
        </h2>
        <button type="button" class="small" onClick={onClose}>
          {t("day.close")}
        </button>
      </div>
      <Load state={day}>
        {(d) => (
          <>
            <p>
              <span class={`badge st-${d.status}`}>{dayStanding(d)}</span> {d.workday ? t("today.shift", { start: d.shiftStart, end: d.shiftEnd }) : null}
            </p>
            <PunchList day={d} />
            {d.leave ? <p>{t("day.leave", { type: typeName(d.leave.type), days: d.leave.days })}</p> : null}
            {d.holidayName ? <p>{d.holidayName}</p> : null}
          </>
        )}
      </Load>
      <Load state={requests}>
        {([corrections, overtime]) => (
          <RequestsOfDay corrections={corrections.filter((c) => c.date === date)} overtime={overtime.filter((o) => o.date === date)} onCancel={(kind, id) => void cancel(kind, id)} />
        )}
      </Load>
      <Status message={message} />
      {date <= today ? (
        <div class="two-col">
          <CorrectionForm date={date} onFiled={filed} />
          <OvertimeForm date={date} onFiled={filed} />
        </div>
      ) : (
        <p class="muted">{t("day.future")}</p>
      )}
    </section>
  );
}
