/** Previous month, a month picker, next month. */
import { Field } from "./Field.tsx";
import { t } from "../i18n/index.ts";

export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split("-").map(Number);
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

export function MonthNav({ month, onMonth }: { month: string; onMonth(month: string): void }) {
  return (
    <div class="month-nav">
      <button type="button" aria-label={t("attendance.prev")} title={t("attendance.prev")} onClick={() => onMonth(shiftMonth(month, -1))}>
        ‹
      </button>
      <Field label={t("attendance.month")}>
        <input type="month" value={month} onChange={(e) => e.currentTarget.value && onMonth(e.currentTarget.value)} />
      </Field>
      <button type="button" aria-label={t("attendance.next")} title={t("attendance.next")} onClick={() => onMonth(shiftMonth(month, 1))}>
        ›
      </button>
    </div>
  );
}
