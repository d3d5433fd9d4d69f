/**
 * Sign-in throttling (ASVS 2.2.1). Per login: after 5 failures the login is locked for a minute,
 * and each further failure after a lockout locks it again for twice as long (at most an hour);
 * a success clears it. Attempts during a lockout are not checked at all, so a correct password
 * waits no longer than the lockout. Per client address: more than 20 attempts in a minute are
 * refused until the minute is over. The state is in the database, shared by every server.
 *
 * Unknown logins are throttled exactly like real ones: the answers never say which exist.
 */
import type { Clock } from "../attendance/context.ts";
import type { AttendanceStore, LoginThrottle } from "../attendance/store/index.ts";

/** The numbers, in one place (and in the README). */
export const THROTTLE = {
  failuresBeforeLockout: 5,
  firstLockoutMs: 60_000,
  maxLockoutMs: 3_600_000,
  attemptsPerAddress: 20,
  addressWindowMs: 60_000,
  /** A login's record is forgotten after this long without a failure. */
  forgetAfterMs: 24 * 3_600_000,
} as const;

/**
 * Why an attempt is refused before its password is looked at, and when to try again; `first`
 * for the first refusal of a block (an address over its limit; an attempt on a locked login
 * is refused silently, the lockout itself was recorded when it started).
 */
export type Refusal = { reason: "address" | "login"; retryAfterMs: number; first: boolean };

/** What a finished failure did: whether it started a lockout, and until when. */
export type FailureOutcome = { lockedUntilMs: number | null };

const loginKey = (login: string) => `login:${login.trim().toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;

/** How many blocked addresses this process remembers before it forgets the expired ones. */
const MAX_REMEMBERED_BLOCKS = 10_000;

export class SignInThrottle {
  private attemptsSincePrune = 0;
  /**
   * Addresses over their limit, and when their window ends. A flood from one address would
   * otherwise write a counter row per attempt, and those writes (and the checkpoints they cause)
   * stall every other request; the answer inside a blocked window is the same without them. Each
   * server keeps its own: the database still decides when a block starts.
   */
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    private readonly store: AttendanceStore,
    private readonly clock: Clock,
  ) {}

  /** Counts an attempt from `address`; a refusal when it is over the per-minute limit. */
  async admitAddress(address: string): Promise<Refusal | null> {
    const now = this.clock();
    const blockedUntil = this.blockedUntil.get(address);
    if (blockedUntil !== undefined) {
      if (blockedUntil > now) return { reason: "address", retryAfterMs: blockedUntil - now, first: false };
      this.blockedUntil.delete(address);
    }
    if (++this.attemptsSincePrune >= 1000) {
      this.attemptsSincePrune = 0;
      await this.store.throttle.prune(now - THROTTLE.forgetAfterMs);
    }
    const { attempts, windowStartMs } = await this.store.throttle.countAttempt(addressKey(address), now, THROTTLE.addressWindowMs);
    if (attempts <= THROTTLE.attemptsPerAddress) return null;
    this.rememberBlock(address, windowStartMs + THROTTLE.addressWindowMs, now);
    return { reason: "address", retryAfterMs: windowStartMs + THROTTLE.addressWindowMs - now, first: attempts === THROTTLE.attemptsPerAddress + 1 };
  }

  private rememberBlock(address: string, untilMs: number, now: number): void {
    if (this.blockedUntil.size >= MAX_REMEMBERED_BLOCKS) {
      for (const [key, until] of this.blockedUntil) if (until <= now) this.blockedUntil.delete(key);
      // Still full of live blocks (a spread-out flood): the database alone answers for new ones.
      if (this.blockedUntil.size >= MAX_REMEMBERED_BLOCKS) return;
    }
    this.blockedUntil.set(address, untilMs);
  }

  /**
   * Starts an attempt on `login`: a refusal while it is locked; otherwise the attempt counts as a
   * failure until {@link succeeded} says otherwise, so that many attempts at once cannot get more
   * guesses in than the limit allows.
   */
  async begin(login: string): Promise<Refusal | null> {
    const key = loginKey(login);
    return this.store.transaction(async (tx) => {
      const now = this.clock();
      const t = current(await tx.throttle.login(key), now);
      if (t.lockedUntilMs !== null && t.lockedUntilMs > now) return { reason: "login", retryAfterMs: t.lockedUntilMs - now, first: false };
      // Attempts already being checked fill the allowance: wait for their outcome.
      if (t.failures >= allowance(t)) return { reason: "login", retryAfterMs: 1000, first: false };
      await tx.throttle.setLogin(key, { ...t, failures: t.failures + 1, lockedUntilMs: null, updatedMs: now });
      return null;
    });
  }

  /** The attempt begun on `login` was right: its record is cleared. */
  async succeeded(login: string): Promise<void> {
    await this.store.throttle.clear(loginKey(login));
  }

  /** The attempt begun on `login` was wrong: locks it when that used up the allowance. */
  async failed(login: string): Promise<FailureOutcome> {
    const key = loginKey(login);
    return this.store.transaction(async (tx) => {
      const now = this.clock();
      const t = current(await tx.throttle.login(key), now);
      if (t.failures < allowance(t)) return { lockedUntilMs: null };
      const lockouts = t.lockouts + 1;
      const lockedUntilMs = now + Math.min(THROTTLE.firstLockoutMs * 2 ** (lockouts - 1), THROTTLE.maxLockoutMs);
      await tx.throttle.setLogin(key, { failures: 0, lockouts, lockedUntilMs, updatedMs: now });
      return { lockedUntilMs };
    });
  }
}

/** A login's record as of now: a fresh one when there is none or it is old enough to forget. */
function current(t: LoginThrottle | undefined, now: number): LoginThrottle {
  if (!t || (now - t.updatedMs > THROTTLE.forgetAfterMs && (t.lockedUntilMs ?? 0) <= now)) return { failures: 0, lockouts: 0, lockedUntilMs: null, updatedMs: now };
  return t;
}

/** Failures allowed before the next lockout: five at first, then one after each lockout. */
const allowance = (t: LoginThrottle) => (t.lockouts === 0 ? THROTTLE.failuresBeforeLockout : 1);
