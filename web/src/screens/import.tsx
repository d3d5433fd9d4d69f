/**
 * Importing a staff list (CSV or XLSX): a dry run first, shown row by row (new, changed, the same)
 * with every problem at its row and column; only a clean dry run enables the real import, which
 * is all or nothing. Changing the file or the options asks for a new dry run.
 */
import { useState } from "preact/hooks";
import { api, ApiError, type ImportReport } from "../api.ts";
import { Field } from "../components/Field.tsx";
import { Status, type StatusMessage } from "../components/Status.tsx";
import { Table } from "../components/Table.tsx";
import { useTitle } from "../context.ts";
import { errorText } from "../i18n/errors.ts";
import { t, type Key } from "../i18n/index.ts";

type Problem = ImportReport["errors"][number];

/** One line of the table: a row of the file, what it does, and its problems. */
interface Line {
  row: number;
  login: string;
  action: ImportReport["rows"][number]["action"] | "error";
  changes: string[];
  problems: Problem[];
}

/** The report's rows and problems merged by row number, in file order. */
export function linesOf(report: ImportReport): Line[] {
  const lines = new Map<number, Line>();
  for (const r of report.rows) lines.set(r.row, { ...r, problems: [] });
  for (const e of report.errors) {
    const line = lines.get(e.row) ?? { row: e.row, login: "", action: "error", changes: [], problems: [] };
    line.action = "error";
    line.problems.push(e);
    lines.set(e.row, line);
  }
  return [...lines.values()].sort((a, b) => a.row - b.row);
}

/** A problem in the page's words (the server's own sentence, more precise, on English pages). */
function problemText(p: Problem): string {
  return errorText(new ApiError(422, p.code, p.message));
}

function ReportTable({ report }: { report: ImportReport }) {
  const head = [t("import.col.row"), t("people.col.login"), t("import.col.result"), t("import.col.details")];
  return (
    <Table class="import-report" caption={t("import.rows")} head={head}>
      {linesOf(report).map((line) => (
        <tr class={line.action === "error" ? "row-error" : `row-${line.action}`} data-row={line.row}>
          <th scope="row">{t("import.row", { row: line.row })}</th>
          <td data-label={head[1]}>{line.login || "—"}</td>
          <td data-label={head[2]}>
            <span class={`badge ia-${line.action}`}>{t(`import.action.${line.action}` as Key)}</span>
          </td>
          <td data-label={head[3]}>
            {line.problems.length ? (
              <ul class="problems">
                {line.problems.map((p) => (
                  <li>
                    <mark class="cell-error" data-column={p.column}>
                      {p.column || t("import.file")}
                    </mark>{" "}
                    {problemText(p)}
                  </li>
                ))}
              </ul>
            ) : (
              line.changes.join(", ") || "—"
            )}
          </td>
        </tr>
      ))}
    </Table>
  );
}

function countsText(report: ImportReport): string {
  return t("import.counts", { create: report.counts.create, update: report.counts.update, unchanged: report.counts.unchanged, departments: report.departmentsCreated.length });
}

export function ImportScreen() {
  useTitle(t("import.title"));
  const [file, setFile] = useState<File | null>(null);
  const [createDepartments, setCreateDepartments] = useState(false);
  /** The last dry run's (or refused import's) report, for the file and options as they are. */
  const [report, setReport] = useState<ImportReport | null>(null);
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(dryRun: boolean): Promise<void> {
    if (!file) return;
    setBusy(true);
    setMessage(null);
    try {
      const result = await api.importEmployees(file, { dryRun, createDepartments });
      if (dryRun) {
        setReport(result);
        setMessage(result.errors.length ? { text: t("import.hasErrors", { n: result.errors.length }), kind: "error" } : { text: t("import.ready", { counts: countsText(result) }), kind: "info" });
      } else {
        setReport(null);
        setMessage({ text: t("import.done", { counts: countsText(result) }), kind: "ok" });
      }
    } catch (error) {
      // A file refused at the real import (changed since its dry run) comes back with its report.
      const refused = error instanceof ApiError ? (error.params.report as ImportReport | undefined) : undefined;
      if (refused) setReport(refused);
      setMessage({ text: errorText(error), kind: "error" });
    } finally {
      setBusy(false);
    }
  }

  const clean = report !== null && report.dryRun && report.errors.length === 0;
  return (
    <section class="import" aria-labelledby="import-title">
      <h1 id="import-title">{t("import.title")}</h1>
      <form class="card" aria-label={t("import.check")} onSubmit={(e) => (e.preventDefault(), void run(true))}>
        <p class="hint">{t("import.intro")}</p>
        <Field label={t("import.file")} hint={t("import.fileHint")}>
          <input
            type="file"
            name="file"
            required
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => (setFile(e.currentTarget.files?.[0] ?? null), setReport(null), setMessage(null))}
          />
        </Field>
        <label class="check">
          <input type="checkbox" name="createDepartments" checked={createDepartments} onChange={(e) => (setCreateDepartments(e.currentTarget.checked), setReport(null))} />
          {t("import.createDepartments")}
        </label>
        <div class="row">
          <button type="submit" disabled={busy || !file}>
            {t("import.check")}
          </button>
          <button type="button" class="primary" disabled={busy || !clean} onClick={() => void run(false)}>
            {t("import.commit")}
          </button>
        </div>
        {report && !clean ? <p class="hint">{t("import.commitHint")}</p> : null}
        <Status message={message} />
      </form>
      {report ? (
        <section class="card" aria-label={t("import.rows")}>
          <ReportTable report={report} />
        </section>
      ) : null}
    </section>
  );
}
