import { describe, expect, it } from "vitest";
import { RateLimiter, RATES, type RateRule } from "../../src/im/rate-limit.ts";
import { TokenCache } from "../../src/im/token-cache.ts";

/** Sends `count` messages as early as the limiter allows, on a virtual clock; returns the send times. */
function schedule(rules: RateRule[], count: number): number[] {
  const limiter = new RateLimiter();
  const times: number[] = [];
  let now = 0;
  while (times.length < count) {
    const wait = limiter.delay("bucket", rules, now);
    now += wait;
    limiter.take("bucket", rules, now);
    times.push(now);
  }
  return times;
}

/** The most sends in any window of `windowMs`. */
function busiest(times: number[], windowMs: number): number {
  return Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + windowMs).length));
}

describe("rate limits", () => {
  it("lets 20 robot messages go at once and the next 5 a minute later", () => {
    const times = schedule(RATES.wecomRobot, 25);
    expect(times.slice(0, 20).every((t) => t === 0)).toBe(true);
    expect(times.slice(20)).toEqual([60_000, 60_000, 60_000, 60_000, 60_000]);
    expect(busiest(times, 60_000)).toBe(20);
  });

  it("keeps Feishu under 5 a second and 100 a minute at once", () => {
    const times = schedule(RATES.feishuBot, 230);
    expect(busiest(times, 1000)).toBe(5);
    expect(busiest(times, 60_000)).toBe(100);
    expect(times[99]).toBeLessThan(60_000);
    expect(times[100]).toBeGreaterThanOrEqual(60_000);
  });

  it("keeps buckets apart", () => {
    const limiter = new RateLimiter();
    limiter.take("slack:C1", RATES.slackChannel, 0);
    expect(limiter.delay("slack:C1", RATES.slackChannel, 0)).toBe(1000);
    expect(limiter.delay("slack:C2", RATES.slackChannel, 0)).toBe(0);
  });
});

describe("access token cache", () => {
  it("fetches once for concurrent callers and again only near expiry", async () => {
    let now = 0;
    let fetched = 0;
    const cache = new TokenCache(async () => ({ token: `t${++fetched}`, expiresInSeconds: 7200 }), () => now);
    expect(await Promise.all([cache.get(), cache.get(), cache.get()])).toEqual(["t1", "t1", "t1"]);
    now = 7200_000 - 6 * 60_000;
    expect(await cache.get()).toBe("t1");
    now = 7200_000 - 4 * 60_000; // inside the 5-minute margin
    expect(await cache.get()).toBe("t2");
  });

  it("retries a call once with a new token when the platform calls the old one expired", async () => {
    let fetched = 0;
    const cache = new TokenCache(async () => ({ token: `t${++fetched}`, expiresInSeconds: 7200 }));
    const seen: string[] = [];
    const result = await cache.withToken(
      async (token) => {
        seen.push(token);
        if (token === "t1") throw new Error("expired");
        return "sent";
      },
      (err) => (err as Error).message === "expired",
    );
    expect(result).toBe("sent");
    expect(seen).toEqual(["t1", "t2"]);
  });
});
