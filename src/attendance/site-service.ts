/**
 * Places (issue 15): HR's sites and who works at which, each department's location rule, the
 * manager's review of field punches, and the erasure of coordinates after the retention window.
 */
import type { z } from "zod";
import type { AttendanceContext } from "./context.ts";
import { DomainError } from "./errors.ts";
import { coarseMapLink, parseCidr } from "./geo.ts";
import type { Actor } from "./permissions.ts";
import { canApprove, canManageAll, canSeeTeam } from "./permissions.ts";
import { judgePlace, type PlaceEvidence, type PlaceRule } from "./places.ts";
import { arrivedLate } from "./punch-claims.ts";
import type { SitePatchSchema, SiteSchema } from "./schemas.ts";
import type { AttendanceStore } from "./store/index.ts";
import type { Employee, LocationRule, PunchPlace, Punch, Site } from "./types.ts";

export type SiteInput = z.output<typeof SiteSchema>;
export type SitePatch = z.output<typeof SitePatchSchema>;

/**
 * A punch waiting for the manager's review, as they see it: a field punch, or one that arrived
 * late for its claimed instant (queued offline). Who, when, the remark, a map link at 100 m,
 * never raw coordinates.
 */
export interface FieldPunchItem {
  id: number;
  login: string;
  name: string;
  nameEn: string;
  atMs: number;
  kind: Punch["kind"];
  remark: string | null;
  /** The nearest site and how far from it. */
  site: string | null;
  distanceM: number | null;
  mapLink: string | null;
  hasPhoto: boolean;
  review: Punch["place"]["review"];
  /** When the server received it (ms); with `arrivedLate`, well after `atMs` (a punch queued offline). */
  receivedMs: number;
  /** It arrived more than 10 minutes after its claimed instant: why it waits, besides (or instead of) being a field punch. */
  arrivedLate: boolean;
}

/** A department's location rule and the sites assigned to it, as HR's sites screen lists them. */
export interface DepartmentLocation {
  code: string;
  name: string;
  nameEn: string;
  active: boolean;
  rule: LocationRule;
  /** Site ids. */
  sites: number[];
}

/** The refusals a punch's place can meet: what the page says (or asks for) before punching. */
const PLACE_REFUSALS = new Set(["OUTSIDE_SITE", "LOCATION_REQUIRED", "FIELD_REMARK_REQUIRED", "LOCATION_MOCKED"]);

/** Where a punch made now would be judged to be, or why it would be refused (an answer, not an error). */
export type PlaceJudgement =
  | { place: { kind: PunchPlace["kind"]; site?: string; distanceM?: number }; refusal: null }
  | { place: null; refusal: { code: string; message: string; details: Record<string, unknown> } };

/** The sites and rule a person's punches are judged by: their own and their department's sites (every active one when none is assigned). */
export async function placeRuleOf(store: AttendanceStore, employee: Pick<Employee, "id" | "departmentId">): Promise<PlaceRule> {
  const [rule, all, forDepartment, forEmployee] = await Promise.all([
    store.sites.rule(employee.departmentId),
    store.sites.list(),
    store.sites.assigned({ scope: "department", targetId: employee.departmentId }),
    store.sites.assigned({ scope: "employee", targetId: employee.id }),
  ]);
  const assigned = new Set([...forDepartment, ...forEmployee]);
  const active = all.filter((s) => s.active);
  return { rule, sites: assigned.size ? active.filter((s) => assigned.has(s.id)) : active };
}

/** Checks a site's networks: each a CIDR range (or a single address), written the canonical way. */
function checkNetworks(networks: string[]): string[] {
  return networks.map((n) => {
    const range = parseCidr(n);
    if (!range) throw new DomainError("INVALID_INPUT", `networks: ${n} is not a CIDR range such as 203.0.113.0/24`, { field: "networks", value: n });
    return `${range.address}/${range.prefix}`;
  });
}

export class SiteService {
  constructor(private readonly ctx: AttendanceContext) {}

  private hrOnly(actor: Actor, what: string): void {
    if (!canManageAll(actor)) throw new DomainError("FORBIDDEN", `Only HR can ${what}`);
  }

  /** Every site: HR sees the networks too; others see names and fences (offices are no secret). */
  async sites(actor: Actor): Promise<Site[]> {
    const all = await this.ctx.store.sites.list();
    return canManageAll(actor) ? all : all.map((s) => ({ ...s, networks: [] }));
  }

  async addSite(actor: Actor, input: SiteInput): Promise<Site> {
    this.hrOnly(actor, "set up sites");
    const networks = checkNetworks(input.networks);
    return this.ctx.store.transaction(async (tx) => {
      if (await tx.sites.byName(input.name)) throw new DomainError("SITE_EXISTS", `A site named ${input.name} exists`, { name: input.name });
      const site = await tx.sites.add({ ...input, networks });
      await this.ctx.audit(tx, actor, "create", "site", site.id, undefined, site);
      return site;
    });
  }

