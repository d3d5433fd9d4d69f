/**
 * One staff list written as real files, the way HR would send it: CSV with a byte-order mark
 * (Excel's "CSV UTF-8") and Chinese headers, CSV without one and English headers, and XLSX
 * written with exceljs (date cells as dates).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";

export const ENGLISH = ["login", "name", "nameEn", "email", "department", "manager", "role", "hireDate", "careerStart", "language", "wecom", "feishu", "dingtalk", "slack"];
export const CHINESE = ["账号", "姓名", "英文名", "邮箱", "部门", "上级", "角色", "入职日期", "参加工作日期", "语言", "企业微信", "飞书", "钉钉", "Slack"];

/** Five people in three departments none of which exists yet; liuyang manages wangfang from a later row. */
export const STAFF: string[][] = [
  ["zhangwei", "张伟", "Zhang Wei", "zhangwei@acme.cn", "RD", "", "manager", "2020-03-01", "2012-07-01", "zh", "zw001", "", "", ""],
  ["lina", "李娜", "Li Na", "Li.Na@acme.cn", "RD", "zhangwei", "employee", "2021/5/10", "", "zh", "", "ou_lina", "", ""],
  ["wangfang", "王芳", "Wang Fang", "wangfang@acme.cn", "SALES", "liuyang", "员工", "2022-01-04", "", "中文", "", "", "", ""],
  ["liuyang", "刘洋", "Liu Yang", "liuyang@acme.cn", "SALES", "", "manager", "2019-09-01", "2010-09-01", "en", "", "", "", "U0LIUYANG"],
  ["chenjing", "陈静", "Chen Jing", "chenjing@acme.cn", "人力资源部", "", "hr", "2018-06-01", "", "zh", "", "", "dt_chen", ""],
];

/** Three bad rows after the good ones: an impossible date, a login already on row 2, a manager nobody is. */
export const BAD_ROWS: string[][] = [
  ["zhaolei", "赵磊", "Zhao Lei", "zhaolei@acme.cn", "RD", "zhangwei", "employee", "2021-02-30", "", "zh", "", "", "", ""],
  ["zhangwei", "张伟二", "Zhang Wei 2", "zw2@acme.cn", "RD", "", "employee", "2023-01-01", "", "zh", "", "", "", ""],
  ["sunmei", "孙梅", "Sun Mei", "sunmei@acme.cn", "SALES", "ghost", "employee", "2023-02-01", "", "zh", "", "", "", ""],
];

const csvLine = (cells: string[]) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",");

export function writeCsv(dir: string, name: string, header: string[], rows: string[][], bom: boolean): string {
  const file = path.join(dir, name);
  writeFileSync(file, (bom ? "\ufeff" : "") + [header, ...rows].map(csvLine).join("\r\n") + "\r\n");
  return file;
}

/** An XLSX workbook of the rows, dates as real date cells (as Excel stores typed-in dates). */
export async function writeXlsx(dir: string, name: string, header: string[], rows: string[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Staff");
  sheet.addRow(header);
  const dateColumns = new Set([7, 8]);
  for (const r of rows) {
    sheet.addRow(
      r.map((cell, i) => {
        if (!dateColumns.has(i) || cell === "") return cell === "" ? null : cell;
        const [y, m, d] = cell.split(/[-/]/).map(Number);
        return new Date(Date.UTC(y, m - 1, d));
      }),
    );
  }
  const file = path.join(dir, name);
  await workbook.xlsx.writeFile(file);
  return file;
}
