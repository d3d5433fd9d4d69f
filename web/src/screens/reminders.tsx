/**
 * Reminders for HR: the policy's reminder rules (each on or off with its minutes or clock time,
 * quiet hours, and a department's own settings where they differ), the delivery log (sent,
 * failed with the platform's error, skipped with the reason), and a test message to myself on
 * each channel.
 */
import { useState } from "preact/hooks";
import { api, type Delivery, type Policy } from "../api.ts";
import { Field } from "../components/Field.tsx";
import { Load } from "../components/Load.tsx";
import { Status, type StatusMessage } from "../components/Status.tsx";
import { Table } from "../components/Table.tsx";
import { useTitle } from "../context.ts";
import { useLoad } from "../hooks.ts";
import { errorText } from "../i18n/errors.ts";
import { getLang, locale, t, type Key } from "../i18n/index.ts";
import { channelName, ruleName } from "./notifications.tsx";

type Reminders = Policy["reminders"];
type Rule = keyof Reminders["rules"];
type Setting = Reminders["rules"][Rule];

/** Rules timed in minutes from a shift moment; the others (but `decision`) at a clock time. */
const MINUTE_RULES = new Set<string>(["beforeStart", "notCheckedIn", "notCheckedOut"]);
const CLOCK_RULES = new Set<string>(["missingPunchYesterday", "approvalPending", "teamDigest", "departmentDigest", "monthlyReport"]);
const when = (ms: number) => new Intl.DateTimeFormat(locale(), { dateStyle: "short", timeStyle: "short", timeZone: "Asia/Shanghai" }).format(new Date(ms));

/** The time field of one rule: minutes, a clock time, or nothing. `placeholder` shows the company's value. */
function TimeField({ rule, setting, onChange, placeholder }: { rule: Rule; setting: Partial<Setting>; onChange(patch: Partial<Setting>): void; placeholder?: Partial<Setting> }) {
  if (MINUTE_RULES.has(rule)) {
    return (
      <Field label={t("reminders.minutes")}>
        <input
          type="number"
          min={0}
          max={720}
          name={`${rule}-minutes`}
          value={setting.minutes ?? ""}
          placeholder={placeholder?.minutes?.toString()}
          onInput={(e) => {
            const v = (e.currentTarget as HTMLInputElement).value;
            onChange({ minutes: v === "" ? undefined : Number(v) });
          }}
        />
      </Field>
    );
  }
  if (CLOCK_RULES.has(rule)) {
    return (
      <Field label={t("reminders.at")}>
        <input type="time" name={`${rule}-at`} value={setting.at ?? placeholder?.at ?? ""} onInput={(e) => onChange({ at: (e.currentTarget as HTMLInputElement).value || undefined })} />
      </Field>
    );
  }
  return <span class="muted">—</span>;
}

function CompanyRules({ value, onChange }: { value: Reminders; onChange(next: Reminders): void }) {
  const head = [t("reminders.rule"), t("reminders.on"), t("reminders.time"), t("reminders.meaning")];
  const set = (rule: Rule, patch: Partial<Setting>) => onChange({ ...value, rules: { ...value.rules, [rule]: { ...value.rules[rule], ...patch } } });
  return (
    <Table head={head} class="reminder-rules">
      {(Object.keys(value.rules) as Rule[]).map((rule) => (
        <tr data-rule={rule}>
          <th scope="row">{ruleName(rule)}</th>
          <td data-label={head[1]}>
            <label class="check">
              <input type="checkbox" name={`${rule}-on`} checked={value.rules[rule].on} onChange={(e) => set(rule, { on: (e.currentTarget as HTMLInputElement).checked })} />
              {t("reminders.sent")}
            </label>
          </td>
          <td data-label={head[2]}>
            <TimeField rule={rule} setting={value.rules[rule]} onChange={(patch) => set(rule, patch)} />
          </td>
          <td class="hint meaning">
            {t(`reminders.meaning.${rule}` as Key)}
          </td>
        </tr>
      ))}
    </Table>
  );
}

function DepartmentRules({ value, onChange }: { value: Reminders; onChange(next: Reminders): void }) {
  const departments = useLoad(() => api.departments(), []);
  const [code, setCode] = useState("");
  const own = value.departments[code] ?? {};
  const set = (rule: Rule, patch: Partial<Setting> | null) => {
    const next: Record<string, Partial<Setting> | undefined> = { ...own, [rule]: patch === null ? undefined : { ...own[rule], ...patch } };
    for (const [r, s] of Object.entries(next)) if (!s || Object.values(s).every((v) => v === undefined)) delete next[r];
    const all = { ...value.departments, [code]: next as Reminders["departments"][string] };
    if (!Object.keys(next).length) delete all[code];
    onChange({ ...value, departments: all });
  };
  return (
    <fieldset class="department-rules">
      <legend>{t("reminders.departments")}</legend>
      <p class="hint">{t("reminders.departmentsIntro")}</p>
      <Load state={departments}>
        {(list) => (
          <Field label={t("reminders.department")}>
            <select name="department" value={code} onChange={(e) => setCode((e.currentTarget as HTMLSelectElement).value)}>
              <option value="">{t("reminders.pickDepartment")}</option>
              {list.map((d) => (
                <option value={d.code}>
                  {getLang() === "zh" ? d.name : d.nameEn}
                  {value.departments[d.code] ? ` · ${t("reminders.hasOwn")}` : ""}
                </option>
              ))}
            </select>
          </Field>
        )}
      </Load>
      {code ? (
        <ul class="department-rule-list">
          {(Object.keys(value.rules) as Rule[]).map((rule) => {
            const mine = own[rule];
            const state = mine?.on === undefined ? "" : mine.on ? "on" : "off";
            return (
              <li data-rule={rule}>
                <Field label={ruleName(rule)}>
                  <select name={`${code}-${rule}-on`} value={state} onChange={(e) => set(rule, { on: { on: true, off: false }[(e.currentTarget as HTMLSelectElement).value] })}>
                    <option value="">{t("reminders.asCompany", { state: value.rules[rule].on ? t("reminders.onWord") : t("reminders.offWord") })}</option>
                    <option value="on">{t("reminders.onWord")}</option>
                    <option value="off">{t("reminders.offWord")}</option>
                  </select>
                </Field>
                <TimeField rule={rule} setting={mine ?? {}} placeholder={value.rules[rule]} onChange={(patch) => set(rule, patch)} />
              </li>
            );
          })}
        </ul>
      ) : null}
    </fieldset>
  );
}