  async updateSite(actor: Actor, id: number, patch: SitePatch): Promise<Site> {
    this.hrOnly(actor, "change sites");
    return this.ctx.store.transaction(async (tx) => {
      const before = await tx.sites.byId(id);
      if (!before) throw new DomainError("NOT_FOUND", `No site ${id}`, { what: "site", id });
      const after: Site = { ...before, ...patch, networks: patch.networks ? checkNetworks(patch.networks) : before.networks };
      const clash = after.name !== before.name && (await tx.sites.byName(after.name));
      if (clash) throw new DomainError("SITE_EXISTS", `A site named ${after.name} exists`, { name: after.name });
      await tx.sites.update(after);
      await this.ctx.audit(tx, actor, "update", "site", id, before, after);
      return after;
    });
  }

  private async knownSites(store: AttendanceStore, ids: number[]): Promise<void> {
    const known = new Set((await store.sites.list()).map((s) => s.id));
    const unknown = ids.find((id) => !known.has(id));
    if (unknown !== undefined) throw new DomainError("NOT_FOUND", `No site ${unknown}`, { what: "site", id: unknown });
  }

  /** Sets a department's location rule and the sites its people work at. */
  async setDepartmentLocation(actor: Actor, code: string, input: { rule: LocationRule; sites: number[] }): Promise<{ department: string; rule: LocationRule; sites: number[] }> {
    this.hrOnly(actor, "set where a department punches");
    return this.ctx.store.transaction(async (tx) => {
      const department = (await tx.people.departments()).find((d) => d.code === code);
      if (!department) throw new DomainError("NOT_FOUND", `No department ${code}`, { what: "department", code });
      await this.knownSites(tx, input.sites);
      const scope = { scope: "department" as const, targetId: department.id };
      const before = { rule: await tx.sites.rule(department.id), sites: await tx.sites.assigned(scope) };
      await tx.sites.setRule(department.id, input.rule);
      await tx.sites.assign(scope, input.sites);
      const after = { department: code, rule: input.rule, sites: [...new Set(input.sites)].sort((a, b) => a - b) };
      await this.ctx.audit(tx, actor, "update", "department-location", code, before, after);
      return after;
    });
  }

  /** Every department's location rule and assigned sites, for HR's sites screen. */
  async departmentLocations(actor: Actor): Promise<DepartmentLocation[]> {
    this.hrOnly(actor, "see where departments punch");
    const store = this.ctx.store;
    const departments = await store.people.departments();
    return Promise.all(
      departments.map(async (d) => ({
        code: d.code,
        name: d.name,
        nameEn: d.nameEn,
        active: d.active,
        rule: await store.sites.rule(d.id),
        sites: await store.sites.assigned({ scope: "department", targetId: d.id }),
      })),
    );
  }

  /** Assigns one person sites of their own, besides their department's. */
  async setEmployeeSites(actor: Actor, login: string, sites: number[]): Promise<{ login: string; sites: number[] }> {
    this.hrOnly(actor, "assign sites");
    return this.ctx.store.transaction(async (tx) => {
      const target = await this.ctx.visibleEmployee(actor, login, tx);
      await this.knownSites(tx, sites);
      const scope = { scope: "employee" as const, targetId: target.id };
      const before = await tx.sites.assigned(scope);
      await tx.sites.assign(scope, sites);
      await this.ctx.audit(tx, actor, "update", "employee-sites", target.id, before, sites);
      return { login, sites: [...new Set(sites)].sort((a, b) => a - b) };
    });
  }

  /** The sites assigned to a department (HR's; the CLI adds one to them). */
  async departmentSites(code: string): Promise<number[]> {
    const department = (await this.ctx.store.people.departments()).find((d) => d.code === code);
    if (!department) throw new DomainError("NOT_FOUND", `No department ${code}`, { what: "department", code });
    return this.ctx.store.sites.assigned({ scope: "department", targetId: department.id });
  }

  /** The signed-in person's own rule and sites: the page asks for a location only when the rule needs it. */
  async myPlaceRule(actor: Employee): Promise<{ rule: LocationRule; sites: { id: number; name: string }[] }> {
    const rule = await placeRuleOf(this.ctx.store, actor);
    return { rule: rule.rule, sites: rule.sites.map((s) => ({ id: s.id, name: s.name })) };
  }

