/**
 * HR's forms for one person, shown in place under their row: edit the record (only the fields
 * changed are sent; an empty optional field clears it), mark them as left, or rehire them. What
 * was typed stays when the server refuses; the refusal is worded from its code.
 */
import { useState } from "preact/hooks";
import { addDays } from "../../../src/attendance/time.ts";
import { IM_PLATFORMS, LANGUAGES, ROLES, type ImPlatform } from "../../../src/attendance/types.ts";
import { api, type DepartmentView, type EmployeePatch, type EmployeeView } from "../api.ts";
import { useApp } from "../context.ts";
import { errorText } from "../i18n/errors.ts";
import { fmtDate, t, type Key } from "../i18n/index.ts";
import { DepartmentSelect } from "./DepartmentSelect.tsx";
import { Field } from "./Field.tsx";
import { Status, type StatusMessage } from "./Status.tsx";

const value = (e: Event) => (e.currentTarget as HTMLInputElement).value;

type Form = Record<"name" | "nameEn" | "email" | "phone" | "department" | "manager" | "role" | "language", string> & { im: Record<ImPlatform, string> };

function formOf(p: EmployeeView): Form {
  const im = Object.fromEntries(IM_PLATFORMS.map((k) => [k, p.im[k] ?? ""])) as Record<ImPlatform, string>;
  return { name: p.name, nameEn: p.nameEn, email: p.email ?? "", phone: p.phone ?? "", department: p.department, manager: p.manager ?? "", role: p.role, language: p.language, im };
}

/** What changed between the record and the form, as the PATCH body (empty optional text is null). */
export function patchOf(p: EmployeeView, f: Form): EmployeePatch {
  const patch: EmployeePatch = {};
  const text = (s: string) => s.trim() || null;
  if (f.name.trim() !== p.name) patch.name = f.name.trim();
  if (f.nameEn.trim() && f.nameEn.trim() !== p.nameEn) patch.nameEn = f.nameEn.trim();
  if (text(f.email) !== p.email) patch.email = text(f.email);
  if (text(f.phone) !== p.phone) patch.phone = text(f.phone);
  if (f.department !== p.department) patch.department = f.department;
  if (text(f.manager) !== p.manager) patch.manager = text(f.manager);
  if (f.role !== p.role) patch.role = f.role as EmployeeView["role"];
  if (f.language !== p.language) patch.language = f.language as EmployeeView["language"];
  const im: Partial<Record<ImPlatform, string | null>> = {};
  for (const k of IM_PLATFORMS) if (text(f.im[k]) !== (p.im[k] ?? null)) im[k] = text(f.im[k]);
  if (Object.keys(im).length) patch.im = im;
  return patch;
}

export function EmployeeEditor(props: { person: EmployeeView; departments: readonly DepartmentView[]; onSaved(p: EmployeeView): void; onCancel(): void }) {
  const { me } = useApp();
  const { person } = props;
  const [form, setForm] = useState(() => formOf(person));
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const [busy, setBusy] = useState(false);
  const input = (key: Exclude<keyof Form, "im">) => (e: Event) => setForm({ ...form, [key]: value(e) });
  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    const patch = patchOf(person, form);
    if (!Object.keys(patch).length) return setMessage({ text: t("people.unchanged"), kind: "info" });
    setBusy(true);
    try {
      props.onSaved(await api.updateEmployee(person.login, patch));
    } catch (error) {
      setMessage({ text: errorText(error), kind: "error" });
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="person-editor" aria-label={t("people.editOf", { name: person.name })} onSubmit={(e) => void submit(e)}>
      <div class="grid2">
        <Field label={t("people.name")}>
          <input name="name" required maxLength={100} value={form.name} onInput={input("name")} />
        </Field>
        <Field label={t("people.nameEn")}>
          <input name="nameEn" maxLength={100} value={form.nameEn} onInput={input("nameEn")} />
        </Field>
        <Field label={t("people.email")}>
          <input name="email" type="email" autocomplete="off" value={form.email} onInput={input("email")} />
        </Field>
        <Field label={t("people.phone")}>
          <input name="phone" type="tel" autocomplete="off" value={form.phone} onInput={input("phone")} />
        </Field>
        <Field label={t("people.department")}>
          <DepartmentSelect name="department" departments={props.departments} value={form.department} onChange={(department) => setForm({ ...form, department })} />
        </Field>
        <Field label={t("people.manager")} hint={t("people.managerHint")}>
          <input name="manager" autocomplete="off" value={form.manager} onInput={input("manager")} />
        </Field>
        <Field label={t("people.role")} hint={me.role === "admin" ? undefined : t("people.roleHint")}>
          <select name="role" value={form.role} onChange={input("role")}>
            {ROLES.map((r) => (
              <option value={r}>{t(`role.${r}` as Key)}</option>
            ))}
          </select>
        </Field>
        <Field label={t("people.language")}>
          <select name="language" value={form.language} onChange={input("language")}>
            {LANGUAGES.map((l) => (
              <option value={l}>{t(`language.${l}` as Key)}</option>
            ))}
          </select>
        </Field>
      </div>
      <fieldset class="chat-ids">
        <legend>{t("people.chatIds")}</legend>
        {IM_PLATFORMS.map((k) => (
          <Field label={t(`people.im.${k}` as Key)}>
            <input name={`im.${k}`} autocomplete="off" value={form.im[k]} onInput={(e) => setForm({ ...form, im: { ...form.im, [k]: value(e) } })} />
          </Field>
        ))}
      </fieldset>
      <div class="row">
        <button type="submit" class="primary" disabled={busy}>
          {t("people.save")}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t("people.cancel")}
        </button>
      </div>
      <Status message={message} />
    </form>
  );
}

/** Marks someone as left (their last day worked), or rehires someone who left (their first day back). */
export function EmploymentForm(props: { person: EmployeeView; onDone(p: EmployeeView, text: string): void; onCancel(): void }) {
  const { me } = useApp();
  const { person } = props;
  const leaving = person.status === "active";
  // Rehiring starts after the leaving date: today, or the day after a leaving date not yet past.
  const [date, setDate] = useState(() => (leaving || !person.leavingDate || person.leavingDate < me.today ? me.today : addDays(person.leavingDate, 1)));
  const [message, setMessage] = useState<StatusMessage | null>(null);
  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    try {
      const next = leaving ? await api.markLeft(person.login, date) : await api.rejoin(person.login, date);
      props.onDone(next, t(leaving ? "people.markedLeft" : "people.rejoined", { name: person.name, date: fmtDate(date) }));
    } catch (error) {
      setMessage({ text: errorText(error), kind: "error" });
    }
  }
  return (
    <form class="person-editor" aria-label={`${t(leaving ? "people.markLeft" : "people.rejoin")}: ${person.name}`} onSubmit={(e) => void submit(e)}>
      <Field label={t(leaving ? "people.leavingDate" : "people.rejoinDate")} hint={leaving ? t("people.leavingHint") : undefined}>
        <input type="date" name={leaving ? "leavingDate" : "hireDate"} required value={date} onInput={(e) => setDate(value(e))} />
      </Field>
      <div class="row">
        <button type="submit" class={leaving ? "danger" : "primary"}>
          {t(leaving ? "people.markLeft" : "people.rejoin")}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t("people.cancel")}
        </button>
      </div>
      <Status message={message} />
    </form>
  );
}
