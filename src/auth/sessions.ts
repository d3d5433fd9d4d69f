/**
 * Sessions (web sign-in, an HttpOnly cookie) and API tokens (a bearer header): opaque random
 * secrets, of which the database keeps only a SHA-256 (the secrets are 256 random bits, so a
 * plain hash cannot be reversed, and no key is needed to check them). A session ends after the
 * policy's idle time or its absolute lifetime; a token at its own expiry, at most 90 days out.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Clock } from "../attendance/context.ts";
import { DomainError } from "../attendance/errors.ts";
import type { AttendanceStore, CredentialKind, StoredCredential } from "../attendance/store/index.ts";
import type { Employee } from "../attendance/types.ts";

/** API tokens live at most this long (ASVS 3.5: tokens expire). */
export const MAX_TOKEN_HOURS = 90 * 24;
/** A session's last-seen time is written at most this often: not on every request. */
const TOUCH_EVERY_MS = 60_000;

/** How long sessions last; from the policy (`sessionIdleHours`, `sessionMaxDays`). */
export interface SessionLimits {
  idleMs: number;
  maxAgeMs: number;
}

/** Where a request comes from, kept with the session it starts. */
export interface ClientInfo {
  address: string | null;
  userAgent: string | null;
}

/** A session or token as its owner sees it in a list. */
export interface CredentialView {
  id: number;
  kind: CredentialKind;
  name: string | null;
  createdMs: number;
  lastSeenMs: number;
  /** When it stops working on its own. */
  expiresMs: number;
  userAgent: string | null;
}

/** A valid credential: who it stands for, and which one it is (to end it). */
export interface Resolved {
  credential: StoredCredential;
  login: string;
}

const TOKEN_PREFIX = "at_";
export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");
const newSecret = () => randomBytes(32).toString("base64url");

/** Whether a bearer value looks like one of our API tokens (not a per-agent key). */
export const isApiToken = (value: string) => value.startsWith(TOKEN_PREFIX);

export class SessionService {
  constructor(
    private readonly store: AttendanceStore,
    private readonly clock: Clock,
    /** The policy's limits, read when needed (HR may change them). */
    readonly limits: () => Promise<SessionLimits>,
  ) {}

  /** Starts a web session; the returned secret goes into the cookie and nowhere else. */
  async startSession(employee: Pick<Employee, "id">, client: ClientInfo): Promise<{ secret: string; credential: StoredCredential }> {
    const secret = newSecret();
    const credential = await this.store.sessions.add(
      { kind: "session", employeeId: employee.id, name: null, createdMs: this.clock(), expiresMs: null, userAgent: clip(client.userAgent), address: client.address },
      hashSecret(secret),
    );
    return { secret, credential };
  }

  /** Makes an API token valid `hours` (at most 90 days); the secret is shown once, never stored. */
  async createToken(employee: Pick<Employee, "id">, options: { name?: string | null; hours: number; client?: ClientInfo }): Promise<{ token: string; view: CredentialView }> {
    if (!Number.isFinite(options.hours) || options.hours <= 0) throw new DomainError("INVALID_INPUT", "A token lasts a positive number of hours", { field: "hours" });
    if (options.hours > MAX_TOKEN_HOURS) throw new DomainError("TOKEN_TOO_LONG", `A token lasts at most ${MAX_TOKEN_HOURS} hours (90 days)`, { maxHours: MAX_TOKEN_HOURS });
    const token = TOKEN_PREFIX + newSecret();
    const now = this.clock();
    const credential = await this.store.sessions.add(
      { kind: "token", employeeId: employee.id, name: options.name ?? null, createdMs: now, expiresMs: now + Math.round(options.hours * 3_600_000), userAgent: clip(options.client?.userAgent ?? null), address: options.client?.address ?? null },
      hashSecret(token),
    );
    return { token, view: await this.view(credential) };
  }

  /**
   * The session or token behind a secret, if it is still valid; a session seen again is kept
   * alive. Expired ones are deleted as they are found.
   */
  async resolve(secret: string, kind: CredentialKind): Promise<Resolved | null> {
    if (!secret || secret.length > 200) return null;
    const credential = await this.store.sessions.bySecretHash(hashSecret(secret));
    if (!credential || credential.kind !== kind) return null;
    const now = this.clock();
    if (now >= (await this.expiry(credential))) {
      await this.store.sessions.remove(credential.id);
      return null;
    }
    if (now - credential.lastSeenMs >= TOUCH_EVERY_MS) await this.store.sessions.touch(credential.id, now);
    return { credential, login: credential.login };
  }

  /** Ends one session or token of `employee`; false when they have none with that id. */
  async end(employee: Pick<Employee, "id">, id: number): Promise<boolean> {
    const credential = await this.store.sessions.byId(id);
    if (!credential || credential.employeeId !== employee.id) return false;
    return this.store.sessions.remove(id);
  }

  /** An employee's live sessions or tokens, newest first. */
  async list(employee: Pick<Employee, "id">, kind: CredentialKind): Promise<CredentialView[]> {
    const now = this.clock();
    const views = await Promise.all((await this.store.sessions.list(employee.id, kind)).map((c) => this.view(c)));
    return views.filter((v) => v.expiresMs > now);
  }

  /** Deletes every session and token past its time (called now and then, not per request). */
  async prune(): Promise<number> {
    const { idleMs, maxAgeMs } = await this.limits();
    return this.store.sessions.removeExpired(this.clock(), idleMs, maxAgeMs);
  }

  private async expiry(c: StoredCredential): Promise<number> {
    if (c.kind === "token") return c.expiresMs ?? 0;
    const { idleMs, maxAgeMs } = await this.limits();
    return Math.min(c.lastSeenMs + idleMs, c.createdMs + maxAgeMs);
  }

  private async view(c: StoredCredential): Promise<CredentialView> {
    return { id: c.id, kind: c.kind, name: c.name, createdMs: c.createdMs, lastSeenMs: c.lastSeenMs, expiresMs: await this.expiry(c), userAgent: c.userAgent };
  }
}

/** User agents are kept for the owner to recognise a session, not in full. */
function clip(userAgent: string | null): string | null {
  return userAgent ? userAgent.slice(0, 300) : null;
}
