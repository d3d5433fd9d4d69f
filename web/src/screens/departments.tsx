/**
 * HR's departments as a tree (parents above their sub-departments): add one under any parent,
 * edit its names, head, parent and whether it is active. A loop, an unknown head or a taken code
 * is refused by the server and worded from its code; what was typed stays.
 */
import { useState } from "preact/hooks";
import { api, type DepartmentView } from "../api.ts";
import { DepartmentSelect, departmentName } from "../components/DepartmentSelect.tsx";
import { Field } from "../components/Field.tsx";
import { Load } from "../components/Load.tsx";
import { Status, type StatusMessage } from "../components/Status.tsx";
import { useTitle } from "../context.ts";
import { useLoad } from "../hooks.ts";
import { errorText } from "../i18n/errors.ts";
import { t } from "../i18n/index.ts";

const value = (e: Event) => (e.currentTarget as HTMLInputElement).value;

interface Form {
  code: string;
  name: string;
  nameEn: string;
  parent: string;
  head: string;
  active: boolean;
}

const EMPTY: Form = { code: "", name: "", nameEn: "", parent: "", head: "", active: true };

/** One department's form: a new one (with its code) or changes to `existing` (only what changed is sent). */
function DepartmentForm(props: { existing?: DepartmentView; departments: readonly DepartmentView[]; onDone(d: DepartmentView, text: string): void; onCancel?(): void }) {
  const { existing } = props;
  const [form, setForm] = useState<Form>(() => (existing ? { ...existing, parent: existing.parent ?? "", head: existing.head ?? "" } : EMPTY));
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const input = (key: "code" | "name" | "nameEn" | "head") => (e: Event) => setForm({ ...form, [key]: value(e) });
  async function save(): Promise<DepartmentView | null> {
    const head = form.head.trim() || null;
    const parent = form.parent || null;
    if (!existing) return api.addDepartment({ code: form.code.trim(), name: form.name.trim(), nameEn: form.nameEn.trim() || undefined, parent, head });
    const patch: Parameters<typeof api.updateDepartment>[1] = {};
    if (form.name.trim() !== existing.name) patch.name = form.name.trim();
    if (form.nameEn.trim() && form.nameEn.trim() !== existing.nameEn) patch.nameEn = form.nameEn.trim();
    if (parent !== existing.parent) patch.parent = parent;
    if (head !== existing.head) patch.head = head;
    if (form.active !== existing.active) patch.active = form.active;
    return Object.keys(patch).length ? api.updateDepartment(existing.code, patch) : null;
  }
  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    try {
      const saved = await save();
      if (!saved) return setMessage({ text: t("people.unchanged"), kind: "info" });
      props.onDone(saved, t(existing ? "depts.saved" : "depts.added", { name: departmentName(saved) }));
      if (!existing) setForm(EMPTY);
    } catch (error) {
      setMessage({ text: errorText(error), kind: "error" });
    }
  }
  const label = existing ? t("depts.editOf", { name: departmentName(existing) }) : t("depts.add");
  return (
    <form class={existing ? "dept-editor" : "card"} aria-label={label} onSubmit={(e) => void submit(e)}>
      {existing ? null : <h2>{t("depts.add")}</h2>}
      <div class="grid2">
        {existing ? null : (
          <Field label={t("depts.code")} hint={t("depts.codeHint")}>
            <input name="code" required maxLength={32} pattern="[A-Za-z0-9][A-Za-z0-9._\-]*" autocomplete="off" value={form.code} onInput={input("code")} />
          </Field>
        )}
        <Field label={t("depts.name")}>
          <input name="name" required maxLength={100} value={form.name} onInput={input("name")} />
        </Field>
        <Field label={t("depts.nameEn")}>
          <input name="nameEn" maxLength={100} value={form.nameEn} onInput={input("nameEn")} />
        </Field>
        <Field label={t("depts.parent")}>
          <DepartmentSelect name="parent" departments={props.departments} none={t("depts.noParent")} exclude={existing?.code} value={form.parent} onChange={(parent) => setForm({ ...form, parent })} />
        </Field>
        <Field label={t("depts.head")} hint={t("depts.headHint")}>
          <input name="head" autocomplete="off" value={form.head} onInput={input("head")} />
        </Field>
      </div>
      {existing ? (
        <label class="check">
          <input type="checkbox" name="active" checked={form.active} onChange={(e) => setForm({ ...form, active: e.currentTarget.checked })} />
          {t("depts.active")}
        </label>
      ) : null}
      <div class="row">
        <button type="submit" class="primary">
          {existing ? t("people.save") : t("depts.addButton")}
        </button>
        {props.onCancel ? (
          <button type="button" onClick={props.onCancel}>
            {t("people.cancel")}
          </button>
        ) : null}
      </div>
      <Status message={message} />
    </form>
  );
}

