/**
 * Importing a staff list: every row checked against the directory as it is and the rest of the
 * file (departments, managers named further down, loops, duplicates, roles the importer may not
 * grant), reported per row and column; then, only when nothing is wrong, applied in one
 * transaction. A dry run stops after the report.
 */
import type { Actor } from "../permissions.ts";
import type { AttendanceStore } from "../store/index.ts";
import { IM_PLATFORMS, type Department, type Employee, type ImIds, type Role } from "../types.ts";
import { DepartmentCodeSchema } from "./schemas.ts";
import { IMPORT_FIELDS, mapHeader, readCell, type ImportField, type ReadRow } from "./import-columns.ts";
import { roleChangeRefusal } from "./rules.ts";
import type { Table } from "./table-file.ts";
import { chainReaches } from "./views.ts";

export interface ImportOptions {
  /** Report what would happen and write nothing. */
  dryRun?: boolean;
  /** Create the departments the file names that do not exist (otherwise each is an error). */
  createDepartments?: boolean;
}

/** One problem, where the file has it: its row (the header is row 1) and column header. */
export interface ImportError {
  row: number;
  column: string;
  code: string;
  message: string;
}

/** What a row does: a new person, changes to one (the fields named), or nothing. */
export interface ImportRowResult {
  row: number;
  login: string;
  action: "create" | "update" | "unchanged";
  changes: string[];
}

export interface ImportReport {
  dryRun: boolean;
  /** Whether the file was written (never with a dry run or an error). */
  applied: boolean;
  rows: ImportRowResult[];
  errors: ImportError[];
  /** Departments the import creates (with createDepartments=1). */
  departmentsCreated: string[];
  counts: { create: number; update: number; unchanged: number };
}

/** The directory as an import reads it. */
export interface DirectoryState {
  people: Employee[];
  departments: Department[];
  im: Map<number, ImIds>;
}

/** A row that passed its cells' checks, with what it resolves to. */
export interface PlannedRow {
  row: number;
  read: ReadRow & { login: string };
  existing?: Employee;
  departmentKey: string;
  result: ImportRowResult;
}

/** What applying needs: the rows, the new departments (code -> name), and the final manager of each login. */
export interface ImportPlan {
  report: ImportReport;
  rows: PlannedRow[];
  newDepartments: Map<string, string>;
  departmentOf: (row: PlannedRow) => { id?: number; code: string };
}

/** The columns whose values repeat down a staff list (the others are one person's own). */
const REPEATING: ReadonlySet<ImportField> = new Set(["department", "manager", "role", "hireDate", "careerStart", "language"]);

/** Reads the table's rows into field values, reporting the cells that cannot be read. */
function readRows(table: Table, errors: ImportError[]): { row: number; read: ReadRow; headerOf: (f: ImportField) => string }[] {
  const [header, ...data] = table;
  if (!header) {
    errors.push({ row: 1, column: "", code: "INVALID_INPUT", message: "The file is empty" });
    return [];
  }
  const map = mapHeader(header.cells);
  for (const u of map.unknown) errors.push({ row: header.row, column: u.header, code: "UNKNOWN_COLUMN", message: `Unknown column "${u.header}"; known: ${IMPORT_FIELDS.join(", ")}` });
  for (const f of map.missing) errors.push({ row: header.row, column: f, code: "MISSING_COLUMN", message: `The file needs a ${f} column` });
  if (map.missing.length) return [];
  const headerOf = (f: ImportField) => header.cells[map.fields.indexOf(f)] ?? f;
  // A staff list repeats these cells row after row (a department, a manager, a date): each is read once.
  const known = new Map<string, ReturnType<typeof readCell>>();
  const cellOf = (field: ImportField, text: string) => {
    if (!REPEATING.has(field)) return readCell(field, text);
    const key = `${field}\u0000${text}`;
    let cell = known.get(key);
    if (!cell) known.set(key, (cell = readCell(field, text)));
    return cell;
  };
  return data.map(({ row, cells }) => {
    const read: ReadRow = { im: {} };
    map.fields.forEach((field, i) => {
      const text = cells[i] ?? "";
      if (!field || text === "") return;
      const cell = cellOf(field, text);
      if (!cell.ok) return errors.push({ row, column: header.cells[i], code: "INVALID_INPUT", message: cell.message });
      if ((IM_PLATFORMS as readonly string[]).includes(field)) read.im[field as (typeof IM_PLATFORMS)[number]] = cell.value;
      else (read as unknown as Record<string, unknown>)[field] = cell.value;
    });
    for (const f of ["login", "name", "department", "hireDate"] as const) {
      if (read[f] === undefined && !errors.some((e) => e.row === row && e.column === headerOf(f))) errors.push({ row, column: headerOf(f), code: "INVALID_INPUT", message: `${f} is required` });
    }
    return { row, read, headerOf };
  });
}

