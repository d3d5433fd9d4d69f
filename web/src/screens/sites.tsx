/**
 * HR's sites (issue 15): every office with its geofence (WGS-84 as a phone gives it, a radius of
 * 100-3000 m) and its office networks, created and edited here; and each department's location
 * rule (anywhere / on a site / a site or else a field punch) with the sites its people work at.
 */
import { useState } from "preact/hooks";
import { api, type DepartmentLocation, type LocationRule, type Site } from "../api.ts";
import { Field } from "../components/Field.tsx";
import { Load } from "../components/Load.tsx";
import { Status, type StatusMessage } from "../components/Status.tsx";
import { Table } from "../components/Table.tsx";
import { useTitle } from "../context.ts";
import { useLoad } from "../hooks.ts";
import { errorText } from "../i18n/errors.ts";
import { getLang, t, type Key } from "../i18n/index.ts";

const RULES: LocationRule[] = ["none", "site", "siteOrField"];

/** A site as typed: text until it is checked and sent. */
interface Draft {
  name: string;
  latitude: string;
  longitude: string;
  radiusM: string;
  networks: string;
  active: boolean;
}

const EMPTY: Draft = { name: "", latitude: "", longitude: "", radiusM: "300", networks: "", active: true };
const draftOf = (s: Site): Draft => ({ name: s.name, latitude: String(s.latitude), longitude: String(s.longitude), radiusM: String(s.radiusM), networks: s.networks.join("\n"), active: s.active });

/** The site to send, or the first thing wrong with the draft (in words). */
function checked(d: Draft): { site: Omit<Site, "id"> } | { problem: string } {
  const latitude = Number(d.latitude);
  const longitude = Number(d.longitude);
  const radiusM = Number(d.radiusM);
  if (!d.name.trim()) return { problem: t("sites.bad.name") };
  if (d.latitude.trim() === "" || !Number.isFinite(latitude) || Math.abs(latitude) > 90) return { problem: t("sites.bad.latitude") };
  if (d.longitude.trim() === "" || !Number.isFinite(longitude) || Math.abs(longitude) > 180) return { problem: t("sites.bad.longitude") };
  if (!Number.isInteger(radiusM) || radiusM < 100 || radiusM > 3000) return { problem: t("sites.bad.radius") };
  const networks = d.networks.split(/[\s,，]+/).filter(Boolean);
  return { site: { name: d.name.trim(), latitude, longitude, radiusM, networks, active: d.active } };
}

/** The create / edit form; `site` is the one being edited, or null for a new one. */
function SiteForm({ site, onSaved, onCancel }: { site: Site | null; onSaved(text: string): void; onCancel(): void }) {
  const [draft, setDraft] = useState<Draft>(site ? draftOf(site) : EMPTY);
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof Draft) => (e: Event) => setDraft({ ...draft, [key]: (e.currentTarget as HTMLInputElement).value });

  async function save(e: Event): Promise<void> {
    e.preventDefault();
    const result = checked(draft);
    if ("problem" in result) return setMessage({ text: result.problem, kind: "error" });
    setBusy(true);
    setMessage(null);
    try {
      const saved = site ? await api.updateSite(site.id, result.site) : await api.addSite(result.site);
      onSaved(t(site ? "sites.updated" : "sites.added", { name: saved.name }));
    } catch (error) {
      setMessage({ text: errorText(error), kind: "error" });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card site-form" aria-labelledby="site-form-title" onSubmit={(e) => void save(e)} novalidate>
      <h2 id="site-form-title">{site ? t("sites.edit", { name: site.name }) : t("sites.new")}</h2>
      <Field label={t("sites.name")}>
        <input name="name" maxLength={100} autocomplete="off" value={draft.name} onInput={set("name")} />
      </Field>
      <div class="grid2">
        <Field label={t("sites.latitude")} hint={t("sites.wgs84")}>
          <input name="latitude" inputMode="decimal" autocomplete="off" value={draft.latitude} onInput={set("latitude")} />
        </Field>
        <Field label={t("sites.longitude")}>
          <input name="longitude" inputMode="decimal" autocomplete="off" value={draft.longitude} onInput={set("longitude")} />
        </Field>
      </div>
      <Field label={t("sites.radius")} hint={t("sites.radiusHint")}>
        <input name="radiusM" type="number" min={100} max={3000} step={50} value={draft.radiusM} onInput={set("radiusM")} />
      </Field>
      <Field label={t("sites.networks")} hint={t("sites.networksHint")}>
        <textarea name="networks" rows={3} value={draft.networks} onInput={set("networks")} />
      </Field>
      <label class="check">
        <input type="checkbox" name="active" checked={draft.active} onChange={(e) => setDraft({ ...draft, active: e.currentTarget.checked })} /> {t("sites.active")}
      </label>
      <div class="row">
        <button type="submit" class="primary" disabled={busy}>
          {t(site ? "sites.save" : "sites.create")}
        </button>
        {site ? (
          <button type="button" onClick={onCancel}>
            {t("sites.cancel")}
          </button>
        ) : null}
      </div>
      <Status message={message} />
    </form>
  );
}

