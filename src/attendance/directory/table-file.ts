/**
 * A staff list file as rows of text: CSV (UTF-8, with or without a byte-order mark) by
 * papaparse, or the first sheet of an XLSX workbook by exceljs (loaded only when one comes).
 * Dates in date-typed cells come back as YYYY-MM-DD.
 */
import Papa from "papaparse";
import { DomainError } from "../errors.ts";

/** A non-empty row of a file: its number as a spreadsheet shows it (the header is row 1), its cells as trimmed text. */
export interface TableRow {
  row: number;
  cells: string[];
}
/** The non-empty rows of a file, the header first. */
export type Table = TableRow[];

/** An XLSX (and any zip) file starts with "PK\x03\x04". */
const isZip = (bytes: Uint8Array) => bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** Reads a CSV or XLSX file's bytes; what it is comes from its content, not its name. */
export async function readTable(bytes: Uint8Array): Promise<Table> {
  return isZip(bytes) ? readXlsx(bytes) : readCsv(bytes);
}

function readCsv(bytes: Uint8Array): Table {
  let text: string;
  try {
    // The decoder drops a byte-order mark.
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new DomainError("INVALID_INPUT", "The file is not UTF-8 text: save it as CSV UTF-8 or XLSX", { field: "file" });
  }
  // Papaparse reads a large staff list several times faster than csv-parse did (10,000 rows in
  // tens of milliseconds); rows may differ in length, a quote left open is an error.
  const parsed = Papa.parse<string[]>(text, { delimiter: ",", quoteChar: '"', skipEmptyLines: false });
  const broken = parsed.errors.find((e) => e.type === "Quotes");
  if (broken) throw new DomainError("INVALID_INPUT", `The CSV cannot be read: ${broken.message} (record ${(broken.row ?? 0) + 1})`, { field: "file" });
  return parsed.data.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => c.trim()) })).filter((r) => r.cells.some((c) => c !== ""));
}

/** A cell's value as text: dates as YYYY-MM-DD, rich text and formulas by what they show. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    const v = value as { text?: unknown; result?: unknown; richText?: { text: string }[]; hyperlink?: string };
    if (v.richText) return v.richText.map((r) => r.text).join("").trim();
    if (v.result !== undefined) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    return "";
  }
  return String(value).trim();
}

async function readXlsx(bytes: Uint8Array): Promise<Table> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (err) {
    throw new DomainError("INVALID_INPUT", `The XLSX file cannot be read: ${(err as Error).message}`, { field: "file" });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: Table = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let i = 1; i <= width; i++) cells.push(cellText(row.getCell(i).value));
    if (cells.some((c) => c !== "")) rows.push({ row: row.number, cells });
  });
  return rows;
}