/** Plans an import of `table` by `actor` over `state`: what each row does and every error. */
export function planImport(actor: Actor, table: Table, state: DirectoryState, options: ImportOptions): ImportPlan {
  const errors: ImportError[] = [];
  const byLogin = new Map(state.people.map((p) => [p.login, p]));
  const deptByKey = new Map<string, Department>();
  for (const d of state.departments) for (const k of [d.code, d.name, d.nameEn]) if (!deptByKey.has(k.toLowerCase())) deptByKey.set(k.toLowerCase(), d);
  const emailOwner = new Map(state.people.filter((p) => p.email).map((p) => [p.email!, p.login]));
  const imOwner = new Map<string, number>();
  for (const [id, ids] of state.im) for (const [platform, imId] of Object.entries(ids)) imOwner.set(`${platform}:${imId}`, id);
  const newDepartments = new Map<string, string>();
  /** The code planned for each department name (lower case) the file adds. */
  const plannedCode = new Map<string, string>();
  const seen = new Map<string, number>();
  const rows: PlannedRow[] = [];

  for (const { row, read, headerOf } of readRows(table, errors)) {
    const fail = (field: ImportField, code: string, message: string) => errors.push({ row, column: headerOf(field), code, message });
    if (!read.login || !read.department || !read.name || !read.hireDate) continue;
    const login = read.login;
    if (seen.has(login)) {
      fail("login", "DUPLICATE_LOGIN", `${login} is also on row ${seen.get(login)}`);
      continue;
    }
    seen.set(login, row);
    const existing = byLogin.get(login);
    const departmentKey = read.department.toLowerCase();
    const dept = deptByKey.get(departmentKey);
    if (!dept) {
      if (!options.createDepartments) fail("department", "UNKNOWN_DEPARTMENT", `No department ${read.department} (add it, or import with createDepartments=1)`);
      else if (!plannedCode.has(departmentKey)) {
        const code = newDepartmentCode(read.department, newDepartments, deptByKey);
        plannedCode.set(departmentKey, code);
        newDepartments.set(code, read.department);
      }
    } else if (!dept.active) fail("department", "UNKNOWN_DEPARTMENT", `Department ${dept.code} is inactive`);
    const role: Role = read.role ?? existing?.role ?? "employee";
    const refusal = roleChangeRefusal(actor, existing?.role ?? null, role);
    if (refusal) fail("role", "FORBIDDEN", refusal);
    if (read.email) {
      const owner = emailOwner.get(read.email);
      if (owner !== undefined && owner !== login) fail("email", "DUPLICATE_EMAIL", `${read.email} belongs to ${owner}`);
      else emailOwner.set(read.email, login);
    }
    for (const [platform, imId] of Object.entries(read.im)) {
      const owner = imOwner.get(`${platform}:${imId}`);
      if (owner !== undefined && owner !== (existing?.id ?? -row)) fail(platform as ImportField, "DUPLICATE_IM_ID", `That ${platform} id belongs to someone else`);
      else imOwner.set(`${platform}:${imId}`, existing?.id ?? -row);
    }
    if (read.careerStart && read.careerStart > read.hireDate) fail("careerStart", "INVALID_DATE", "The career starts after the hire date");
    const result: ImportRowResult = { row, login, action: existing ? "update" : "create", changes: [] };
    rows.push({ row, read: { ...read, login, role }, existing, departmentKey, result });
  }
  checkManagers(rows, byLogin, state, errors, table);
  checkLastAdmin(rows, state, errors, table);

  const departmentOf = (r: PlannedRow) => {
    const d = deptByKey.get(r.departmentKey);
    return d ? { id: d.id, code: d.code } : { code: plannedCode.get(r.departmentKey)! };
  };
  const byId = new Map(state.people.map((p) => [p.id, p]));
  for (const r of rows) {
    if (!r.existing) continue;
    r.result.changes = changedFields(r, departmentOf(r).id, byId, state.im.get(r.existing.id) ?? {});
    if (r.result.changes.length === 0) r.result.action = "unchanged";
  }
  const bad = new Set(errors.map((e) => e.row));
  const report: ImportReport = {
    dryRun: !!options.dryRun,
    applied: false,
    rows: rows.filter((r) => !bad.has(r.row)).map((r) => r.result),
    errors: errors.sort((a, b) => a.row - b.row),
    departmentsCreated: [...newDepartments.keys()],
    counts: { create: 0, update: 0, unchanged: 0 },
  };
  for (const r of report.rows) report.counts[r.action]++;
  return { report, rows, newDepartments, departmentOf };
}