function SiteTable({ sites, onEdit }: { sites: Site[]; onEdit(site: Site): void }) {
  const head = [t("sites.name"), t("sites.where"), t("sites.radius"), t("sites.networks"), t("sites.state"), ""];
  return (
    <Table head={head} class="sites">
      {sites.map((s) => (
        <tr data-site={s.name}>
          <th scope="row">{s.name}</th>
          <td data-label={head[1]}>
            {s.latitude.toFixed(5)}, {s.longitude.toFixed(5)}
          </td>
          <td data-label={head[2]}>{t("sites.metres", { n: s.radiusM })}</td>
          <td data-label={head[3]} class="networks">
            {s.networks.length ? s.networks.join(", ") : "—"}
          </td>
          <td data-label={head[4]}>{t(s.active ? "sites.isActive" : "sites.inactive")}</td>
          <td class="actions">
            <button type="button" aria-label={t("sites.editNamed", { name: s.name })} onClick={() => onEdit(s)}>
              {t("sites.editButton")}
            </button>
          </td>
        </tr>
      ))}
    </Table>
  );
}

/** One department's rule and sites, saved on its own. */
function DepartmentRule({ department, sites }: { department: DepartmentLocation; sites: Site[] }) {
  const [rule, setRule] = useState<LocationRule>(department.rule);
  const [chosen, setChosen] = useState<number[]>(department.sites);
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const name = getLang() === "zh" ? department.name : department.nameEn;
  const id = `dept-${department.code}`;
  const toggle = (site: number, on: boolean) => setChosen(on ? [...chosen, site] : chosen.filter((s) => s !== site));

  async function save(e: Event): Promise<void> {
    e.preventDefault();
    setMessage(null);
    try {
      const saved = await api.setDepartmentLocation(department.code, rule, chosen);
      setMessage({ text: t("sites.ruleSaved", { department: name, rule: t(`sites.rule.${saved.rule}` as Key) }), kind: "ok" });
    } catch (error) {
      setMessage({ text: errorText(error), kind: "error" });
    }
  }

  return (
    <li class="card department-rule" data-code={department.code}>
      <form aria-labelledby={id} onSubmit={(e) => void save(e)}>
        <h3 id={id}>{name}</h3>
        <Field label={t("sites.rule")} hint={t(`sites.rule.${rule}.meaning` as Key)}>
          <select name="rule" value={rule} onChange={(e) => setRule(e.currentTarget.value as LocationRule)}>
            {RULES.map((r) => (
              <option value={r}>{t(`sites.rule.${r}` as Key)}</option>
            ))}
          </select>
        </Field>
        {sites.length ? (
          <fieldset class="site-choice">
            <legend>{t("sites.assigned")}</legend>
            {sites.map((s) => (
              <label class="check">
                <input type="checkbox" value={s.id} checked={chosen.includes(s.id)} onChange={(e) => toggle(s.id, e.currentTarget.checked)} /> {s.name}
              </label>
            ))}
          </fieldset>
        ) : null}
        <p class="hint">{t("sites.noneAssigned")}</p>
        <button type="submit">{t("sites.saveRule")}</button>
        <Status message={message} />
      </form>
    </li>
  );
}

export function SitesScreen() {
  useTitle(t("sites.title"));
  const sites = useLoad(() => api.sites(), []);
  const departments = useLoad(() => api.departmentLocations(), []);
  /** The site being edited; null for the new-site form. */
  const [editing, setEditing] = useState<Site | null>(null);
  const [saved, setSaved] = useState<StatusMessage | null>(null);
  return (
    <section class="sites" aria-labelledby="sites-title">
      <h1 id="sites-title">{t("sites.title")}</h1>
      <p class="intro">{t("sites.intro")}</p>
      <Status message={saved} />
      <Load state={sites} empty={(rows) => !rows.length && t("sites.none")}>
        {(rows) => <SiteTable sites={rows} onEdit={(s) => (setEditing(s), setSaved(null))} />}
      </Load>
      <SiteForm
        key={editing?.id ?? "new"}
        site={editing}
        onCancel={() => setEditing(null)}
        onSaved={(text) => {
          setSaved({ text, kind: "ok" });
          setEditing(null);
          sites.reload();
        }}
      />
      <h2 id="rules-title">{t("sites.rules")}</h2>
      <Load state={departments}>
        {(rows) => (
          <ul class="department-rules" aria-labelledby="rules-title">
            {rows
              .filter((d) => d.active)
              .map((d) => (
                <DepartmentRule key={`${d.code}-${sites.data?.length ?? 0}`} department={d} sites={sites.data ?? []} />
              ))}
          </ul>
        )}
      </Load>
    </section>
  );
}
