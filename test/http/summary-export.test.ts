/**
 * The monthly export (issue 18) over HTTP on a real SQLite file with two months of history: the
 * XLSX read back with exceljs holds the summary API's figures, one row per person; the CSV opens
 * in Excel (BOM, CRLF) with headers in the exporter's language.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/http/app.ts";
import { LEAVE_TYPES, type MonthlySummary } from "../../src/attendance/types.ts";
import { demoSystem } from "../helpers.ts";

const NOW = "2026-11-26T10:00:00+08:00";
const MONTH = "2026-10";

async function exportApp() {
  const sys = await demoSystem(NOW, { history: true });
  const app = createApp(sys);
  const tokens = new Map<string, string>();
  const call = async (login: string, path: string) => {
    const token = tokens.get(login) ?? tokens.set(login, await sys.token(login)).get(login)!;
    return app.request(path, { headers: { authorization: `Bearer ${token}` } });
  };
  return { sys, call };
}

/** What a row must say about a person, from the summary API (zh names, zh headers' order). */
function expectedRow(s: MonthlySummary, name: string, department: string): (string | number)[] {
  return [
    s.month,
    s.login,
    name,
    department,
    s.requiredDays,
    s.attendedDays,
    s.lateCount,
    s.lateMinutes,
    s.seriousLateCount,
    s.earlyLeaveCount,
    s.earlyLeaveMinutes,
    s.missingPunchCount,
    s.absentDays,
    s.absentLateCount,
    s.absentEarlyCount,
    s.correctionCount,
    s.fieldPunchCount,
    s.overtimeHours.workday,
    s.overtimeHours.restDay,
    s.overtimeHours.holiday,
    s.leaveDays.total,
    ...LEAVE_TYPES.map((t) => s.leaveDays.byType[t] ?? 0),
    s.fullAttendance ? "是" : "否",
    s.shiftCode,
    s.judgedThrough ?? "",
  ];
}

describe("the monthly export", () => {
  it("an XLSX read back with exceljs has the summary API's figures for every person HR sees, with zh names and departments", async () => {
    const { sys, call } = await exportApp();
    const res = await call("zhao", `/api/export/summaries.xlsx?month=${MONTH}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="attendance-${MONTH}.xlsx"`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe(MONTH);
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1).map((v) => v ?? "");
    expect(values(1).slice(0, 6)).toEqual(["月份", "账号", "姓名", "部门", "应出勤天数", "实际出勤天数"]);
    expect(values(1)).toContain("年假天数");

    const people = new Map((await sys.store.people.list()).map((e) => [e.login, e]));
    const departments = new Map((await sys.store.people.departments()).map((d) => [d.id, d.name]));
    const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => values(i + 2));
    expect(rows.map((r) => r[1]).sort()).toEqual([...people.values()].filter((e) => e.role !== "admin").map((e) => e.login).sort());
    let absent = 0;
    for (const row of rows) {
      const person = people.get(String(row[1]))!;
      const summary = (await (await call("zhao", `/api/summary?login=${person.login}&month=${MONTH}`)).json()) as MonthlySummary;
      expect(row).toEqual(expectedRow(summary, person.name, departments.get(person.departmentId)!));
      absent += summary.absentDays + summary.lateCount;
    }
    // The history gives the month something to count.
    expect(absent).toBeGreaterThan(0);
  });

  it("a CSV starts with a BOM, ends lines with CRLF, and words its headers, names and departments in the exporter's language", async () => {
    const { call } = await exportApp();
    const res = await call("zhao", `/api/export/summaries.csv?month=${MONTH}`);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = text.slice(1).split("\r\n");
    expect(lines[0]).toMatch(/^月份,账号,姓名,部门,应出勤天数,实际出勤天数,迟到次数,/);
    expect(lines.find((l) => l.startsWith(`${MONTH},wang,`))).toMatch(new RegExp(`^${MONTH},wang,王小明,研发部,\\d+,`));

    // ?lang=en: the same figures under English headers, with English names and departments.
    const english = (await (await call("zhao", `/api/export/summaries.csv?month=${MONTH}&lang=en`)).text()).replace(/^\uFEFF/, "").split("\r\n");
    expect(english[0]).toMatch(/^Month,Login,Name,Department,Required days,Attended days,Late arrivals,/);
    const wang = english.find((l) => l.startsWith(`${MONTH},wang,`))!;
    expect(wang).toMatch(new RegExp(`^${MONTH},wang,Wang Xiaoming,Engineering,`));
    const zhWang = lines.find((l) => l.startsWith(`${MONTH},wang,`))!;
    expect(wang.split(",").slice(4, -3)).toEqual(zhWang.split(",").slice(4, -3));
  });

  it("a manager exports their reports only; an employee cannot export", async () => {
    const { sys, call } = await exportApp();
    const lines = (await (await call("chen", `/api/export/summaries.csv?month=${MONTH}`)).text()).trim().split("\r\n").slice(1);
    const reports = (await sys.store.people.list()).filter((e) => e.managerId === sys.user("chen").id).map((e) => e.login);
    expect(lines.map((l) => l.split(",")[1]).sort()).toEqual(reports.sort());
    expect((await call("wang", `/api/export/summaries.xlsx?month=${MONTH}`)).status).toBe(403);
  });
});