/** A code for a department the file names: the name itself when it is a valid code, else D1, D2, ... */
function newDepartmentCode(name: string, planned: Map<string, string>, existing: Map<string, Department>): string {
  if (DepartmentCodeSchema.safeParse(name).success && !existing.has(name.toLowerCase())) return name;
  for (let i = 1; ; i++) if (!planned.has(`D${i}`) && !existing.has(`d${i}`)) return `D${i}`;
}

const columnName = (table: Table, field: ImportField) => {
  const header = table[0]?.cells ?? [];
  const i = mapHeader(header).fields.indexOf(field);
  return i >= 0 ? header[i] : field;
};

/** Managers named must exist (in the file or the directory, active) and make no loop. */
function checkManagers(rows: PlannedRow[], byLogin: Map<string, Employee>, state: DirectoryState, errors: ImportError[], table: Table): void {
  const inFile = new Map(rows.map((r) => [r.read.login, r]));
  const managerOf = new Map<string, string | null>();
  const loginOf = new Map(state.people.map((p) => [p.id, p.login]));
  for (const p of state.people) managerOf.set(p.login, p.managerId === null ? null : (loginOf.get(p.managerId) ?? null));
  for (const r of rows) if (r.read.manager !== undefined) managerOf.set(r.read.login, r.read.manager);
  const column = columnName(table, "manager");
  const ids = new Map([...managerOf.keys()].map((login, i) => [login, i]));
  const logins = [...managerOf.keys()];
  for (const r of rows) {
    const m = r.read.manager;
    if (m === undefined) continue;
    const known = inFile.has(m) || byLogin.get(m)?.status === "active";
    if (!known) errors.push({ row: r.row, column, code: "UNKNOWN_MANAGER", message: `No employee ${m} in the file or the directory` });
    else if (m === r.read.login || chainReaches(ids.get(m)!, ids.get(r.read.login)!, (id) => (managerOf.get(logins[id]) ? ids.get(managerOf.get(logins[id])!) : null))) {
      errors.push({ row: r.row, column, code: "MANAGER_CYCLE", message: `${m} reports (directly or not) to ${r.read.login}: that would make a loop` });
    }
  }
}

/** The import must leave at least one active admin. */
function checkLastAdmin(rows: PlannedRow[], state: DirectoryState, errors: ImportError[], table: Table): void {
  const finalRole = new Map(state.people.filter((p) => p.status === "active").map((p) => [p.login, p.role]));
  for (const r of rows) if (!r.existing || r.existing.status === "active") finalRole.set(r.read.login, r.read.role!);
  if ([...finalRole.values()].includes("admin")) return;
  const demoted = rows.find((r) => r.existing?.role === "admin");
  if (demoted) errors.push({ row: demoted.row, column: columnName(table, "role"), code: "LAST_ADMIN", message: "The import would leave no admin" });
}

/** The fields of an existing person the row changes. */
function changedFields(r: PlannedRow, departmentId: number | undefined, byId: Map<number, Employee>, im: ImIds): string[] {
  const e = r.existing!;
  const read = r.read;
  const changes: string[] = [];
  const differs = (field: keyof ReadRow, now: unknown) => read[field] !== undefined && read[field] !== now && changes.push(field);
  differs("name", e.name);
  differs("nameEn", e.nameEn);
  differs("email", e.email);
  differs("phone", e.phone);
  differs("role", e.role);
  differs("hireDate", e.hireDate);
  differs("careerStart", e.careerStart);
  differs("language", e.language);
  if (departmentId === undefined || departmentId !== e.departmentId) changes.push("department");
  if (read.manager !== undefined && read.manager !== (e.managerId === null ? null : byId.get(e.managerId)?.login)) changes.push("manager");
  for (const p of IM_PLATFORMS) if (read.im[p] !== undefined && read.im[p] !== im[p]) changes.push(p);
  return changes;
}

/** Reads the directory as an import needs it, through `store` (a transaction's, for the real run). */
export async function directoryState(store: AttendanceStore, im: (store: AttendanceStore) => Promise<Map<number, ImIds>>): Promise<DirectoryState> {
  const [people, departments, ids] = await Promise.all([store.people.list(), store.people.departments(), im(store)]);
  return { people, departments, im: ids };
}
