/** A month's figures: the sentence a person reads first, then every count. */
import type { MonthlySummary } from "../api.ts";
import { fmtDate, fmtNumber, t, type Key } from "../i18n/index.ts";

export function Summary({ s, title }: { s: MonthlySummary; title?: string }) {
  const stat = (label: Key, value: string | number) => (
    <div class="stat">
      <dt>{t(label)}</dt>
      <dd>{value}</dd>
    </div>
  );
  const full = s.fullAttendance ? t("summary.sentence.full") : t("summary.sentence.notFull");
  if (s.notCounted) {
    return (
      <section class="card summary" aria-labelledby="summary-title" data-testid="summary">
        <h2 id="summary-title">{title ?? t("summary.title")}</h2>
        <p class="sentence" data-not-counted={s.notCounted}>
          {t(`summary.notCounted.${s.notCounted}`)}
        </p>
      </section>
    );
  }
  const late = s.lateCount === 1 ? t("summary.lateOnce") : t("summary.lateTimes", { n: s.lateCount });
  return (
    <section class="card summary" aria-labelledby="summary-title" data-testid="summary">
      <h2 id="summary-title">{title ?? t("summary.title")}</h2>
      <p class="sentence">{t("summary.sentence", { required: fmtNumber(s.requiredDays), attended: fmtNumber(s.attendedDays), late, full })}</p>
      <dl class="stats">
        {stat("summary.required", fmtNumber(s.requiredDays))}
        {stat("summary.attended", fmtNumber(s.attendedDays))}
        {stat("summary.late", s.lateCount)}
        {stat("summary.lateMinutes", s.lateMinutes)}
        {stat("summary.early", s.earlyLeaveCount)}
        {stat("summary.missing", s.missingPunchCount)}
        {stat("summary.absent", fmtNumber(s.absentDays))}
        {stat("summary.leave", fmtNumber(s.leaveDays.total))}
        {stat("summary.full", t(s.fullAttendance ? "common.yes" : "common.no"))}
      </dl>
      <p class="hint">{s.judgedThrough ? t("summary.judgedThrough", { date: fmtDate(s.judgedThrough) }) : t("summary.notJudged")}</p>
    </section>
  );
}
