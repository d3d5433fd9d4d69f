/**
 * HR's people: search by name, login or email, filter by department (sub-departments included)
 * and status, a page at a time; each person edited in place, marked as left, or rehired; the
 * whole directory as a CSV in the import's format.
 */
import { useState } from "preact/hooks";
import { api, type DepartmentView, type EmployeeView } from "../api.ts";
import { DepartmentSelect, departmentName } from "../components/DepartmentSelect.tsx";
import { EmployeeEditor, EmploymentForm } from "../components/EmployeeEditor.tsx";
import { Field } from "../components/Field.tsx";
import { Load } from "../components/Load.tsx";
import { Status, type StatusMessage } from "../components/Status.tsx";
import { Table } from "../components/Table.tsx";
import { useTitle } from "../context.ts";
import { useLoad, type Loaded } from "../hooks.ts";
import { onLinkClick } from "../router.ts";
import { fmtDate, getLang, t, type Key } from "../i18n/index.ts";

const PAGE_SIZE = 20;

interface Filter {
  q: string;
  department: string;
  status: "" | "active" | "left";
  page: number;
}

/** Which form is open under which person's row. */
type Open = { login: string; form: "edit" | "employment" } | null;

function Filters(props: { filter: Filter; departments: Loaded<DepartmentView[]>; onChange(f: Filter): void }) {
  const [q, setQ] = useState(props.filter.q);
  const set = (patch: Partial<Filter>) => props.onChange({ ...props.filter, q, ...patch, page: 1 });
  return (
    <form class="card people-filter" role="search" onSubmit={(e) => (e.preventDefault(), set({}))}>
      <Field label={t("people.search")} hint={t("people.searchHint")}>
        <input type="search" name="q" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
      </Field>
      <Load state={props.departments} what={t("common.departments")}>
        {(departments) => (
          <Field label={t("people.department")}>
            <DepartmentSelect name="department" departments={departments} none={t("people.anyDepartment")} value={props.filter.department} onChange={(department) => set({ department })} />
          </Field>
        )}
      </Load>
      <Field label={t("people.status")}>
        <select name="status" value={props.filter.status} onChange={(e) => set({ status: e.currentTarget.value as Filter["status"] })}>
          <option value="">{t("people.anyStatus")}</option>
          <option value="active">{t("people.status.active")}</option>
          <option value="left">{t("people.status.left")}</option>
        </select>
      </Field>
      <button type="submit" class="primary">
        {t("people.find")}
      </button>
    </form>
  );
}

function PersonRow(props: { person: EmployeeView; departments: Loaded<DepartmentView[]>; open: Open; setOpen(o: Open): void; onChanged(p: EmployeeView, text: string): void }) {
  const { person: p, open } = props;
  const dept = props.departments.data?.find((d) => d.code === p.department);
  const name = getLang() === "zh" ? p.name : p.nameEn || p.name;
  const mine = open?.login === p.login ? open.form : null;
  const toggle = (form: "edit" | "employment") => props.setOpen(mine === form ? null : { login: p.login, form });
  return (
    <>
      <tr class={`person${p.status === "left" ? " left" : ""}`} data-login={p.login}>
        <th scope="row">{name}</th>
        <td data-label={t("people.col.login")}>{p.login}</td>
        <td data-label={t("people.department")}>{dept ? departmentName(dept) : p.department}</td>
        <td data-label={t("people.col.manager")}>{p.manager ?? "—"}</td>
        <td data-label={t("people.col.role")}>{t(`role.${p.role}` as Key)}</td>
        <td data-label={t("people.status")}>
          <span class={`badge ps-${p.status}`}>{p.status === "left" && p.leavingDate ? t("people.leftOn", { date: fmtDate(p.leavingDate) }) : t(`people.status.${p.status}` as Key)}</span>
        </td>
        <td class="actions">
          <button type="button" class="small" aria-expanded={mine === "edit" ? "true" : "false"} onClick={() => toggle("edit")}>
            {t("people.edit")}
            <span class="sr-only"> {name}</span>
          </button>
          <button type="button" class={`small${p.status === "active" ? " danger" : ""}`} aria-expanded={mine === "employment" ? "true" : "false"} onClick={() => toggle("employment")}>
            {t(p.status === "active" ? "people.markLeft" : "people.rejoin")}
            <span class="sr-only"> {name}</span>
          </button>
        </td>
      </tr>
      {mine ? (
        <tr class="editor-row">
          <td colSpan={7}>
            {mine === "edit" ? (
              // Not edited over an empty department list: the failure and its retry instead.
              <Load state={props.departments} what={t("common.departments")}>
                {(departments) => <EmployeeEditor person={p} departments={departments} onCancel={() => props.setOpen(null)} onSaved={(next) => props.onChanged(next, t("people.saved", { name: next.name }))} />}
              </Load>
            ) : (
              <EmploymentForm person={p} onCancel={() => props.setOpen(null)} onDone={props.onChanged} />
            )}
          </td>
        </tr>
      ) : null}
    </>
  );
}

export function EmployeesScreen() {
  useTitle(t("people.title"));
  const [filter, setFilter] = useState<Filter>({ q: "", department: "", status: "active", page: 1 });
  const [open, setOpen] = useState<Open>(null);
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const departments = useLoad(() => api.departments(), []);
  const people = useLoad(
    () => api.employees({ q: filter.q.trim() || undefined, department: filter.department || undefined, status: filter.status || undefined, page: String(filter.page), pageSize: String(PAGE_SIZE) }),
    [filter],
  );
  function changed(_p: EmployeeView, text: string): void {
    setOpen(null);
    setMessage({ text, kind: "ok" });
    people.reload();
  }
  return (
    <section class="people" aria-labelledby="people-title">
      <div class="title-row">
        <h1 id="people-title">{t("people.title")}</h1>
        <div class="row">
          <a class="button" href="/people/import" onClick={(e) => onLinkClick(e, "/people/import")}>
            {t("nav.import")}
          </a>
          <a class="button" href={api.employeesCsvUrl()} download="employees.csv">
            {t("people.export")}
          </a>
        </div>
      </div>
      <Filters filter={filter} departments={departments} onChange={(f) => (setOpen(null), setFilter(f))} />
      <Status message={message} />
      <Load state={people} empty={(page) => !page.items.length && t("people.none")}>
        {(page) => {
          const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
          return (
            <>
              <Table
                caption={t("people.count", { total: page.total })}
                class="people-table"
                head={[t("people.col.name"), t("people.col.login"), t("people.department"), t("people.col.manager"), t("people.col.role"), t("people.status"), t("people.col.actions")]}
              >
                {page.items.map((p) => (
                  <PersonRow key={p.login} person={p} departments={departments} open={open} setOpen={(o) => (setMessage(null), setOpen(o))} onChanged={changed} />
                ))}
              </Table>
              <nav class="pager row" aria-label={t("people.page", { page: page.page, pages })}>
                <button type="button" disabled={page.page <= 1} onClick={() => setFilter({ ...filter, page: page.page - 1 })}>
                  {t("people.prev")}
                </button>
                <span>{t("people.page", { page: page.page, pages })}</span>
                <button type="button" disabled={page.page >= pages} onClick={() => setFilter({ ...filter, page: page.page + 1 })}>
                  {t("people.next")}
                </button>
              </nav>
            </>
          );
        }}
      </Load>
    </section>
  );
}
