/**
 * Per-platform send rates as sliding windows: a send may go when, for every rule of its bucket,
 * fewer than `limit` sends happened in the last `windowMs`. Time comes from the caller, so tests
 * and the outbox worker drive it with their own clock and nothing here sleeps.
 */

/** At most `limit` sends in any `windowMs`. */
export interface RateRule {
  limit: number;
  windowMs: number;
}

const MINUTE = 60_000;

/**
 * The platforms' published limits.
 * - WeCom group robot: 20 messages a minute ("每个机器人发送的消息不能超过20条/分钟", 群机器人配置说明).
 * - WeCom app message: 30 a minute to the same member ("每应用对同一个成员不可超过30次/分钟", 发送应用消息).
 * - DingTalk robots: 20 a minute, then throttled for 10 minutes (自定义机器人发送群消息, 消息发送频率限制).
 * - Feishu bots: 5 a second and 100 a minute (自定义机器人使用指南, 频控).
 * - Slack chat.postMessage: about one message a second per channel (Web API rate limits, "special").
 */
export const RATES = {
  wecomRobot: [{ limit: 20, windowMs: MINUTE }],
  wecomMember: [{ limit: 30, windowMs: MINUTE }],
  dingtalkRobot: [{ limit: 20, windowMs: MINUTE }],
  feishuBot: [
    { limit: 5, windowMs: 1000 },
    { limit: 100, windowMs: MINUTE },
  ],
  slackChannel: [{ limit: 1, windowMs: 1000 }],
} satisfies Record<string, RateRule[]>;

/** One bucket's send history. */
export class SlidingWindow {
  private readonly sent: number[] = [];
  private readonly horizon: number;

  constructor(private readonly rules: RateRule[]) {
    this.horizon = Math.max(...rules.map((r) => r.windowMs));
  }

  /** Milliseconds until a send may go at `now` (0 when it may go now). */
  delay(now: number): number {
    this.prune(now);
    let wait = 0;
    for (const rule of this.rules) {
      const inWindow = this.sent.filter((t) => t > now - rule.windowMs);
      if (inWindow.length < rule.limit) continue;
      // The send that frees a slot is the limit-th most recent one.
      const freeing = inWindow[inWindow.length - rule.limit];
      wait = Math.max(wait, freeing + rule.windowMs - now);
    }
    return wait;
  }

  /** Records a send at `now`. */
  take(now: number): void {
    this.sent.push(now);
    this.prune(now);
  }

  private prune(now: number): void {
    while (this.sent.length > 0 && this.sent[0] <= now - this.horizon) this.sent.shift();
  }
}

/** Buckets by key, created on first use with the rules the caller names. */
export class RateLimiter {
  private readonly buckets = new Map<string, SlidingWindow>();

  /** Milliseconds until a send in bucket `key` may go at `now`. */
  delay(key: string, rules: RateRule[], now: number): number {
    return this.bucket(key, rules).delay(now);
  }

  /** Records a send in bucket `key` at `now`. */
  take(key: string, rules: RateRule[], now: number): void {
    this.bucket(key, rules).take(now);
  }

  private bucket(key: string, rules: RateRule[]): SlidingWindow {
    let b = this.buckets.get(key);
    if (!b) {
      b = new SlidingWindow(rules);
      this.buckets.set(key, b);
    }
    return b;
  }
}
