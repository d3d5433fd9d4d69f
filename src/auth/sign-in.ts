/**
 * Who is calling: sign-in by password (or by picking a person in demo mode) starting a server-side
 * session; API tokens and per-agent keys; passwords; first-run setup. Built on the people
 * service; the attendance domain knows nothing of it.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Clock } from "../attendance/context.ts";
import { DomainError } from "../attendance/errors.ts";
import type { DemoPerson, PeopleService } from "../attendance/people-service.ts";
import type { Actor } from "../attendance/permissions.ts";
import type { AttendanceStore } from "../attendance/store/index.ts";
import type { Employee } from "../attendance/types.ts";
import type { AgentKeys } from "./agent-keys.ts";
import { oneTimePassword, passwordProblem, type PasswordHasher } from "./passwords.ts";
import { isApiToken, type ClientInfo, type CredentialView, type Resolved, type SessionService } from "./sessions.ts";
import type { Refusal, SignInThrottle } from "./throttle.ts";

/** What a sign-in (or first-run setup, or password change) came to. */
export type SignInResult =
  | { ok: true; user: Employee; session: string }
  | { ok: false; reason: "bad-credentials" }
  | { ok: false; reason: "throttled"; scope: "address" | "login"; retryAfterMs: number }
  /** Right one-time password: the sign-in completes when it comes again with a new password. */
  | { ok: false; reason: "password-change-required" };

/** A sign-in attempt as typed. */
export interface SignInInput {
  login: string;
  /** Absent in demo mode (picking a person). */
  password?: string;
  /** Replaces a one-time password, or is ignored. */
  newPassword?: string;
}

/** What AuthService is built from; the composition root wires it. */
export interface AuthParts {
  people: PeopleService;
  store: AttendanceStore;
  clock: Clock;
  sessions: SessionService;
  throttle: SignInThrottle;
  hasher: PasswordHasher;
  agentKeys: AgentKeys;
  /** Demo sign-in is on (decided at start-up: src/auth/mode.ts). */
  demoMode: boolean;
  /** Passwords sign in (`PASSWORD_SIGN_IN`, default on); off, only admins' do (single sign-on for the rest). */
  passwordSignIn?: boolean;
}

export class AuthService {
  readonly demoMode: boolean;
  /** Whether people other than admins may sign in with a password. */
  readonly passwordSignIn: boolean;
  readonly sessions: SessionService;
  /** The first-run setup code, while one is outstanding. */
  private setupCode: string | null = null;

  constructor(private readonly parts: AuthParts) {
    this.demoMode = parts.demoMode;
    this.passwordSignIn = parts.passwordSignIn ?? true;
    this.sessions = parts.sessions;
  }

  /** Signs in and starts a session; every outcome is audited with the client's address and agent. */
  async signIn(input: SignInInput, client: ClientInfo): Promise<SignInResult> {
    if (this.demoMode && input.password === undefined) {
      const user = await this.parts.people.forSignIn(input.login);
      if (!user) return this.refused(input.login, client, "unknown-demo-person");
      return this.started(user, client, "demo");
    }
    if (input.password === undefined) return this.refused(input.login, client, "no-password");
    const checked = await this.checkPassword(input.login, input.password, client);
    if ("ok" in checked) return checked;
    const { user, temporary, rehash } = checked;
    if (temporary) {
      if (input.newPassword === undefined) return { ok: false, reason: "password-change-required" };
      await this.replaceOneTimePassword(user, input.password, input.newPassword);
    } else if (rehash) {
      await this.parts.people.upgradePasswordHash(user, await this.parts.hasher.hash(input.password));
    }
    return this.started(user, client, temporary ? "one-time-password" : "password");
  }

  /**
   * Changes one's own password after checking the current one (throttled like a sign-in): every
   * session and token of the person ends, and a new session starts for the one asking.
   */
  async changePassword(user: Employee, current: string, next: string, client: ClientInfo): Promise<SignInResult> {
    const checked = await this.checkPassword(user.login, current, client);
    if ("ok" in checked) return checked;
    if (checked.temporary) await this.replaceOneTimePassword(user, current, next);
    else await this.setPassword(user, user.login, next);
    return this.started(user, client, "password-change");
  }

