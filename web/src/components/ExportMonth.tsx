/**
 * A month's summaries as files people open: XLSX for Excel and WPS, CSV for anything else, with
 * headers, names and departments in the page's language. HR gets everyone, a manager their reports.
 */
import { useState } from "preact/hooks";
import { api } from "../api.ts";
import { useApp } from "../context.ts";
import { errorText } from "../i18n/errors.ts";
import { getLang, t } from "../i18n/index.ts";
import { saveFile } from "./download.ts";
import { Field } from "./Field.tsx";
import { Status, type StatusMessage } from "./Status.tsx";

export function ExportMonth() {
  const { me } = useApp();
  const [month, setMonth] = useState(me.today.slice(0, 7));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<StatusMessage | null>(null);
  async function download(format: "xlsx" | "csv"): Promise<void> {
    setBusy(true);
    setMessage(null);
    try {
      const { blob, filename } = await api.exportSummaries(month, format, getLang());
      saveFile(blob, filename);
      setMessage({ text: t("hr.downloaded", { file: filename }), kind: "ok" });
    } catch (error) {
      setMessage({ text: errorText(error), kind: "error" });
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="card export" aria-labelledby="export-title" onSubmit={(e) => (e.preventDefault(), void download("xlsx"))}>
      <h2 id="export-title">{t("hr.export")}</h2>
      <Field label={t("hr.exportMonth")}>
        <input type="month" name="month" required value={month} onInput={(e) => setMonth(e.currentTarget.value)} />
      </Field>
      <div class="row">
        <button type="submit" class="primary" disabled={busy}>
          {t("hr.downloadXlsx")}
        </button>
        <button type="button" disabled={busy} onClick={() => void download("csv")}>
          {t("hr.download")}
        </button>
      </div>
      <Status message={message} />
    </form>
  );
}
