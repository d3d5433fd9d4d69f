/**
 * Single sign-on with OpenID Connect: the authorization code flow with PKCE, by openid-client.
 * `begin` remembers a verifier, a state and a nonce for ten minutes and sends the browser to the
 * provider; `complete` takes the provider's redirect back, lets the library check the state, the
 * nonce, PKCE and the ID token (issuer, audience, expiry, signature), then finds the person in the
 * directory by email or preferred_username. Who is unknown or has left is refused.
 */
import * as oidc from "openid-client";
import type { DirectoryService } from "../attendance/directory/service.ts";
import type { PeopleService } from "../attendance/people-service.ts";
import type { Employee } from "../attendance/types.ts";
import type { ClientInfo } from "./sessions.ts";

/** The provider and how people are matched (`OIDC_*`). */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** Space-separated; `openid` is always asked for. */
  scopes: string;
  /** Which claim names the person: their email, or preferred_username as their login. */
  match: "email" | "preferred_username";
  /** What the sign-in button says: "Sign in with <name>". */
  name: string;
  /** Create an active employee for a verified person the directory does not know. */
  createUnknown: boolean;
  /** The department such people go to (a department code). */
  defaultDepartment?: string;
}

/** How a sign-in through the provider ended. */
export type OidcOutcome =
  | { ok: true; user: Employee; created: boolean }
  | { ok: false; reason: "unknown" | "left" | "no-claim" | "bad-state" | "provider-error"; detail: string };

/** What a sign-in in progress keeps until the provider redirects back. */
interface Pending {
  verifier: string;
  nonce: string;
  redirectUri: string;
  expiresMs: number;
}

/** The verified claims about the person: the ID token's, completed from userinfo. */
type Claims = oidc.IDToken | (oidc.UserInfoResponse & oidc.IDToken);

const PENDING_MS = 10 * 60_000;
const MAX_PENDING = 10_000;

export interface OidcParts {
  people: PeopleService;
  directory: DirectoryService;
  clock: () => number;
  /** Audits a refused or completed sign-in (the auth service's log). */
  audit(user: Employee | null, action: string, login: string, client: ClientInfo, detail: Record<string, unknown>): Promise<void>;
}

const isLoopback = (url: string) => ["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname);

export class OidcSignIn {
  private readonly pending = new Map<string, Pending>();
  private configuration: Promise<oidc.Configuration> | null = null;

  constructor(
    readonly settings: OidcSettings,
    private readonly parts: OidcParts,
  ) {}

  /** The provider's metadata, discovered once (again after a failure). Plain http only on loopback. */
  private config(): Promise<oidc.Configuration> {
    const { issuer, clientId, clientSecret } = this.settings;
    const options = isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined;
    return (this.configuration ??= oidc.discovery(new URL(issuer), clientId, clientSecret, clientSecret ? undefined : oidc.None(), options).catch((err) => {
      this.configuration = null;
      throw err;
    }));
  }

  /** Starts a sign-in: the provider's URL to send the browser to, and the state to bind to it (a cookie). */
  async begin(redirectUri: string): Promise<{ url: string; state: string }> {
    const config = await this.config();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    this.forgetExpired();
    this.pending.set(state, { verifier, nonce, redirectUri, expiresMs: this.parts.clock() + PENDING_MS });
    const scope = [...new Set(["openid", ...this.settings.scopes.split(/\s+/).filter(Boolean)])].join(" ");
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope,
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
    });
    return { url: url.href, state };
  }

  private forgetExpired(): void {
    const now = this.parts.clock();
    for (const [state, p] of this.pending) if (p.expiresMs < now || this.pending.size > MAX_PENDING) this.pending.delete(state);
  }

  /**
   * Completes a sign-in from the provider's redirect (`query` as it came), bound to the state this
   * browser was given (`stateCookie`). The state works once.
   */
  async complete(query: string, stateCookie: string | undefined, client: ClientInfo): Promise<OidcOutcome> {
    const state = new URLSearchParams(query).get("state");
    const pending = state && stateCookie === state ? this.pending.get(state) : undefined;
    if (state) this.pending.delete(state);
    if (!pending || pending.expiresMs < this.parts.clock()) return this.refuse(null, client, "bad-state", "The sign-in expired or did not start here; start again");
    let claims: Claims;
    try {
      const config = await this.config();
      const current = new URL(pending.redirectUri);
      current.search = query;
      const tokens = await oidc.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: pending.verifier,
        expectedState: state!,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims()!;
      // Some providers put email and names only in userinfo (its subject must be the ID token's).
      const wanted = this.settings.match === "email" ? "email" : "preferred_username";
      claims = idToken[wanted] === undefined ? { ...(await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub)), ...idToken } : idToken;
    } catch (err) {
      return this.refuse(null, client, "provider-error", (err as Error).message);
    }
    return this.match(claims, client);
  }

  /** The directory's person for verified claims: known and active, or created when allowed. */
  private async match(claims: Claims, client: ClientInfo): Promise<OidcOutcome> {
    const { match } = this.settings;
    const value = match === "email" ? (claims.email_verified === false ? undefined : claims.email) : claims.preferred_username;
    if (typeof value !== "string" || value === "") return this.refuse(null, client, "no-claim", `The provider sent no ${match === "email" ? "verified email" : "preferred_username"}`);
    const found = await this.parts.people.forSingleSignOn(match === "email" ? "email" : "login", value);
    if (found?.status === "left") return this.refuse(found, client, "left", `${found.login} has left`);
    if (found) {
      await this.parts.audit(found, "sign-in", found.login, client, { how: "oidc" });
      return { ok: true, user: found, created: false };
    }
    if (!this.settings.createUnknown) return this.refuse(null, client, "unknown", `${value} is not in the directory`);
    const user = await this.parts.directory.createFromSingleSignOn(
      { login: match === "email" ? value.split("@")[0] : value, email: typeof claims.email === "string" ? claims.email : null, name: typeof claims.name === "string" ? claims.name : value },
      this.settings.defaultDepartment,
    );
    await this.parts.audit(user, "sign-in", user.login, client, { how: "oidc", created: true });
    return { ok: true, user, created: true };
  }

  private async refuse(user: Employee | null, client: ClientInfo, reason: Exclude<OidcOutcome, { ok: true }>["reason"], detail: string): Promise<OidcOutcome> {
    await this.parts.audit(user, "sign-in-failed", user?.login ?? "", client, { how: "oidc", why: reason, detail });
    return { ok: false, reason, detail };
  }
}
