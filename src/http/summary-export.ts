/**
 * The monthly export people open (issue 18): one row per person with their name and department
 * in the exporter's language and every figure of the monthly summary, as XLSX (exceljs) or as
 * CSV the way Excel opens it (UTF-8 with a BOM, CRLF line ends). Headers come from prompts/.
 */
import ExcelJS from "exceljs";
import { phrase, type Lang } from "../agent/replies.ts";
import type { MonthlyReportRow } from "../attendance/service.ts";
import { LEAVE_TYPES } from "../attendance/types.ts";

type Cell = string | number;

/** One column: its header's key in prompts/ (and its parameters), and its cell for a row. */
interface Column {
  header: [key: string, params?: Record<string, unknown>];
  cell(row: MonthlyReportRow, lang: Lang): Cell;
}

const figure = (key: keyof MonthlyReportRow["summary"]): Column => ({ header: [`export.col.${key}`], cell: (r) => r.summary[key] as number });

/** Every column, in the order of the file. */
const COLUMNS: Column[] = [
  { header: ["export.col.month"], cell: (r) => r.summary.month },
  { header: ["export.col.login"], cell: (r) => r.summary.login },
  { header: ["export.col.name"], cell: (r, lang) => (lang === "en" && r.nameEn ? r.nameEn : r.name) },
  { header: ["export.col.department"], cell: (r, lang) => (r.department ? (lang === "en" && r.department.nameEn ? r.department.nameEn : r.department.name) : "") },
  figure("requiredDays"),
  figure("attendedDays"),
  figure("lateCount"),
  figure("lateMinutes"),
  figure("seriousLateCount"),
  figure("earlyLeaveCount"),
  figure("earlyLeaveMinutes"),
  figure("missingPunchCount"),
  figure("absentDays"),
  figure("absentLateCount"),
  figure("absentEarlyCount"),
  figure("correctionCount"),
  figure("fieldPunchCount"),
  { header: ["export.col.overtimeWorkday"], cell: (r) => r.summary.overtimeHours.workday },
  { header: ["export.col.overtimeRestDay"], cell: (r) => r.summary.overtimeHours.restDay },
  { header: ["export.col.overtimeHoliday"], cell: (r) => r.summary.overtimeHours.holiday },
  { header: ["export.col.leaveDays"], cell: (r) => r.summary.leaveDays.total },
  ...LEAVE_TYPES.map((type): Column => ({ header: ["export.col.leaveType", { type }], cell: (r) => r.summary.leaveDays.byType[type] ?? 0 })),
  { header: ["export.col.fullAttendance"], cell: (r, lang) => phrase(lang, r.summary.fullAttendance ? "export.yes" : "export.no") },
  { header: ["export.col.shiftCode"], cell: (r) => r.summary.shiftCode },
  { header: ["export.col.judgedThrough"], cell: (r) => r.summary.judgedThrough ?? "" },
];

/** The header row in `lang`. */
export function exportHeaders(lang: Lang): string[] {
  return COLUMNS.map(({ header: [key, params] }) => phrase(lang, key, params?.type ? { type: phrase(lang, `leaveType.${String(params.type)}`) } : params));
}

/** The rows' cells, in the columns' order. */
function cells(rows: MonthlyReportRow[], lang: Lang): Cell[][] {
  return rows.map((r) => COLUMNS.map((c) => c.cell(r, lang)));
}

/** A CSV field: quoted when it needs to be; text that a spreadsheet would run as a formula is kept as text. */
function csvField(value: Cell): string {
  if (typeof value === "number") return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The month as CSV: UTF-8 with a BOM (Excel reads it as UTF-8 then), CRLF line ends (RFC 4180). */
export function summariesCsv(rows: MonthlyReportRow[], lang: Lang): string {
  const lines = [exportHeaders(lang), ...cells(rows, lang)].map((line) => line.map(csvField).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** The month as an XLSX workbook: one sheet named after the month, the header row bold and frozen. */
export async function summariesXlsx(rows: MonthlyReportRow[], lang: Lang, month: string): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "voice-attendance";
  const sheet = workbook.addWorksheet(month, { views: [{ state: "frozen", ySplit: 1 }] });
  const headers = exportHeaders(lang);
  sheet.addRow(headers).font = { bold: true };
  for (const line of cells(rows, lang)) sheet.addRow(line);
  sheet.columns.forEach((column, i) => {
    column.width = Math.min(40, Math.max(10, headers[i].length * (lang === "zh" ? 2 : 1) + 2));
  });
  return new Uint8Array(Buffer.from(await workbook.xlsx.writeBuffer()));
}
