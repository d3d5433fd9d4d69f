/**
 * Shifts and the roster for HR: the shifts (create, edit; the default one is the policy's), who
 * works which (a department's default shift, or a person's own), and a month's roster for a
 * person (each day: as usual, a shift, or off) or for everyone in a department.
 */
import { useState } from "preact/hooks";
import { api, type DepartmentView, type RosterDay, type Shift } from "../api.ts";
import { Field } from "../components/Field.tsx";
import { Load } from "../components/Load.tsx";
import { Status, type StatusMessage } from "../components/Status.tsx";
import { Table } from "../components/Table.tsx";
import { useTitle } from "../context.ts";
import { useLoad, type Loaded } from "../hooks.ts";
import { errorText } from "../i18n/errors.ts";
import { fmtDate, getLang, t } from "../i18n/index.ts";

const DEFAULT_SHIFT = "DEFAULT";
const value = (e: Event) => (e.currentTarget as HTMLInputElement | HTMLSelectElement).value;
const shiftName = (s: Shift) => (getLang() === "zh" ? s.name : s.nameEn);
const EMPTY = { code: "", name: "", nameEn: "", start: "09:00", end: "18:00", flexMinutes: "0", graceMinutes: "5" };

/** A status for an action: what it said when it worked, the error's words when it failed. */
async function act(setMessage: (m: StatusMessage | null) => void, run: () => Promise<string>): Promise<boolean> {
  setMessage(null);
  try {
    setMessage({ text: await run(), kind: "ok" });
    return true;
  } catch (error) {
    setMessage({ text: errorText(error), kind: "error" });
    return false;
  }
}

function ShiftForm({ editing, onSaved }: { editing: typeof EMPTY | null; onSaved(): void }) {
  const [form, setForm] = useState(editing ?? EMPTY);
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const field = (name: keyof typeof EMPTY) => ({ name, value: form[name], onInput: (e: Event) => setForm({ ...form, [name]: value(e) }) });
  async function save(e: Event): Promise<void> {
    e.preventDefault();
    const ok = await act(setMessage, async () => {
      const saved = await api.saveShift(form.code.trim(), { start: form.start, end: form.end, flexMinutes: Number(form.flexMinutes), graceMinutes: Number(form.graceMinutes), name: form.name, nameEn: form.nameEn });
      return t("shifts.saved", { code: saved.code });
    });
    if (ok) onSaved();
  }
  return (
    <form class="shift-form" aria-label={t("shifts.form")} onSubmit={(e) => void save(e)}>
      <div class="filter-grid">
        <Field label={t("shifts.code")} hint={t("shifts.codeHint")}>
          <input required pattern="[A-Za-z0-9_\-]{1,32}" readOnly={!!editing} {...field("code")} />
        </Field>
        <Field label={t("shifts.name")}>
          <input maxLength={100} {...field("name")} />
        </Field>
        <Field label={t("shifts.nameEn")}>
          <input maxLength={100} {...field("nameEn")} />
        </Field>
        <Field label={t("shifts.start")}>
          <input type="time" required {...field("start")} />
        </Field>
        <Field label={t("shifts.end")} hint={t("shifts.endHint")}>
          <input type="time" required {...field("end")} />
        </Field>
        <Field label={t("shifts.flex")}>
          <input type="number" min={0} max={720} required {...field("flexMinutes")} />
        </Field>
        <Field label={t("shifts.grace")}>
          <input type="number" min={0} max={240} required {...field("graceMinutes")} />
        </Field>
      </div>
      <button type="submit" class="primary">
        {editing ? t("shifts.update") : t("shifts.create")}
      </button>
      <Status message={message} />
    </form>
  );
}

