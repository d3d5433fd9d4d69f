/**
 * HR's policy editor: every number of the work policy with what it means and its range, checked
 * before saving; only changed fields are sent, and the server's refusal names the field.
 */
import { useState } from "preact/hooks";
import { api, ApiError, type Policy, type PolicyPatch } from "../api.ts";
import { Load } from "../components/Load.tsx";
import { Status, type StatusMessage } from "../components/Status.tsx";
import { useTitle } from "../context.ts";
import { useLoad } from "../hooks.ts";
import { errorText } from "../i18n/errors.ts";
import { t, type Key } from "../i18n/index.ts";

type Kind = "clock" | "int" | "number" | "zone";
/** A scalar setting: its kind and range (as the server's PolicyPatch checks them). */
interface Setting {
  key: keyof Policy & string;
  kind: Kind;
  min?: number;
  max?: number;
}

const GROUPS: { title: Key; settings: Setting[] }[] = [
  {
    title: "policy.group.day",
    settings: [
      { key: "timeZone", kind: "zone" },
      { key: "shiftStart", kind: "clock" },
      { key: "shiftEnd", kind: "clock" },
      { key: "restStart", kind: "clock" },
      { key: "restEnd", kind: "clock" },
      { key: "hoursPerDay", kind: "number", min: 0.5, max: 24 },
    ],
  },
  {
    title: "policy.group.lateness",
    settings: [
      { key: "graceMinutes", kind: "int", min: 0, max: 240 },
      { key: "flexMinutes", kind: "int", min: 0, max: 720 },
      { key: "seriousLateMinutes", kind: "int", min: 1, max: 1440 },
      { key: "absentLateMinutes", kind: "int", min: 0, max: 1440 },
      { key: "absentEarlyMinutes", kind: "int", min: 0, max: 1440 },
      { key: "maxLatesForFullAttendance", kind: "int", min: 0, max: 31 },
    ],
  },
  {
    title: "policy.group.punches",
    settings: [
      { key: "duplicatePunchSeconds", kind: "int", min: 0, max: 3600 },
      { key: "windowLeadMinutes", kind: "int", min: 0, max: 720 },
      { key: "punchKindChangeMinutes", kind: "int", min: 0, max: 1440 },
      { key: "correctionWindowDays", kind: "int", min: 0, max: 366 },
      { key: "maxCorrectionsPerMonth", kind: "int", min: 0, max: 31 },
      { key: "locationRetentionDays", kind: "int", min: 1, max: 3660 },
    ],
  },
  {
    title: "policy.group.leave",
    settings: [
      { key: "maxBackdateDays", kind: "int", min: 0, max: 366 },
      { key: "compensatoryExpiryDays", kind: "int", min: 1, max: 3660 },
    ],
  },
  {
    title: "policy.group.sessions",
    settings: [
      { key: "sessionIdleHours", kind: "number", min: 0.25, max: 720 },
      { key: "sessionMaxDays", kind: "number", min: 0.25, max: 90 },
    ],
  },
];
const SETTINGS = GROUPS.flatMap((g) => g.settings);

/** Why a value cannot be saved, or null when it can. */
function problem(s: Setting, text: string): string | null {
  if (s.kind === "clock") return /^([01]\d|2[0-3]):[0-5]\d$/.test(text) ? null : t("policy.badClock");
  if (s.kind === "zone") {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: text });
      return text ? null : t("policy.badZone");
    } catch {
      return t("policy.badZone");
    }
  }
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n) || (s.kind === "int" && !Number.isInteger(n))) return t(s.kind === "int" ? "policy.badInt" : "policy.badNumber");
  if (n < s.min! || n > s.max!) return t("policy.outOfRange", { min: s.min!, max: s.max! });
  return null;
}

function Editor({ policy, onSaved }: { policy: Policy; onSaved(text: string): void }) {
  const initial = Object.fromEntries(SETTINGS.map((s) => [s.key, String(policy[s.key])]));
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const [serverField, setServerField] = useState<string | null>(null);
  const problems = Object.fromEntries(SETTINGS.map((s) => [s.key, problem(s, values[s.key])]));
  const changed = SETTINGS.filter((s) => values[s.key] !== String(policy[s.key]));

  async function save(e: Event): Promise<void> {
    e.preventDefault();
    setMessage(null);
    setServerField(null);
    if (SETTINGS.some((s) => problems[s.key])) return setMessage({ text: t("policy.fix"), kind: "error" });
    if (!changed.length) return setMessage({ text: t("policy.nothing") });
    const patch = Object.fromEntries(changed.map((s) => [s.key, s.kind === "clock" || s.kind === "zone" ? values[s.key] : Number(values[s.key])])) as PolicyPatch;
    try {
      await api.setPolicy(patch);
      onSaved(t("policy.saved", { n: changed.length }));
    } catch (error) {
      const field = error instanceof ApiError && typeof error.params.field === "string" ? error.params.field : null;
      setServerField(field);
      setMessage({ text: field && SETTINGS.some((s) => s.key === field) ? t("policy.refused", { field: t(`policy.${field}` as Key), why: error instanceof ApiError ? error.message : "" }) : errorText(error), kind: "error" });
    }
  }

  return (
    <form onSubmit={(e) => void save(e)} novalidate>
      {GROUPS.map((group) => (
        <fieldset class="card policy-group">
          <legend>{t(group.title)}</legend>
          {group.settings.map((s) => {
            const id = `policy-${s.key}`;
            const bad = problems[s.key] ?? (serverField === s.key ? t("policy.checkThis") : null);
            return (
              <div class="field policy-field" data-key={s.key}>
                <label for={id}>{t(`policy.${s.key}` as Key)}</label>
                <input
                  id={id}
                  name={s.key}
                  type={s.kind === "clock" ? "time" : s.kind === "zone" ? "text" : "number"}
                  step={s.kind === "number" ? "any" : undefined}
                  min={s.min}
                  max={s.max}
                  value={values[s.key]}
                  aria-invalid={bad ? "true" : undefined}
                  aria-describedby={`${id}-hint${bad ? ` ${id}-bad` : ""}`}
                  onInput={(e) => setValues({ ...values, [s.key]: e.currentTarget.value })}
                />
                <small id={`${id}-hint`} class="hint">
                  {t(`policy.${s.key}.meaning` as Key)}
                  {s.min !== undefined ? ` ${t("policy.range", { min: s.min, max: s.max! })}` : ""}
                </small>
                {bad ? (
                  <small id={`${id}-bad`} class="message error">
                    {bad}
                  </small>
                ) : null}
              </div>
            );
          })}
        </fieldset>
      ))}
      <div class="row sticky-save">
        <button type="submit" class="primary">
          {t("policy.save", { n: changed.length })}
        </button>
        <Status message={message} />
      </div>
    </form>
  );
}

export function PolicyScreen() {
  useTitle(t("policy.title"));
  const policy = useLoad(() => api.policy(), []);
  /** Said above the editor, which starts again from the saved policy. */
  const [saved, setSaved] = useState<StatusMessage | null>(null);
  return (
    <section class="policy" aria-labelledby="policy-title">
      <h1 id="policy-title">{t("policy.title")}</h1>
      <p class="intro">{t("policy.intro")}</p>
      <Status message={saved} />
      <Load state={policy}>
        {(p) => (
          // A saved policy comes back from the server; the editor starts again from it.
          <Editor
            key={JSON.stringify(p)}
            policy={p}
            onSaved={(text) => {
              setSaved({ text, kind: "ok" });
              policy.reload();
            }}
          />
        )}
      </Load>
    </section>
  );
}
