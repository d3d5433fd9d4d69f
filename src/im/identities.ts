/**
 * Who is who in chat: each employee's id on each platform, read and written here only (the
 * directory will edit them through this service), and self-service linking with a 6-digit code
 * from the web app that works once, for 10 minutes. Every change is audited.
 */
import { randomInt } from "node:crypto";
import { DomainError } from "../attendance/errors.ts";
import { canManageAll, SYSTEM_ACTOR, type Actor } from "../attendance/permissions.ts";
import type { PeopleService } from "../attendance/people-service.ts";
import type { Employee } from "../attendance/types.ts";
import { LINK_CODE_DIGITS, LINK_CODE_TTL_MS } from "./link.ts";
import type { Platform } from "./message.ts";
import type { ChatIdRecords } from "../attendance/directory/service.ts";
import type { SqlDb } from "../attendance/store/index.ts";
import type { ImIds } from "../attendance/types.ts";
import { ImRepository, type ImIdentity } from "./store.ts";

/**
 * People's chat ids as the directory edits and imports them: over the database handle it gives
 * (its own transaction's, so an import's ids commit or roll back with the people). The directory
 * checks permissions and audits; this only reads and writes the records.
 */
export const chatIdRecords: ChatIdRecords = {
  async all(db: SqlDb) {
    const out = new Map<number, ImIds>();
    for (const i of await new ImRepository(db).allIdentities()) out.set(i.employeeId, { ...out.get(i.employeeId), [i.platform]: i.imId });
    return out;
  },
  async of(db: SqlDb, employeeId: number) {
    return Object.fromEntries((await new ImRepository(db).identitiesOf(employeeId)).map((i) => [i.platform, i.imId]));
  },
  ownerOf: (db, platform, imId) => new ImRepository(db).employeeIdFor(platform, imId),
  set: (db, employeeId, platform, imId) => new ImRepository(db).setIdentity(employeeId, platform, imId),
};

/** What linking with a code came to. */
export type LinkOutcome = { status: "linked"; employee: Employee } | { status: "badCode" } | { status: "taken" };

export class ImIdentities {
  constructor(
    private readonly repo: ImRepository,
    private readonly people: PeopleService,
    private readonly now: () => number = Date.now,
  ) {}

  /** The employee a platform id belongs to, if any (and if they still exist and have not left). */
  async employeeFor(platform: Platform, imId: string): Promise<Employee | undefined> {
    const id = await this.repo.employeeIdFor(platform, imId);
    if (id === undefined) return undefined;
    const employee = await this.people.employeeById(SYSTEM_ACTOR, id).catch((err) => {
      if (err instanceof DomainError && err.code === "NOT_FOUND") return undefined;
      throw err;
    });
    return employee?.status === "active" ? employee : undefined;
  }

  /** Someone's chat ids, as the actor may see them (themselves, their reports, anyone for HR). */
  async identitiesOf(actor: Actor, login: string): Promise<ImIdentity[]> {
    const target = await this.people.employee(actor, login);
    return this.repo.identitiesOf(target.id);
  }

  /** The ids of an employee the caller already holds (the outbox addressing a notification). */
  identitiesById(employeeId: number): Promise<ImIdentity[]> {
    return this.repo.identitiesOf(employeeId);
  }

  /** Sets or (with null) removes someone's id on a platform: HR and admins only; audited. */
  async setIdentity(actor: Actor, login: string, platform: Platform, imId: string | null): Promise<void> {
    if (!canManageAll(actor)) throw new DomainError("FORBIDDEN", "Only HR may change chat accounts");
    const target = await this.people.employee(actor, login);
    const owner = imId === null ? undefined : await this.repo.employeeIdFor(platform, imId);
    if (owner !== undefined && owner !== target.id) throw new DomainError("INVALID_INPUT", `That ${platform} id belongs to someone else`);
    const before = (await this.repo.identitiesOf(target.id)).find((i) => i.platform === platform)?.imId ?? null;
    await this.repo.setIdentity(target.id, platform, imId);
    await this.repo.audit({ atMs: this.now(), actorId: actor.id || null, action: "set-im-id", entity: "employee", entityId: target.id, before: { platform, imId: before }, after: { platform, imId } });
  }

  /** A fresh 6-digit code for the signed-in employee, replacing any unused one. */
  async newLinkCode(employee: Employee): Promise<{ code: string; expiresAt: number }> {
    const expiresAt = this.now() + LINK_CODE_TTL_MS;
    for (;;) {
      const code = String(randomInt(0, 10 ** LINK_CODE_DIGITS)).padStart(LINK_CODE_DIGITS, "0");
      // A code someone else holds right now is drawn again rather than taken over.
      if (await this.repo.linkCodeTaken(code, this.now())) continue;
      await this.repo.addLinkCode(code, employee.id, expiresAt);
      return { code, expiresAt };
    }
  }

  /** Links a chat account to the employee whose code it sent; the code works once. */
  async link(platform: Platform, imId: string, code: string): Promise<LinkOutcome> {
    const owner = await this.repo.employeeIdFor(platform, imId);
    const employeeId = await this.repo.useLinkCode(code, this.now());
    if (employeeId === undefined) return { status: "badCode" };
    if (owner !== undefined && owner !== employeeId) return { status: "taken" };
    const employee = await this.people.employeeById(SYSTEM_ACTOR, employeeId);
    await this.repo.setIdentity(employeeId, platform, imId);
    await this.repo.audit({ atMs: this.now(), actorId: employeeId, action: "link-im", entity: "employee", entityId: employeeId, after: { platform, imId } });
    return { status: "linked", employee };
  }
}