function ShiftList({ shifts }: { shifts: Loaded<Shift[]> }) {
  const [editing, setEditing] = useState<Shift | null>(null);
  const [formKey, setFormKey] = useState(0);
  const head = [t("shifts.shift"), t("shifts.hours"), t("shifts.flex"), t("shifts.grace"), t("leave.col.actions")];
  const edit = (s: Shift | null) => (setEditing(s), setFormKey(formKey + 1));
  return (
    <section class="card" aria-labelledby="shifts-title">
      <h2 id="shifts-title">{t("shifts.list")}</h2>
      <Load state={shifts}>
        {(list) => (
          <Table head={head} class="shifts">
            {list.map((s) => (
              <tr data-code={s.code}>
                <th scope="row">
                  {shiftName(s)} <span class="muted">({s.code})</span>
                </th>
                <td data-label={head[1]}>
                  {s.start}–{s.end}
                </td>
                <td data-label={head[2]}>{t("shifts.minutes", { n: s.flexMinutes })}</td>
                <td data-label={head[3]}>{t("shifts.minutes", { n: s.graceMinutes })}</td>
                <td class="actions">
                  {s.code === DEFAULT_SHIFT ? (
                    <span class="hint">{t("shifts.defaultHint")}</span>
                  ) : (
                    <button type="button" class="small" aria-label={t("shifts.editLabel", { code: s.code })} onClick={() => edit(s)}>
                      {t("shifts.edit")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </Table>
        )}
      </Load>
      <h3>{editing ? t("shifts.editing", { code: editing.code }) : t("shifts.new")}</h3>
      {editing ? (
        <button type="button" class="link" onClick={() => edit(null)}>
          {t("shifts.newInstead")}
        </button>
      ) : null}
      <ShiftForm
        key={formKey}
        editing={editing && { ...editing, flexMinutes: String(editing.flexMinutes), graceMinutes: String(editing.graceMinutes) }}
        onSaved={shifts.reload}
      />
    </section>
  );
}

/** The departments' picker, or why they could not be loaded with a retry (never an empty list that hides a failure). */
function DepartmentField(props: { departments: Loaded<DepartmentView[]>; name: string; value: string; onChange(code: string): void }) {
  return (
    <Load state={props.departments} what={t("common.departments")}>
      {(list) => (
        <Field label={t("reminders.department")}>
          <select name={props.name} required value={props.value} onChange={(e) => props.onChange(value(e))}>
            <option value="">{t("reminders.pickDepartment")}</option>
            {list.map((d) => (
              <option value={d.code}>{getLang() === "zh" ? d.name : d.nameEn}</option>
            ))}
          </select>
        </Field>
      )}
    </Load>
  );
}

function Assign({ shifts, departments }: { shifts: Shift[]; departments: Loaded<DepartmentView[]> }) {
  const [form, setForm] = useState({ shift: shifts[0]?.code ?? DEFAULT_SHIFT, to: "department", department: "", login: "" });
  const [message, setMessage] = useState<StatusMessage | null>(null);
  async function assign(e: Event): Promise<void> {
    e.preventDefault();
    await act(setMessage, async () => {
      const target = form.to === "department" ? { department: form.department } : { login: form.login.trim() };
      const done = await api.assignShift(form.shift, target);
      return done.login ? t("shifts.assignedPerson", { code: done.shift, login: done.login }) : t("shifts.assignedDepartment", { code: done.shift, department: done.department ?? "" });
    });
  }
  return (
    <form class="card assign" aria-labelledby="assign-title" onSubmit={(e) => void assign(e)}>
      <h2 id="assign-title">{t("shifts.assign")}</h2>
      <div class="filter-grid">
        <Field label={t("shifts.shift")}>
          <select name="shift" value={form.shift} onChange={(e) => setForm({ ...form, shift: value(e) })}>
            {shifts.map((s) => (
              <option value={s.code}>{`${shiftName(s)} (${s.start}–${s.end})`}</option>
            ))}
          </select>
        </Field>
        <Field label={t("shifts.assignTo")}>
          <select name="to" value={form.to} onChange={(e) => setForm({ ...form, to: value(e) })}>
            <option value="department">{t("shifts.toDepartment")}</option>
            <option value="person">{t("shifts.toPerson")}</option>
          </select>
        </Field>
        {form.to === "department" ? (
          <DepartmentField departments={departments} name="department" value={form.department} onChange={(department) => setForm({ ...form, department })} />
        ) : (
          <Field label={t("audit.person")}>
            <input name="login" required maxLength={64} value={form.login} onInput={(e) => setForm({ ...form, login: value(e) })} />
          </Field>
        )}
      </div>
      <button type="submit" class="primary">
        {t("shifts.assignButton")}
      </button>
      <Status message={message} />
    </form>
  );
}

export function ShiftsScreen() {
  useTitle(t("shifts.title"));
  const shifts = useLoad(() => api.shifts(), []);
  // Loaded once for both forms that pick a department.
  const departments = useLoad(() => api.departments(), []);
  return (
    <section class="shifts-screen" aria-labelledby="shifts-screen-title">
      <h1 id="shifts-screen-title">{t("shifts.title")}</h1>
      <ShiftList shifts={shifts} />
      {shifts.data ? <Assign shifts={shifts.data} departments={departments} /> : null}
      {shifts.data ? <RosterMonth shifts={shifts.data} departments={departments} /> : null}
    </section>
  );
}

/** Every date of a month ("YYYY-MM"). */
function monthDates(month: string): string[] {
  const [y, m] = month.split("-").map(Number);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: days }, (_, i) => `${month}-${String(i + 1).padStart(2, "0")}`);
}

function RosterMonth({ shifts, departments }: { shifts: Shift[]; departments: Loaded<DepartmentView[]> }) {
  const [target, setTarget] = useState({ to: "person", login: "", department: "", month: new Date().toISOString().slice(0, 7) });
  const [days, setDays] = useState<Record<string, string>>({});
  /** One person's entries as stored (each can be removed); none for a department. */
  const [saved, setSaved] = useState<Record<string, string>>({});
  const [loaded, setLoaded] = useState<string | null>(null);
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const dates = /^\d{4}-\d{2}$/.test(target.month) ? monthDates(target.month) : [];
  async function open(e: Event): Promise<void> {
    e.preventDefault();
    if (target.to === "department") {
      setDays({});
      setSaved({});
      setLoaded(`department:${target.department}`);
      return;
    }
    await act(setMessage, async () => {
      const entries: RosterDay[] = await api.roster(target.login.trim(), dates[0], dates[dates.length - 1]);
      const stored = Object.fromEntries(entries.map((r) => [r.date, r.shiftCode ?? "off"]));
      setDays(stored);
      setSaved(stored);
      setLoaded(`person:${target.login.trim()}`);
      return t("roster.opened", { n: entries.length });
    });
  }
  async function save(): Promise<void> {
    const set = Object.entries(days).filter(([date, shift]) => shift && dates.includes(date));
    await act(setMessage, async () => {
      const logins = target.to === "department" ? await api.departmentLogins(target.department) : [target.login.trim()];
      const entries = logins.flatMap((login) => set.map(([date, shift]) => ({ login, date, shift })));
      if (!entries.length) return t("roster.nothing");
      await api.setRoster(entries);
      if (target.to === "person") setSaved({ ...saved, ...Object.fromEntries(set) });
      return t("roster.saved", { n: set.length, people: logins.length });
    });
  }
  async function remove(date: string): Promise<void> {
    await act(setMessage, async () => {
      await api.removeRoster(target.login.trim(), date);
      const without = (map: Record<string, string>) => Object.fromEntries(Object.entries(map).filter(([d]) => d !== date));
      setSaved(without(saved));
      setDays(without(days));
      return t("roster.removed", { date: fmtDate(date) });
    });
  }
  return (
    <section class="card roster" aria-labelledby="roster-title">
      <h2 id="roster-title">{t("roster.title")}</h2>
      <p class="hint">{t("roster.intro")}</p>
      <form class="filter-grid" onSubmit={(e) => void open(e)}>
        <Field label={t("shifts.assignTo")}>
          <select name="roster-to" value={target.to} onChange={(e) => (setTarget({ ...target, to: value(e) }), setLoaded(null))}>
            <option value="person">{t("shifts.toPerson")}</option>
            <option value="department">{t("roster.everyone")}</option>
          </select>
        </Field>
        {target.to === "person" ? (
          <Field label={t("audit.person")}>
            <input name="roster-login" required maxLength={64} value={target.login} onInput={(e) => setTarget({ ...target, login: value(e) })} />
          </Field>
        ) : (
          <DepartmentField departments={departments} name="roster-department" value={target.department} onChange={(department) => setTarget({ ...target, department })} />
        )}
        <Field label={t("roster.month")}>
          <input type="month" name="roster-month" required value={target.month} onInput={(e) => (setTarget({ ...target, month: value(e) }), setLoaded(null))} />
        </Field>
        <div class="field">
          <button type="submit">{t("roster.open")}</button>
        </div>
      </form>
      {loaded ? (
        <>
          <ul class="roster-days">
            {dates.map((date) => (
              <li data-date={date}>
                <Field label={fmtDate(date)}>
                  <select name={`day-${date}`} value={days[date] ?? ""} onChange={(e) => setDays({ ...days, [date]: value(e) })}>
                    <option value="">{t("roster.usual")}</option>
                    <option value="off">{t("roster.off")}</option>
                    {shifts.map((s) => (
                      <option value={s.code}>{`${shiftName(s)} ${s.start}–${s.end}`}</option>
                    ))}
                  </select>
                </Field>
                {saved[date] ? (
                  <button type="button" class="remove-day" aria-label={t("roster.removeDay", { date: fmtDate(date) })} onClick={() => void remove(date)}>
                    {t("roster.remove")}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
          <button type="button" class="primary" onClick={() => void save()}>
            {t("roster.save")}
          </button>
        </>
      ) : null}
      <Status message={message} />
    </section>
  );
}