  /**
   * Checks a password under the throttle: the per-address limit, the login's lockout, then the
   * hash (a decoy's for unknown logins, so both take as long). Failures count toward lockout.
   */
  private async checkPassword(login: string, password: string, client: ClientInfo): Promise<{ user: Employee; temporary: boolean; rehash: boolean } | SignInResult> {
    const { people, throttle } = this.parts;
    const address = await throttle.admitAddress(client.address ?? "unknown");
    if (address) return this.throttled(login, client, address);
    const locked = await throttle.begin(login);
    if (locked) return this.throttled(login, client, locked);
    const user = await people.forSignIn(login);
    const stored = user ? await people.password(user) : { hash: null, temporary: false };
    const { ok, rehash } = await this.parts.hasher.verify(password, stored.hash);
    if (!ok || !user) {
      const { lockedUntilMs } = await throttle.failed(login);
      return this.refused(login, client, "bad-credentials", lockedUntilMs);
    }
    await throttle.succeeded(login);
    // Checked after the hash, so it answers as slowly as a wrong password and says nothing more.
    if (!this.passwordSignIn && user.role !== "admin") return this.refused(login, client, "password-sign-in-off");
    return { user, temporary: stored.temporary, rehash };
  }

  private async replaceOneTimePassword(user: Employee, oneTime: string, next: string): Promise<void> {
    if (next === oneTime) throw new DomainError("WEAK_PASSWORD", "Choose a password of your own, not the one-time password");
    await this.setPassword(user, user.login, next);
  }

  /** Ends a session or token (sign-out, revoking a token); false when it is not theirs. */
  endCredential(user: Pick<Employee, "id">, id: number): Promise<boolean> {
    return this.sessions.end(user, id);
  }

  /** The people to pick from in demo mode; null when demo sign-in is off. */
  demoPeople(): Promise<DemoPerson[]> | null {
    return this.demoMode ? this.parts.people.demoPeople() : null;
  }

  /** The employee behind a session cookie, and the session; null when it is not a live one. */
  async userForSession(secret: string | undefined): Promise<{ user: Employee; session: Resolved } | null> {
    const session = secret ? await this.sessions.resolve(secret, "session") : null;
    const user = session && (await this.parts.people.forSignIn(session.login));
    return user ? { user, session: session! } : null;
  }

  /**
   * The employee behind an `Authorization: Bearer` header: a live API token, or, where
   * `agentKeys` is allowed (only the chat endpoint Agora's engine calls), a per-agent key.
   * Null for anything else, including a token of a person who no longer exists.
   */
  async userForBearer(header: string | undefined, options: { agentKeys?: boolean } = {}): Promise<Employee | null> {
    return (await this.bearer(header, options))?.user ?? null;
  }

  /** As {@link userForBearer}, with the token's id (null for a per-agent key). */
  async bearer(header: string | undefined, options: { agentKeys?: boolean } = {}): Promise<{ user: Employee; tokenId: number | null } | null> {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
    if (!m) return null;
    const token = m[1];
    let login: string | null = null;
    let tokenId: number | null = null;
    if (isApiToken(token)) {
      const resolved = await this.sessions.resolve(token, "token");
      login = resolved?.login ?? null;
      tokenId = resolved?.credential.id ?? null;
    } else if (options.agentKeys && token.startsWith("ak_")) {
      login = this.parts.agentKeys.resolve(token);
    }
    const user = login && (await this.parts.people.forSignIn(login));
    return user ? { user, tokenId } : null;
  }

  /** An API token for `login`, valid `hours` (at most 90 days): the CLI's `token`. */
  async issueToken(login: string, hours = 12, name: string | null = "cli"): Promise<string> {
    const user = await this.parts.people.forSignIn(login);
    if (!user) throw new DomainError("NOT_FOUND", `No employee ${login}`);
    return (await this.sessions.createToken(user, { hours, name })).token;
  }

  /** A person's live API tokens (the CLI's `token --list`; the page lists the caller's own). */
  async tokens(login: string): Promise<CredentialView[]> {
    const user = await this.parts.people.forSignIn(login);
    if (!user) throw new DomainError("NOT_FOUND", `No employee ${login}`);
    return this.sessions.list(user, "token");
  }

  /** Revokes a token by id, whoever's it is (the CLI, acting as the system); false when none. */
  async revokeToken(id: number): Promise<boolean> {
    const token = await this.parts.store.sessions.byId(id);
    if (!token || token.kind !== "token") return false;
    return this.parts.store.sessions.remove(id);
  }

  /** A key for /v1/chat/completions that acts as `login` only, for `ttlMs` (an Agora agent's). */
  issueAgentKey(login: string, ttlMs: number): string {
    return this.parts.agentKeys.issue(login, ttlMs);
  }

  revokeAgentKey(key: string): void {
    this.parts.agentKeys.revoke(key);
  }