function RulesForm({ policy }: { policy: Policy }) {
  const [value, setValue] = useState<Reminders>(policy.reminders);
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const [busy, setBusy] = useState(false);
  async function save(e: Event): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const saved = await api.setPolicy({ reminders: value });
      setValue(saved.reminders);
      setMessage({ text: t("reminders.saved"), kind: "ok" });
    } catch (error) {
      setMessage({ text: errorText(error), kind: "error" });
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="card reminder-policy" aria-labelledby="rules-title" onSubmit={(e) => void save(e)}>
      <h2 id="rules-title">{t("reminders.rules")}</h2>
      <CompanyRules value={value} onChange={setValue} />
      <div class="row quiet">
        <Field label={t("reminders.quietStart")}>
          <input type="time" name="quietStart" required value={value.quietStart} onInput={(e) => setValue({ ...value, quietStart: (e.currentTarget as HTMLInputElement).value })} />
        </Field>
        <Field label={t("reminders.quietEnd")} hint={t("reminders.quietHint")}>
          <input type="time" name="quietEnd" required value={value.quietEnd} onInput={(e) => setValue({ ...value, quietEnd: (e.currentTarget as HTMLInputElement).value })} />
        </Field>
      </div>
      <DepartmentRules value={value} onChange={setValue} />
      <button type="submit" class="primary" disabled={busy}>
        {t("reminders.save")}
      </button>
      <Status message={message} />
    </form>
  );
}

function outcomeDetail(d: Delivery): string {
  if (d.outcome === "failed") return d.error ?? "";
  if (d.outcome === "skipped") {
    const key = `delivery.reason.${d.reason}` as Key;
    return t(key) === key ? (d.reason ?? "") : t(key);
  }
  return "";
}

function TestMessage({ onSent }: { onSent(): void }) {
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const [busy, setBusy] = useState(false);
  async function send(channel: "im" | "email" | "inapp"): Promise<void> {
    setBusy(true);
    setMessage(null);
    try {
      const sent = await api.sendTestMessage(channel);
      setMessage({ text: t("reminders.testSent", { channel: channelName(sent.channel) }), kind: "ok" });
      onSent();
    } catch (error) {
      setMessage({ text: errorText(error), kind: "error" });
    } finally {
      setBusy(false);
    }
  }
  return (
    <section class="card test-message" aria-labelledby="test-title">
      <h2 id="test-title">{t("reminders.test")}</h2>
      <p class="hint">{t("reminders.testIntro")}</p>
      <div class="row">
        {(["im", "email", "inapp"] as const).map((channel) => (
          <button type="button" disabled={busy} onClick={() => void send(channel)}>
            {t(`reminders.testOn.${channel}`)}
          </button>
        ))}
      </div>
      <Status message={message} />
    </section>
  );
}

function DeliveryLog({ state }: { state: ReturnType<typeof useLoad<Delivery[]>> }) {
  const head = [t("delivery.when"), t("delivery.person"), t("delivery.rule"), t("delivery.channel"), t("delivery.outcome"), t("delivery.detail")];
  return (
    <section class="card" aria-labelledby="log-title">
      <div class="row section-head">
        <h2 id="log-title">{t("delivery.title")}</h2>
        <button type="button" class="small" onClick={state.reload}>
          {t("common.refresh")}
        </button>
      </div>
      <Load state={state} empty={(rows) => !rows.length && t("delivery.none")}>
        {(rows) => (
          <Table head={head} class="deliveries">
            {rows.map((d) => (
              <tr data-outcome={d.outcome}>
                <th scope="row">{when(d.decidedMs)}</th>
                <td data-label={head[1]}>{d.login}</td>
                <td data-label={head[2]}>{ruleName(d.rule)}</td>
                <td data-label={head[3]}>{channelName(d.channel)}</td>
                <td data-label={head[4]}>
                  <span class={`badge do-${d.outcome}`}>{t(`delivery.outcome.${d.outcome}`)}</span>
                </td>
                <td data-label={head[5]} class="detail">
                  {outcomeDetail(d)}
                </td>
              </tr>
            ))}
          </Table>
        )}
      </Load>
    </section>
  );
}

export function RemindersScreen() {
  useTitle(t("reminders.title"));
  const policy = useLoad(() => api.policy(), []);
  const deliveries = useLoad(() => api.deliveries(200), []);
  return (
    <section class="reminders" aria-labelledby="reminders-title">
      <h1 id="reminders-title">{t("reminders.title")}</h1>
      <Load state={policy}>{(p) => <RulesForm policy={p} />}</Load>
      <TestMessage onSent={deliveries.reload} />
      <DeliveryLog state={deliveries} />
    </section>
  );
}
