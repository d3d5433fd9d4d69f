/** Leave: balances, a request form previewing working days and the balance after, my requests. */
import { useEffect, useRef, useState } from "preact/hooks";
import { api, type LeaveBalance, type LeaveInput, type LeaveRequest, type LeaveType } from "../api.ts";
import { StatusBadge, typeName } from "../components/Badge.tsx";
import { Field } from "../components/Field.tsx";
import { Load } from "../components/Load.tsx";
import { Status, type StatusMessage } from "../components/Status.tsx";
import { Table } from "../components/Table.tsx";
import { useApp, useTitle } from "../context.ts";
import { useLoad } from "../hooks.ts";
import { errorText } from "../i18n/errors.ts";
import { fmtNumber, fmtRange, t, type Key } from "../i18n/index.ts";

export const LEAVE_TYPES: LeaveType[] = ["annual", "sick", "personal", "compensatory", "marriage", "maternity", "paternity", "bereavement"];
const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);
const cols = (keys: Key[]) => keys.map((k) => t(k));

function BalancesTable({ rows }: { rows: LeaveBalance[] }) {
  const num = (n: number | null) => (n === null ? t("leave.unlimited") : fmtNumber(n));
  const head = cols(["leave.col.type", "leave.col.entitled", "leave.col.used", "leave.col.pending", "leave.col.remaining"]);
  return (
    <Table caption={t("leave.balances", { year: rows[0]?.year ?? "" })} head={head}>
      {rows
        .filter((b) => b.entitled !== 0 || b.used > 0 || b.pending > 0)
        .map((b) => (
          <tr data-type={b.type}>
            <th scope="row">{typeName(b.type)}</th>
            <td data-label={head[1]}>{num(b.entitled)}</td>
            <td data-label={head[2]}>{fmtNumber(b.used)}</td>
            <td data-label={head[3]}>{fmtNumber(b.pending)}</td>
            <td data-label={head[4]} class="strong">
              {num(b.remaining)}
            </td>
          </tr>
        ))}
    </Table>
  );
}

interface Draft {
  type: LeaveType;
  startDate: string;
  endDate: string;
  halfDay: "" | "am" | "pm";
  reason: string;
}

function toInput(d: Draft): LeaveInput | undefined {
  if (!isDate(d.startDate)) return undefined;
  const endDate = isDate(d.endDate) ? d.endDate : null;
  if (endDate && endDate < d.startDate) return undefined;
  if (d.halfDay && endDate && endDate !== d.startDate) return undefined;
  return { type: d.type, startDate: d.startDate, endDate, halfDay: d.halfDay || null, reason: d.reason.trim() || null };
}

/** The request form: the draft survives a failed submit, so nothing typed is lost. */
function LeaveForm({ onFiled }: { onFiled(): void }) {
  const [draft, setDraft] = useState<Draft>({ type: "annual", startDate: "", endDate: "", halfDay: "", reason: "" });
  const [preview, setPreview] = useState<StatusMessage>({ text: t("leave.previewPrompt") });
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const seq = useRef(0);
  const set = (key: keyof Draft) => (e: Event) => setDraft({ ...draft, [key]: (e.currentTarget as HTMLInputElement).value });
  const { type, startDate, endDate, halfDay } = draft;

  useEffect(() => {
    const mine = ++seq.current;
    const req = toInput(draft);
    if (!req) return setPreview({ text: t("leave.previewPrompt") });
    api.leavePreview(req).then(
      (p) =>
        mine === seq.current &&
        setPreview({
          text:
            p.remainingBefore === null || p.remainingAfter === null
              ? t("leave.previewUnlimited", { days: fmtNumber(p.days) })
              : t("leave.preview", { days: fmtNumber(p.days), before: fmtNumber(p.remainingBefore), after: fmtNumber(p.remainingAfter) }),
        }),
      (error) => mine === seq.current && setPreview({ text: errorText(error), kind: "error" }),
    );
  }, [type, startDate, endDate, halfDay]);

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    setMessage(null);
    const req = toInput(draft);
    if (!req) return setMessage({ text: t("leave.previewPrompt"), kind: "error" });
    try {
      const created = await api.requestLeave(req);
      setMessage({ text: t("leave.submitted", { type: typeName(created.type), days: fmtNumber(created.days) }), kind: "ok" });
      seq.current++;
      setDraft({ ...draft, reason: "" });
      setPreview({ text: t("leave.previewPrompt") });
      onFiled();
    } catch (error) {
      setMessage({ text: errorText(error), kind: "error" });
    }
  }

  return (
    <form class="card leave-form" aria-labelledby="leave-form-title" onSubmit={(e) => void submit(e)}>
      <h2 id="leave-form-title">{t("leave.form")}</h2>
      <div class="grid2">
        <Field label={t("leave.type")}>
          <select name="type" value={draft.type} onChange={set("type")}>
            {LEAVE_TYPES.map((k) => (
              <option value={k}>{typeName(k)}</option>
            ))}
          </select>
        </Field>
        <Field label={t("leave.halfDay")}>
          <select name="halfDay" value={draft.halfDay} onChange={set("halfDay")}>
            <option value="">{t("leave.halfDay.none")}</option>
            <option value="am">{t("leave.halfDay.am")}</option>
            <option value="pm">{t("leave.halfDay.pm")}</option>
          </select>
        </Field>
        <Field label={t("leave.start")}>
          <input type="date" name="startDate" required value={draft.startDate} onChange={set("startDate")} />
        </Field>
        <Field label={t("leave.end")} hint={t("leave.endHint")}>
          <input type="date" name="endDate" value={draft.endDate} onChange={set("endDate")} />
        </Field>
      </div>
      <Field label={t("leave.reason")}>
        <input name="reason" maxLength={500} value={draft.reason} onInput={set("reason")} />
      </Field>
      <p class={`preview${preview.kind === "error" ? " error" : ""}`} role="status" aria-live="polite">
        {preview.text}
      </p>
      <button type="submit" class="primary">
        {t("leave.submit")}
      </button>
      <Status message={message} />
    </form>
  );
}

