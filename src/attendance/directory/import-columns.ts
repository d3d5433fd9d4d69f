/**
 * The staff list's columns, in English or Chinese, and how each cell is read: the same schemas as
 * the REST API, with the spellings a spreadsheet from HR uses (员工/经理, 中文, 2026/3/1).
 */
import { IM_PLATFORMS, type ImPlatform, type Language, type Role } from "../types.ts";
import { EmailSchema, LoginSchema, NameSchema, PhoneSchema, RealDaySchema } from "./schemas.ts";

/** The fields a row can give, by their English header. */
export const IMPORT_FIELDS = ["login", "name", "nameEn", "email", "phone", "department", "manager", "role", "hireDate", "careerStart", "language", ...IM_PLATFORMS] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

const CHINESE: Record<ImportField, string> = {
  login: "账号",
  name: "姓名",
  nameEn: "英文名",
  email: "邮箱",
  phone: "电话",
  department: "部门",
  manager: "上级",
  role: "角色",
  hireDate: "入职日期",
  careerStart: "参加工作日期",
  language: "语言",
  wecom: "企业微信",
  feishu: "飞书",
  dingtalk: "钉钉",
  slack: "Slack",
};
/** Columns an export writes that an import reads past (leaving is recorded one person at a time). */
const IGNORED = new Set(["status", "leavingdate", "状态", "离职日期"]);
export const REQUIRED_FIELDS: readonly ImportField[] = ["login", "name", "department", "hireDate"];

const key = (header: string) => header.replace(/\s+/g, "").toLowerCase();
const BY_HEADER = new Map<string, ImportField>(IMPORT_FIELDS.flatMap((f) => [[key(f), f] as const, [key(CHINESE[f]), f] as const]));

/** Which field each column holds (null: ignored), or the headers nobody knows. */
export function mapHeader(cells: string[]): { fields: (ImportField | null)[]; unknown: { index: number; header: string }[]; missing: ImportField[] } {
  const fields: (ImportField | null)[] = [];
  const unknown: { index: number; header: string }[] = [];
  cells.forEach((header, index) => {
    const k = key(header);
    const field = BY_HEADER.get(k) ?? null;
    if (!field && k !== "" && !IGNORED.has(k)) unknown.push({ index, header });
    fields.push(field && !fields.includes(field) ? field : null);
  });
  return { fields, unknown, missing: REQUIRED_FIELDS.filter((f) => !fields.includes(f)) };
}

const ROLES: Record<string, Role> = { employee: "employee", manager: "manager", hr: "hr", admin: "admin", 员工: "employee", 经理: "manager", 主管: "manager", 人事: "hr", 管理员: "admin" };
const LANGUAGES: Record<string, Language> = { zh: "zh", en: "en", "zh-cn": "zh", 中文: "zh", chinese: "zh", 英文: "en", english: "en" };

/** A cell read, or why it cannot be. */
export type Cell<T> = { ok: true; value: T } | { ok: false; message: string };

const fromSchema = <T>(r: { success: true; data: T } | { success: false; error: { issues: { message: string }[] } }): Cell<T> =>
  r.success ? { ok: true, value: r.data } : { ok: false, message: r.error.issues[0]?.message ?? "invalid" };

/** "2026/3/1", "2026-3-1" and "2026-03-01" are the same date. */
function normalDate(s: string): string {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  return m ? `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}` : s;
}

/** A row's values by field, as written in the file (empty cells left out). */
export type RawRow = Partial<Record<ImportField, string>>;

/** A row's values once read; absent when its cell was empty. */
export interface ReadRow {
  login?: string;
  name?: string;
  nameEn?: string;
  email?: string;
  phone?: string;
  department?: string;
  manager?: string;
  role?: Role;
  hireDate?: string;
  careerStart?: string;
  language?: Language;
  im: Partial<Record<ImPlatform, string>>;
}

/** Reads one cell of `field`. */
export function readCell(field: ImportField, text: string): Cell<string> {
  switch (field) {
    case "login":
    case "manager":
      return fromSchema(LoginSchema.safeParse(text));
    case "name":
    case "nameEn":
    case "department":
      return fromSchema(NameSchema.safeParse(text));
    case "email":
      return fromSchema(EmailSchema.safeParse(text));
    case "phone":
      return fromSchema(PhoneSchema.safeParse(text));
    case "hireDate":
    case "careerStart":
      return fromSchema(RealDaySchema.safeParse(normalDate(text)));
    case "role": {
      const role = ROLES[text.toLowerCase()];
      return role ? { ok: true, value: role } : { ok: false, message: "role is one of employee, manager, hr, admin (员工, 经理, 人事, 管理员)" };
    }
    case "language": {
      const language = LANGUAGES[text.toLowerCase()];
      return language ? { ok: true, value: language } : { ok: false, message: "language is zh or en (中文, 英文)" };
    }
    default:
      return text.length <= 128 && !/[\u0000-\u001f\u007f]/.test(text) ? { ok: true, value: text } : { ok: false, message: "chat ids are up to 128 characters" };
  }
}