  /**
   * Sets `login`'s password as `actor` (the CLI's `password` acts as the system), ending every
   * session and token they have; a `temporary` one must be changed at first sign-in. Audited.
   */
  async setPassword(actor: Actor, login: string, password: string, options: { temporary?: boolean } = {}): Promise<void> {
    if (!(await this.parts.people.forSignIn(login))) throw new DomainError("NOT_FOUND", `No employee ${login}`);
    const problem = passwordProblem(password);
    if (problem) throw new DomainError("WEAK_PASSWORD", problem);
    await this.parts.people.setPasswordHash(actor, login, await this.parts.hasher.hash(password), options);
  }

  /** Whether the server waits for its first administrator (an empty directory, demo sign-in off). */
  async setupRequired(): Promise<boolean> {
    return !this.demoMode && (await this.parts.people.isEmpty());
  }

  /**
   * The one-time code that first-run setup asks for, made when setup is required (printed in the
   * server's log, so only whoever runs the server can use it); null once anyone exists.
   */
  async issueSetupCode(): Promise<string | null> {
    if (!(await this.setupRequired())) return null;
    const raw = randomBytes(9).toString("base64url").toUpperCase().replace(/[^A-Z0-9]/g, "X");
    this.setupCode = `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`;
    return this.setupCode;
  }

  /** First-run setup: the setup code, once, creates the first administrator and signs them in. */
  async completeSetup(input: { code: string; login: string; name: string; password: string; language?: Employee["language"] }, client: ClientInfo): Promise<SignInResult> {
    const { throttle, people } = this.parts;
    const address = await throttle.admitAddress(client.address ?? "unknown");
    if (address) return this.throttled("(setup)", client, address);
    const locked = await throttle.begin("(setup)");
    if (locked) return this.throttled("(setup)", client, locked);
    const expected = this.setupCode;
    const given = input.code.trim().toUpperCase();
    if (!expected || given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
      await throttle.failed("(setup)");
      return this.refused("(setup)", client, "bad-setup-code");
    }
    await throttle.succeeded("(setup)");
    const problem = passwordProblem(input.password);
    if (problem) throw new DomainError("WEAK_PASSWORD", problem);
    const admin = await people.createFirstAdmin({ login: input.login, name: input.name, passwordHash: await this.parts.hasher.hash(input.password), temporary: false, language: input.language });
    this.setupCode = null;
    return this.started(admin, client, "setup");
  }

  /** `cli init`: the first administrator with a one-time password, which is returned to print. */
  async initAdmin(login: string, name: string): Promise<{ user: Employee; password: string }> {
    const password = oneTimePassword();
    const user = await this.parts.people.createFirstAdmin({ login, name, passwordHash: await this.parts.hasher.hash(password), temporary: true });
    this.setupCode = null;
    return { user, password };
  }

  /** A session for someone another party verified (single sign-on); audited by the caller. */
  async startVerifiedSession(user: Employee, client: ClientInfo): Promise<string> {
    return (await this.sessions.startSession(user, client)).secret;
  }

  /** Records a sign-in event of another kind (single sign-on) in the same log as passwords'. */
  auditSignIn(user: Employee | null, action: string, login: string, client: ClientInfo, detail: Record<string, unknown>): Promise<void> {
    return this.audit(user, action, login, client, detail);
  }

  private async started(user: Employee, client: ClientInfo, how: string): Promise<SignInResult> {
    const { secret } = await this.sessions.startSession(user, client);
    await this.audit(user, "sign-in", user.login, client, { how });
    return { ok: true, user, session: secret };
  }

  private async refused(login: string, client: ClientInfo, why: string, lockedUntilMs: number | null = null): Promise<SignInResult> {
    await this.audit(null, "sign-in-failed", login, client, { why, ...(lockedUntilMs ? { lockedUntil: new Date(lockedUntilMs).toISOString() } : {}) });
    return { ok: false, reason: "bad-credentials" };
  }

  private async throttled(login: string, client: ClientInfo, refusal: Refusal): Promise<SignInResult> {
    // Once per block, not per refused attempt: a flood must not fill the audit log.
    if (refusal.first) await this.audit(null, "sign-in-throttled", login, client, { scope: refusal.reason, retryAfterMs: refusal.retryAfterMs });
    return { ok: false, reason: "throttled", scope: refusal.reason, retryAfterMs: Math.max(1000, refusal.retryAfterMs) };
  }

  private audit(user: Employee | null, action: string, login: string, client: ClientInfo, detail: Record<string, unknown>): Promise<void> {
    return this.parts.store.audit.add({
      atMs: this.parts.clock(),
      actorId: user?.id ?? null,
      action,
      entity: "sign-in",
      entityId: login.slice(0, 64),
      after: { address: client.address, userAgent: client.userAgent?.slice(0, 300) ?? null, ...detail },
    });
  }
}