function RequestsTable({ rows, today, onCancel }: { rows: LeaveRequest[]; today: string; onCancel(r: LeaveRequest, dates: string): void }) {
  const head = cols(["leave.col.type", "leave.col.dates", "leave.col.days", "leave.col.status", "leave.col.actions"]);
  const sorted = [...rows].sort((a, b) => b.startDate.localeCompare(a.startDate));
  return (
    <Table head={head}>
      {sorted.map((r) => {
        const dates = fmtRange(r.startDate, r.endDate);
        const cancellable = (r.status === "pending" || r.status === "approved") && r.endDate >= today;
        return (
          <tr data-id={r.id}>
            <td data-label={head[0]}>
              {typeName(r.type)}
              {r.halfDay ? ` (${t(`leave.halfDay.${r.halfDay}` as Key)})` : null}
            </td>
            <td data-label={head[1]}>{dates}</td>
            <td data-label={head[2]}>{fmtNumber(r.days)}</td>
            <td data-label={head[3]}>
              <StatusBadge status={r.status} />
            </td>
            <td data-label={head[4]} class="actions">
              {cancellable ? (
                <button type="button" class="small" aria-label={t("leave.cancelLabel", { type: typeName(r.type), dates })} onClick={() => onCancel(r, dates)}>
                  {t("leave.cancel")}
                </button>
              ) : null}
            </td>
          </tr>
        );
      })}
    </Table>
  );
}

export function LeaveScreen() {
  const { me } = useApp();
  useTitle(t("leave.title"));
  const balances = useLoad(() => api.balances(), []);
  const mine = useLoad(() => api.myLeave(), []);
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const reload = () => {
    balances.reload();
    mine.reload();
  };
  async function cancel(r: LeaveRequest): Promise<void> {
    try {
      await api.cancelLeave(r.id);
      setMessage({ text: t("leave.cancelled"), kind: "ok" });
      reload();
    } catch (error) {
      setMessage({ text: errorText(error), kind: "error" });
    }
  }
  return (
    <section class="leave" aria-labelledby="leave-title">
      <h1 id="leave-title">{t("leave.title")}</h1>
      <div class="two-col">
        <LeaveForm onFiled={reload} />
        <div class="card">
          <Load state={balances}>{(rows) => <BalancesTable rows={rows} />}</Load>
        </div>
      </div>
      <div class="card">
        <h2>{t("leave.mine")}</h2>
        <Load state={mine} empty={(rows) => !rows.length && t("leave.none")}>
          {(rows) => <RequestsTable rows={rows} today={me.today} onCancel={(r) => void cancel(r)} />}
        </Load>
        <Status message={message} />
      </div>
    </section>
  );
}