/** A department and, nested under it, its sub-departments. */
function Branch(props: { department: DepartmentView; tree: Map<string | null, DepartmentView[]>; all: readonly DepartmentView[]; open: string | null; setOpen(code: string | null): void; onDone(d: DepartmentView, text: string): void }) {
  const d = props.department;
  const subs = props.tree.get(d.code) ?? [];
  const editing = props.open === d.code;
  return (
    <li class={`dept${d.active ? "" : " inactive"}`} data-code={d.code}>
      <div class="dept-line">
        <span class="dept-name">{departmentName(d)}</span>
        <span class="muted">{d.code}</span>
        <span>{t("depts.headcount", { n: d.headcount })}</span>
        <span>{d.head ? t("depts.headIs", { login: d.head }) : t("depts.noHead")}</span>
        {d.active ? null : <span class="badge ps-left">{t("depts.inactive")}</span>}
        <button type="button" class="small" aria-expanded={editing ? "true" : "false"} onClick={() => props.setOpen(editing ? null : d.code)}>
          {t("people.edit")}
          <span class="sr-only"> {departmentName(d)}</span>
        </button>
      </div>
      {editing ? <DepartmentForm existing={d} departments={props.all} onDone={props.onDone} onCancel={() => props.setOpen(null)} /> : null}
      {subs.length ? (
        <ul>
          {subs.map((s) => (
            <Branch key={s.code} {...props} department={s} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export function DepartmentsScreen() {
  useTitle(t("depts.title"));
  const departments = useLoad(() => api.departments(), []);
  const [open, setOpen] = useState<string | null>(null);
  const [message, setMessage] = useState<StatusMessage | null>(null);
  function done(_d: DepartmentView, text: string): void {
    setOpen(null);
    setMessage({ text, kind: "ok" });
    departments.reload();
  }
  return (
    <section class="departments" aria-labelledby="depts-title">
      <h1 id="depts-title">{t("depts.title")}</h1>
      <Status message={message} />
      <Load state={departments} empty={(list) => !list.length && t("depts.none")}>
        {(list) => {
          const codes = new Set(list.map((d) => d.code));
          const children = new Map<string | null, DepartmentView[]>();
          for (const d of [...list].sort((a, b) => a.code.localeCompare(b.code))) {
            const parent = d.parent !== null && codes.has(d.parent) ? d.parent : null;
            children.set(parent, [...(children.get(parent) ?? []), d]);
          }
          return (
            <section class="card" aria-labelledby="depts-tree">
              <h2 id="depts-tree">{t("depts.tree")}</h2>
              <ul class="dept-tree">
                {(children.get(null) ?? []).map((d) => (
                  <Branch key={d.code} department={d} tree={children} all={list} open={open} setOpen={(c) => (setMessage(null), setOpen(c))} onDone={done} />
                ))}
              </ul>
            </section>
          );
        }}
      </Load>
      <DepartmentForm departments={departments.data ?? []} onDone={done} />
    </section>
  );
}
