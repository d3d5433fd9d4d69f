/**
 * The directory as callers see it: people and departments named by login and code (ids stay
 * inside), with their chat ids. Pure: built from what the service read.
 */
import type { Department, Employee, ImIds } from "../types.ts";

/** An employee as the directory shows and edits them. */
export interface EmployeeView {
  login: string;
  name: string;
  nameEn: string;
  email: string | null;
  phone: string | null;
  /** The department's code. */
  department: string;
  /** The manager's login; null for nobody. */
  manager: string | null;
  role: Employee["role"];
  hireDate: string;
  careerStart: string;
  language: Employee["language"];
  /** Chat user ids by platform. */
  im: ImIds;
  status: Employee["status"];
  /** The last day worked, for someone who left. */
  leavingDate: string | null;
}

/** A department as the tree shows it. */
export interface DepartmentView {
  code: string;
  name: string;
  nameEn: string;
  /** The parent's code; null at the top. */
  parent: string | null;
  /** The head's login; null while nobody heads it. */
  head: string | null;
  active: boolean;
  /** Active members (sub-departments not included). */
  headcount: number;
}

/** One page of a listing. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Lookups by id for building views. */
export interface Names {
  loginOf: Map<number, string>;
  codeOf: Map<number, string>;
  im: Map<number, ImIds>;
}

export function employeeView(e: Employee, names: Names): EmployeeView {
  return {
    login: e.login,
    name: e.name,
    nameEn: e.nameEn,
    email: e.email,
    phone: e.phone,
    department: names.codeOf.get(e.departmentId) ?? "",
    manager: e.managerId === null ? null : (names.loginOf.get(e.managerId) ?? null),
    role: e.role,
    hireDate: e.hireDate,
    careerStart: e.careerStart,
    language: e.language,
    im: names.im.get(e.id) ?? {},
    status: e.status,
    leavingDate: e.leavingDate,
  };
}

export function departmentView(d: Department, names: Pick<Names, "loginOf" | "codeOf">, headcount: number): DepartmentView {
  return {
    code: d.code,
    name: d.name,
    nameEn: d.nameEn,
    parent: d.parentId === null ? null : (names.codeOf.get(d.parentId) ?? null),
    head: d.headId === null ? null : (names.loginOf.get(d.headId) ?? null),
    active: d.active,
    headcount,
  };
}

/** The ids of the departments under `rootIds`, the roots included. */
export function departmentSubtree(rootIds: Iterable<number>, departments: readonly Pick<Department, "id" | "parentId">[]): Set<number> {
  const children = new Map<number, number[]>();
  for (const d of departments) if (d.parentId !== null) children.set(d.parentId, [...(children.get(d.parentId) ?? []), d.id]);
  const out = new Set<number>();
  const queue = [...rootIds];
  while (queue.length) {
    const id = queue.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    queue.push(...(children.get(id) ?? []));
  }
  return out;
}

/** Whether following `parentOf` from `start` reaches `target` (a loop in the chain ends the walk). */
export function chainReaches(start: number | null, target: number, parentOf: (id: number) => number | null | undefined): boolean {
  const seen = new Set<number>();
  for (let id: number | null | undefined = start; id !== null && id !== undefined && !seen.has(id); id = parentOf(id)) {
    if (id === target) return true;
    seen.add(id);
  }
  return false;
}

const CSV_HEADER = ["login", "name", "nameEn", "email", "phone", "department", "manager", "role", "hireDate", "careerStart", "language", "wecom", "feishu", "dingtalk", "slack", "status", "leavingDate"] as const;

/** A CSV field: quoted when it holds a comma, quote or line break; a leading = + - @ is defused for spreadsheets. */
function csvField(v: string | null | undefined): string {
  let s = v ?? "";
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The directory as CSV, with the import's English headers (and status), so an export imports back. */
export function employeesCsv(rows: EmployeeView[]): string {
  const lines = rows.map((r) =>
    [r.login, r.name, r.nameEn, r.email, r.phone, r.department, r.manager, r.role, r.hireDate, r.careerStart, r.language, r.im.wecom, r.im.feishu, r.im.dingtalk, r.im.slack, r.status, r.leavingDate]
      .map(csvField)
      .join(","),
  );
  return "\ufeff" + [CSV_HEADER.join(","), ...lines].join("\r\n") + "\r\n";
}
