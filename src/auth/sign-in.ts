/**
 * Who is calling: sign-in by password (or by name in demo mode), bearer tokens and per-agent
 * keys, passwords. Built on the people service; the attendance domain knows nothing of it.
 */
import type { PeopleService } from "../attendance/people-service.ts";
import type { DemoPerson } from "../attendance/people-service.ts";
import { DomainError } from "../attendance/errors.ts";
import { SYSTEM_ACTOR } from "../attendance/permissions.ts";
import type { Employee } from "../attendance/types.ts";
import type { AgentKeys } from "./agent-keys.ts";
import { checkPassword, hashPassword, type TokenSigner } from "./tokens.ts";

/** Passwords shorter than this are refused. */
export const MIN_PASSWORD_LENGTH = 8;

export class AuthService {
  constructor(
    private readonly people: PeopleService,
    private readonly tokens: TokenSigner,
    private readonly agentKeys: AgentKeys,
    /** Demo mode lets anyone sign in by picking a demo person. */
    readonly demoMode: boolean,
  ) {}

  /** A token for `login` and who they are; null for a wrong login or password. */
  async signIn(login: string, password?: string): Promise<{ token: string; user: Employee } | null> {
    const user = await this.people.forSignIn(login);
    if (!user) return null;
    const ok = this.demoMode || (password !== undefined && checkPassword(password, await this.people.passwordHash(user)));
    return ok ? { token: this.tokens.sign(user.login), user } : null;
  }

  /** The people to pick from in demo mode; null when demo sign-in is off. */
  demoPeople(): Promise<DemoPerson[]> | null {
    return this.demoMode ? this.people.demoPeople() : null;
  }

  /**
   * The employee behind an `Authorization: Bearer` header: a signed user token, or, where
   * `agentKeys` is allowed (only the chat endpoint Agora's engine calls), a per-agent key.
   * Null for anything else, including a valid token of a person who no longer exists.
   */
  async userForBearer(header: string | undefined, options: { agentKeys?: boolean } = {}): Promise<Employee | null> {
    const m = /^Bearer\s+(.+)$/i.exec(header ?? "");
    if (!m) return null;
    const token = m[1].trim();
    const isAgentKey = token.startsWith("ak_");
    if (isAgentKey && !options.agentKeys) return null;
    const login = isAgentKey ? this.agentKeys.resolve(token) : this.tokens.verify(token)?.sub;
    return (login && (await this.people.forSignIn(login))) || null;
  }

  /** A bearer token for an existing employee, valid `hours` (the CLI's `token`). */
  async issueToken(login: string, hours = 12): Promise<string> {
    if (!(await this.people.forSignIn(login))) throw new DomainError("NOT_FOUND", `No employee ${login}`);
    return this.tokens.sign(login, hours * 3600);
  }

  /** A key for /v1/chat/completions that acts as `login` only, for `ttlMs` (an Agora agent's). */
  issueAgentKey(login: string, ttlMs: number): string {
    return this.agentKeys.issue(login, ttlMs);
  }

  revokeAgentKey(key: string): void {
    this.agentKeys.revoke(key);
  }

  /** Sets a password (the CLI's `password`, acting as the system); audited. */
  async setPassword(login: string, password: string): Promise<void> {
    if (!(await this.people.forSignIn(login))) throw new DomainError("NOT_FOUND", `No employee ${login}`);
    if (password.length < MIN_PASSWORD_LENGTH) throw new DomainError("INVALID_INPUT", `Passwords need at least ${MIN_PASSWORD_LENGTH} characters`);
    await this.people.setPasswordHash(SYSTEM_ACTOR, login, hashPassword(password));
  }
}