  /**
   * Where the actor's punch would be judged to be with this evidence, by the same rule a punch
   * uses; the page asks before punching, so an expected refusal (outside the sites, a remark
   * needed) is shown from an answer instead of a failed request.
   */
  async judgeHere(actor: Employee, evidence: PlaceEvidence): Promise<PlaceJudgement> {
    try {
      const p = judgePlace(await placeRuleOf(this.ctx.store, actor), evidence);
      return { place: { kind: p.kind, ...(p.site === null ? {} : { site: p.site }), ...(p.distanceM === null ? {} : { distanceM: p.distanceM }) }, refusal: null };
    } catch (error) {
      if (!(error instanceof DomainError) || !PLACE_REFUSALS.has(error.code)) throw error;
      return { place: null, refusal: { code: error.code, message: error.message, details: error.details } };
    }
  }

  /** Field punches waiting for the actor's review: their reports' (HR: everyone's but their own). */
  async pendingFieldPunches(actor: Actor): Promise<FieldPunchItem[]> {
    if (!canSeeTeam(actor)) return [];
    const people = canManageAll(actor) ? await this.ctx.store.people.list() : await this.ctx.store.people.list({ managerId: actor.id });
    const byId = new Map(people.filter((e) => e.id !== actor.id).map((e) => [e.id, e]));
    const pending = await this.ctx.store.punches.pendingField([...byId.keys()]);
    return pending.map((p) => fieldItem(p, byId.get(p.employeeId)!));
  }

  /** Confirms or rejects a field punch: a rejected one no longer counts (the day is judged without it). */
  async reviewFieldPunch(actor: Actor, id: number, decision: "confirmed" | "rejected"): Promise<FieldPunchItem> {
    return this.ctx.store.transaction(async (tx) => {
      const punch = await tx.punches.byId(id);
      const owner = punch && (await tx.people.byId(punch.employeeId));
      // Field punches and late arrivals (punch-claims.ts) wait for the same review.
      if (!punch || !owner || punch.place.review === null) throw new DomainError("NOT_FOUND", `No field punch ${id}`, { what: "fieldPunch", id });
      if (!canApprove(actor, owner)) throw new DomainError(actor.id === owner.id ? "SELF_APPROVAL" : "FORBIDDEN", "Only the person's manager or HR can review their field punch");
      if (!(await tx.punches.reviewField(id, decision, actor.id, this.ctx.clock()))) throw new DomainError("REQUEST_NOT_PENDING", `Field punch ${id} was already ${punch.place.review}`, { status: punch.place.review });
      await this.ctx.audit(tx, actor, decision === "confirmed" ? "confirm" : "reject", "field-punch", id, { review: "pending" }, { review: decision });
      return fieldItem({ ...punch, place: { ...punch.place, review: decision } }, owner);
    });
  }

  /** A field punch's photo, for whoever may review it or see it (the owner, their manager, HR). */
  async fieldPhoto(actor: Actor, id: number): Promise<Buffer> {
    const punch = await this.ctx.store.punches.byId(id);
    const owner = punch && (await this.ctx.store.people.byId(punch.employeeId));
    if (!punch || !owner) throw new DomainError("NOT_FOUND", `No punch ${id}`, { what: "punch", id });
    await this.ctx.visibleEmployee(actor, owner.login);
    const photo = await this.ctx.store.punches.photo(id);
    if (!photo) throw new DomainError("NOT_FOUND", `Punch ${id} has no photo`, { what: "photo", id });
    return photo;
  }

  /** Erases coordinates and photos older than the policy's retention (a daily job); audited with how many. */
  async eraseExpiredLocations(actor: Actor): Promise<{ erased: number; beforeMs: number }> {
    this.hrOnly(actor, "erase locations");
    const policy = await this.ctx.policy();
    const beforeMs = this.ctx.clock() - policy.locationRetentionDays * 86_400_000;
    return this.ctx.store.transaction(async (tx) => {
      const erased = await tx.punches.eraseLocations(beforeMs);
      // Audited when something was erased: a daily run that finds nothing leaves no line.
      if (erased > 0) await this.ctx.audit(tx, actor, "erase-locations", "punch", null, undefined, { erased, beforeMs, retentionDays: policy.locationRetentionDays });
      return { erased, beforeMs };
    });
  }
}

function fieldItem(p: Punch, owner: Employee): FieldPunchItem {
  return {
    id: p.id,
    login: owner.login,
    name: owner.name,
    nameEn: owner.nameEn,
    atMs: p.atMs,
    kind: p.kind,
    remark: p.place.remark,
    site: p.place.site,
    distanceM: p.place.distanceM,
    mapLink: p.location ? coarseMapLink(p.location) : null,
    hasPhoto: p.place.hasPhoto,
    review: p.place.review,
    receivedMs: p.recordedAtMs,
    arrivedLate: arrivedLate(p),
  };
}
