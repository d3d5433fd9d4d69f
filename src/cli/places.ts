/**
 * The CLI's commands for places (issue 15): `site` sets up or changes an office site and, with
 * --department, gives that department its location rule and the site; `erase-locations` erases
 * coordinates and photos past the retention window (the server does it nightly). As HR (the system).
 */
import { DomainError } from "../attendance/errors.ts";
import { SYSTEM_ACTOR } from "../attendance/permissions.ts";
import { LocationRuleSchema } from "../attendance/schemas.ts";
import type { Core } from "../system.ts";
import { all, has, one, type ParsedArgs, required } from "./args.ts";

type Print = (value: unknown, text: string) => void;

/** Commands this file handles. */
export const PLACE_COMMANDS = new Set(["site", "erase-locations"]);

function number(args: ParsedArgs, name: string): number | undefined {
  const v = one(args, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === "" || !Number.isFinite(n)) throw new DomainError("INVALID_INPUT", `--${name} takes a number`, { field: name });
  return n;
}

async function site(system: Core, args: ParsedArgs, print: Print): Promise<number> {
  const name = required(args, "name");
  const department = one(args, "department");
  // Checked before anything is saved: a bad rule must not leave a site behind.
  const parsedRule = department === undefined ? undefined : LocationRuleSchema.safeParse(required(args, "rule"));
  if (parsedRule && !parsedRule.success) throw new DomainError("INVALID_INPUT", "--rule is none, site or siteOrField", { field: "rule" });
  const departmentSites = department === undefined ? [] : await system.sites.departmentSites(department);
  const existing = (await system.sites.sites(SYSTEM_ACTOR)).find((s) => s.name === name);
  const networks = all(args, "network");
  const fields = {
    latitude: number(args, "lat"),
    longitude: number(args, "lng"),
    radiusM: number(args, "radius"),
    networks: networks.length ? networks : undefined,
    active: has(args, "inactive") ? false : has(args, "active") ? true : undefined,
  };
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  const saved = existing
    ? await system.sites.updateSite(SYSTEM_ACTOR, existing.id, defined)
    : await system.sites.addSite(SYSTEM_ACTOR, {
        name,
        latitude: fields.latitude ?? Number(required(args, "lat")),
        longitude: fields.longitude ?? Number(required(args, "lng")),
        radiusM: fields.radiusM ?? 300,
        networks: fields.networks ?? [],
        active: fields.active ?? true,
      });
  let rule: { department: string; rule: string; sites: number[] } | undefined;
  if (department && parsedRule?.success) {
    const parsed = parsedRule;
    const kept = departmentSites.filter((id) => id !== saved.id);
    rule = await system.sites.setDepartmentLocation(SYSTEM_ACTOR, department, { rule: parsed.data, sites: [...kept, saved.id] });
  }
  const where = `${saved.latitude}, ${saved.longitude}, ${saved.radiusM} m${saved.networks.length ? `, networks ${saved.networks.join(" ")}` : ""}${saved.active ? "" : ", inactive"}`;
  print({ site: saved, ...(rule ? { department: rule } : {}) }, `Site #${saved.id} ${saved.name}: ${where}.${rule ? ` ${rule.department} punches by rule ${rule.rule} at sites ${rule.sites.join(", ")}.` : ""}`);
  return 0;
}

export async function runPlaceCommand(system: Core, command: string, args: ParsedArgs, print: Print): Promise<number> {
  if (command === "site") return site(system, args, print);
  if (command === "erase-locations") {
    const done = await system.sites.eraseExpiredLocations(SYSTEM_ACTOR);
    print(done, `Erased the coordinates and photos of ${done.erased} punch(es) recorded before ${new Date(done.beforeMs).toISOString()}.`);
    return 0;
  }
  return 2;
}
