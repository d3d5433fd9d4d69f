import { createHmac, randomBytes, scryptSync, timingSafeEqual } from "node:crypto";

/** What a bearer token says: who, and until when. */
export interface TokenClaims {
  /** The employee's login. */
  sub: string;
  /** Expiry, seconds since epoch. */
  exp: number;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");

/** Signs and verifies compact HMAC-SHA256 tokens (`payload.signature`), JWT-like without the ceremony. */
export class TokenSigner {
  constructor(
    private readonly secret: string,
    private readonly clock: () => number = Date.now,
  ) {
    if (secret.length < 16) throw new Error("The token secret must be at least 16 characters");
  }

  sign(login: string, ttlSeconds = 12 * 3600): string {
    const claims: TokenClaims = { sub: login, exp: Math.floor(this.clock() / 1000) + ttlSeconds };
    const payload = b64url(JSON.stringify(claims));
    return `${payload}.${this.mac(payload)}`;
  }

  /** The claims of a valid, unexpired token; null otherwise. */
  verify(token: string): TokenClaims | null {
    const [payload, sig, extra] = token.split(".");
    if (!payload || !sig || extra !== undefined) return null;
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as TokenClaims;
      if (typeof claims.sub !== "string" || typeof claims.exp !== "number") return null;
      return claims.exp * 1000 > this.clock() ? claims : null;
    } catch {
      return null;
    }
  }

  private mac(payload: string): string {
    return createHmac("sha256", this.secret).update(payload).digest("base64url");
  }
}

export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** scrypt password hash as `salt:hash`. */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return `${salt.toString("hex")}:${scryptSync(password, salt, 32).toString("hex")}`;
}

export function checkPassword(password: string, stored: string | null): boolean {
  if (!stored) return false;
  const [salt, hash] = stored.split(":");
  if (!salt || !hash) return false;
  const got = scryptSync(password, Buffer.from(salt, "hex"), 32);
  const want = Buffer.from(hash, "hex");
  return got.length === want.length && timingSafeEqual(got, want);
}
