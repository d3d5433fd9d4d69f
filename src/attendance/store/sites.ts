/** Sites (offices with a geofence and networks), who is assigned to which, and each department's location rule. */
import type { LocationRule, Site } from "../types.ts";
import type { Row, SqlDb, SqlValue } from "./sql.ts";

const toSite = (r: Row): Site => ({
  id: r.id as number,
  name: r.name as string,
  latitude: Number(r.latitude),
  longitude: Number(r.longitude),
  radiusM: Number(r.radius_m),
  networks: JSON.parse(r.networks as string) as string[],
  active: Number(r.active) === 1,
});

/** Who a set of sites is assigned to. */
export type SiteScope = { scope: "department" | "employee"; targetId: number };

export class SiteRepository {
  constructor(private readonly db: SqlDb) {}

  async list(): Promise<Site[]> {
    return (await this.db.all("SELECT * FROM sites ORDER BY id")).map(toSite);
  }

  async byId(id: number): Promise<Site | undefined> {
    const r = await this.db.get("SELECT * FROM sites WHERE id = ?", [id]);
    return r && toSite(r);
  }

  async byName(name: string): Promise<Site | undefined> {
    const r = await this.db.get("SELECT * FROM sites WHERE name = ?", [name]);
    return r && toSite(r);
  }

  async add(s: Omit<Site, "id">): Promise<Site> {
    const row = await this.db.get<{ id: number }>("INSERT INTO sites (name, latitude, longitude, radius_m, networks, active) VALUES (?, ?, ?, ?, ?, ?) RETURNING id", siteValues(s));
    return { id: row!.id, ...s };
  }

  async update(s: Site): Promise<void> {
    await this.db.run("UPDATE sites SET name = ?, latitude = ?, longitude = ?, radius_m = ?, networks = ?, active = ? WHERE id = ?", [...siteValues(s), s.id]);
  }

  /** The sites assigned to a department or one employee. */
  async assigned(to: SiteScope): Promise<number[]> {
    const rows = await this.db.all<{ site_id: number }>("SELECT site_id FROM site_assignments WHERE scope = ? AND target_id = ? ORDER BY site_id", [to.scope, to.targetId]);
    return rows.map((r) => Number(r.site_id));
  }

  /** Replaces the sites assigned to a department or one employee. */
  async assign(to: SiteScope, siteIds: number[]): Promise<void> {
    await this.db.run("DELETE FROM site_assignments WHERE scope = ? AND target_id = ?", [to.scope, to.targetId]);
    for (const id of new Set(siteIds)) await this.db.run("INSERT INTO site_assignments (scope, target_id, site_id) VALUES (?, ?, ?)", [to.scope, to.targetId, id]);
  }

  /** A department's location rule; `none` (anywhere, as before places existed) when never set. */
  async rule(departmentId: number): Promise<LocationRule> {
    const r = await this.db.get<{ rule: LocationRule }>("SELECT rule FROM department_location_rules WHERE department_id = ?", [departmentId]);
    return r?.rule ?? "none";
  }

  async setRule(departmentId: number, rule: LocationRule): Promise<void> {
    await this.db.run("INSERT INTO department_location_rules (department_id, rule) VALUES (?, ?) ON CONFLICT (department_id) DO UPDATE SET rule = excluded.rule", [departmentId, rule]);
  }
}

/** A site's columns in the order the insert and the update name them. */
function siteValues(s: Omit<Site, "id">): SqlValue[] {
  return [s.name, s.latitude, s.longitude, s.radiusM, JSON.stringify(s.networks), s.active ? 1 : 0];
}
