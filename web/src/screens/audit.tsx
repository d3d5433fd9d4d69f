/**
 * The audit log for HR and admins, read-only: who changed what and when, filtered by a person
 * (who acted or whom it concerns), a kind of record and a date range, newest first, older pages
 * on demand. The filter lives in the address, so a reload or a shared link shows the same.
 */
import { useState } from "preact/hooks";
import { api, type AuditEntry, type AuditFilter, type AuditPage } from "../api.ts";
import { Field } from "../components/Field.tsx";
import { Load } from "../components/Load.tsx";
import { Status, type StatusMessage } from "../components/Status.tsx";
import { Table } from "../components/Table.tsx";
import { useTitle } from "../context.ts";
import { useLoad } from "../hooks.ts";
import { errorText } from "../i18n/errors.ts";
import { getLang, locale, t, type Key } from "../i18n/index.ts";
import { queryParam, setQuery } from "../router.ts";

/** The kinds of record the services audit, in the order the filter offers them. */
const KINDS = ["punch", "correction", "leave", "overtime", "compensatory", "leave_grant", "employee", "department", "shift", "roster", "policy", "site", "holidays", "sign-in"];

const when = (ms: number) => new Intl.DateTimeFormat(locale(), { dateStyle: "short", timeStyle: "medium", timeZone: "Asia/Shanghai" }).format(new Date(ms));
const value = (e: Event) => (e.currentTarget as HTMLInputElement | HTMLSelectElement).value;

/** A word from `prefix.name`, or the name itself when the page has none (a kind added later). */
function word(prefix: string, name: string): string {
  const key = `${prefix}.${name}` as Key;
  const text = t(key);
  return text === key ? name : text;
}

const personName = (p: AuditEntry["actor"]) => (p ? `${getLang() === "zh" ? p.name : p.nameEn} (${p.login})` : t("audit.system"));

function filterFromAddress(): AuditFilter {
  return { login: queryParam("login") ?? "", kind: queryParam("kind") ?? "", from: queryParam("from") ?? "", to: queryParam("to") ?? "" };
}

function FilterForm({ initial, onApply }: { initial: AuditFilter; onApply(f: AuditFilter): void }) {
  const [form, setForm] = useState(initial);
  function submit(e: Event): void {
    e.preventDefault();
    onApply({ ...form, login: form.login?.trim() });
  }
  return (
    <form class="card audit-filter" aria-label={t("audit.filter")} onSubmit={submit}>
      <div class="filter-grid">
        <Field label={t("audit.person")} hint={t("audit.personHint")}>
          <input name="login" autocomplete="off" maxLength={64} value={form.login} onInput={(e) => setForm({ ...form, login: value(e) })} />
        </Field>
        <Field label={t("audit.kind")}>
          <select name="kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: value(e) })}>
            <option value="">{t("audit.allKinds")}</option>
            {KINDS.map((k) => (
              <option value={k}>{word("audit.kind", k)}</option>
            ))}
          </select>
        </Field>
        <Field label={t("audit.from")}>
          <input type="date" name="from" value={form.from} onInput={(e) => setForm({ ...form, from: value(e) })} />
        </Field>
        <Field label={t("audit.to")}>
          <input type="date" name="to" value={form.to} onInput={(e) => setForm({ ...form, to: value(e) })} />
        </Field>
      </div>
      <div class="row">
        <button type="submit" class="primary">
          {t("audit.apply")}
        </button>
        <button type="button" onClick={() => (setForm({ login: "", kind: "", from: "", to: "" }), onApply({}))}>
          {t("audit.clear")}
        </button>
      </div>
    </form>
  );
}

/** The record before and after, as stored (JSON), folded away until asked for. */
function Changes({ entry }: { entry: AuditEntry }) {
  if (entry.before == null && entry.after == null) return <span class="muted">—</span>;
  return (
    <details class="audit-changes">
      <summary>{t("audit.show")}</summary>
      {entry.before != null ? (
        <>
          <h3>{t("audit.before")}</h3>
          <pre>{JSON.stringify(entry.before, null, 1)}</pre>
        </>
      ) : null}
      {entry.after != null ? (
        <>
          <h3>{t("audit.after")}</h3>
          <pre>{JSON.stringify(entry.after, null, 1)}</pre>
        </>
      ) : null}
    </details>
  );
}

function Entries({ entries }: { entries: AuditEntry[] }) {
  const head = [t("audit.col.when"), t("audit.col.who"), t("audit.col.action"), t("audit.col.kind"), t("audit.col.concerns"), t("audit.col.changes")];
  return (
    <Table head={head} class="audit">
      {entries.map((e) => (
        <tr data-id={e.id}>
          <th scope="row">{when(e.atMs)}</th>
          <td data-label={head[1]} class="who">
            {personName(e.actor)}
          </td>
          <td data-label={head[2]}>{word("audit.action", e.action)}</td>
          <td data-label={head[3]} class="kind">
            {word("audit.kind", e.kind)}
            {e.entityId ? <span class="muted"> #{e.entityId}</span> : null}
          </td>
          <td data-label={head[4]} class="concerns">
            {e.subject ? personName(e.subject) : "—"}
          </td>
          <td data-label={head[5]}>
            <Changes entry={e} />
          </td>
        </tr>
      ))}
    </Table>
  );
}

/** The first page for a filter, then older pages appended as asked. */
function Log({ filter }: { filter: AuditFilter }) {
  const first = useLoad(() => api.audit(filter), [filter]);
  const [older, setOlder] = useState<AuditPage[]>([]);
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const [busy, setBusy] = useState(false);
  const pages = first.data ? [first.data, ...older] : [];
  const next = pages.length ? pages[pages.length - 1].next : null;
  async function more(): Promise<void> {
    if (!next) return;
    setBusy(true);
    setMessage(null);
    try {
      const page = await api.audit({ ...filter, before: next });
      setOlder([...older, page]);
    } catch (error) {
      setMessage({ text: errorText(error), kind: "error" });
    } finally {
      setBusy(false);
    }
  }
  return (
    <section class="card" aria-labelledby="audit-entries">
      <h2 id="audit-entries">{t("audit.entries")}</h2>
      <Load state={first} empty={(p) => !p.entries.length && t("audit.none")}>
        {() => <Entries entries={pages.flatMap((p) => p.entries)} />}
      </Load>
      {next ? (
        <button type="button" class="more" disabled={busy} onClick={() => void more()}>
          {t("audit.more")}
        </button>
      ) : null}
      <Status message={message} />
    </section>
  );
}

export function AuditScreen() {
  useTitle(t("audit.title"));
  const [filter, setFilter] = useState<AuditFilter>(filterFromAddress);
  // Applying (even the same filter again) starts from the newest page.
  const [applied, setApplied] = useState(0);
  function apply(f: AuditFilter): void {
    setQuery({ login: f.login || undefined, kind: f.kind || undefined, from: f.from || undefined, to: f.to || undefined });
    setFilter({ ...f });
    setApplied(applied + 1);
  }
  return (
    <section class="audit-log" aria-labelledby="audit-title">
      <h1 id="audit-title">{t("audit.title")}</h1>
      <p class="intro">{t("audit.intro")}</p>
      <FilterForm initial={filter} onApply={apply} />
      <Log key={applied} filter={filter} />
    </section>
  );
}
