/**
 * An access token fetched once and shared until shortly before it expires; concurrent callers wait
 * for the same fetch. WeCom, Feishu and DingTalk all hand out 7200-second tokens and cap how often
 * they may be fetched, so a token per call would be both slow and refused.
 */

/** A freshly fetched token and its lifetime in seconds, as the platform said. */
export interface FetchedToken {
  token: string;
  expiresInSeconds: number;
}

/** Refresh this long before the platform's expiry, so a call never carries a token that dies in flight. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export class TokenCache {
  private current?: { token: string; expiresAt: number };
  private pending?: Promise<string>;

  constructor(
    private readonly fetchToken: () => Promise<FetchedToken>,
    private readonly now: () => number = Date.now,
  ) {}

  /** A token valid for at least the refresh margin. */
  async get(): Promise<string> {
    if (this.current && this.now() < this.current.expiresAt) return this.current.token;
    this.pending ??= this.fetchToken()
      .then(({ token, expiresInSeconds }) => {
        const lifetime = Math.max(0, expiresInSeconds * 1000 - REFRESH_MARGIN_MS);
        this.current = { token, expiresAt: this.now() + lifetime };
        return token;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  /** Drops `token` after the platform called it invalid or expired; a newer token is kept. */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }

  /**
   * Runs `call` with a token; when the platform answers that the token is invalid or expired,
   * fetches a new one and runs it once more.
   */
  async withToken<T>(call: (token: string) => Promise<T>, isExpired: (err: unknown) => boolean): Promise<T> {
    const token = await this.get();
    try {
      return await call(token);
    } catch (err) {
      if (!isExpired(err)) throw err;
      this.invalidate(token);
      return call(await this.get());
    }
  }
}
