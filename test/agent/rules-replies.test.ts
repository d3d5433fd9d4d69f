import { describe, expect, it } from "vitest";
import { compensatoryLeft, punchReply, spokenDuration, type PunchFacts } from "../../src/agent/rules-replies.ts";

const fact = (over: Partial<PunchFacts>): PunchFacts => ({
  kind: "in", intent: "in", duplicate: false, minute: 9 * 60, workday: true, leaveCover: null, inMinute: 9 * 60,
  lateMinutes: 0, absentLateMinutes: 0, earlyLeaveMinutes: 0, absentEarly: false, ...over,
});

describe("punch replies with kinds", () => {
  it("says a picked kind and how to change it, with a lateness in hours and minutes", () => {
    const r = punchReply("zh", fact({ intent: "auto", minute: 17 * 60 + 3, inMinute: 17 * 60 + 3, absentLateMinutes: 483 }));
    expect(r.say).toBe("已记为上班卡，时间17点3分，迟到8小时3分，按半天旷工计。要改成下班卡，就说“改成下班卡”。");
    const en = punchReply("en", fact({ intent: "auto", kind: "out", minute: 18 * 60 + 30, inMinute: null }));
    expect(en.say).toBe("Recorded as a check-out at 18:30; today has no check-in yet. To change it, say: make that a check-in.");
  });

  it("words an explicit check-in, check-out with no check-in, and early leave that becomes absence", () => {
    expect(punchReply("en", fact({ minute: 9 * 60 + 25, inMinute: 9 * 60 + 25, lateMinutes: 25 })).say).toBe("Checked in at 9:25, 25 minutes late.");
    expect(punchReply("zh", fact({ kind: "out", intent: "out", minute: 18 * 60, inMinute: null })).say).toContain("今天还没有上班卡");
    expect(punchReply("zh", fact({ kind: "out", intent: "out", minute: 12 * 60, earlyLeaveMinutes: 360, absentEarly: true })).say).toBe(
      "已签退，时间12点，比下班时间早6小时，按半天旷工计。如果回来了，再签退一次就行。",
    );
  });

  it("speaks durations", () => {
    expect(spokenDuration("zh", 483)).toBe("8小时3分");
    expect(spokenDuration("en", 61)).toBe("1 hour 1 minute");
    expect(spokenDuration("en", 120)).toBe("2 hours");
  });
});

describe("the compensatory balance", () => {
  const balance = (remaining: number, expiring: { days: number; expiresOn: string }[]) =>
    ({ type: "compensatory" as const, year: 2026, at: "2026-11-10", entitled: remaining, used: 0, pending: 0, remaining, expiring });
  it("says what expires next", () => {
    expect(compensatoryLeft("zh", balance(1.5, [{ days: 0.5, expiresOn: "2026-12-31" }, { days: 1, expiresOn: "2027-03-01" }])).say).toBe("调休还剩1.5天，其中0.5天12月31日到期。");
    expect(compensatoryLeft("en", balance(1.5, [{ days: 0.5, expiresOn: "2026-12-31" }, { days: 1, expiresOn: "2027-03-01" }])).say).toBe(
      "You have 1.5 days of compensatory leave left; 0.5 days of it expire on December 31.",
    );
    expect(compensatoryLeft("zh", balance(1, [{ days: 1, expiresOn: "2027-03-01" }])).say).toBe("调休还剩1天，3月1日到期。");
    expect(compensatoryLeft("en", balance(0, [])).say).toBe("You have 0 days of compensatory leave left.");
  });
});
