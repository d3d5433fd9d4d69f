import { randomBytes } from "node:crypto";

/**
 * Per-agent API keys: a key stands for one employee until it expires or is revoked. Agora's
 * engine sends it as the bearer of /v1/chat/completions. Kept in memory: a key lives no longer
 * than the agent it was made for, and agents do not survive a restart either.
 */
export class AgentKeys {
  private readonly keys = new Map<string, { login: string; expiresMs: number }>();
  constructor(private readonly clock: () => number = Date.now) {}

  issue(login: string, ttlMs: number): string {
    const key = `ak_${randomBytes(24).toString("base64url")}`;
    this.keys.set(key, { login, expiresMs: this.clock() + ttlMs });
    return key;
  }

  /** The employee a live key stands for, or null. */
  resolve(key: string): string | null {
    const entry = this.keys.get(key);
    if (!entry) return null;
    if (entry.expiresMs <= this.clock()) {
      this.keys.delete(key);
      return null;
    }
    return entry.login;
  }

  revoke(key: string): void {
    this.keys.delete(key);
  }
}
