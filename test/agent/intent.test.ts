import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { complete, understand, type PendingAsk, type Understanding } from "../../src/agent/intent/index.ts";
import { parseTemplate } from "../../src/agent/intent/matcher.ts";
import { TEMPLATES } from "../../src/agent/intent/templates.ts";
import { detectLanguage, normalize } from "../../src/agent/intent/language.ts";
import { ctx } from "./intent-harness.ts";

// The project's own copy of the public evaluation cases: the suite needs nothing outside the project.
const evalFile = fileURLToPath(new URL("./cases/utterances.jsonl", import.meta.url));

interface EvalCase {
  id: string;
  text: string;
  now: string;
  user: string;
  expect: { tool: string | null; args: Record<string, unknown> };
}

/** The public scorer's rules (score.mjs of the evaluation kit), applied to one understanding. */
function scorerVerdict(c: EvalCase, u: Understanding): string | null {
  if (c.expect.tool === null) return u.kind === "tool" ? `called ${u.tool}` : null;
  if (u.kind !== "tool") return `want ${c.expect.tool}, got ${u.kind}`;
  if (u.tool !== c.expect.tool) return `want ${c.expect.tool}, got ${u.tool}`;
  const got: Record<string, unknown> = { ...u.args };
  if (u.tool === "getMonthlyAttendance" && !got.month) got.month = c.now.slice(0, 7);
  if (u.tool === "getTeamAttendance" && !got.date) got.date = c.now.slice(0, 10);
  if (u.tool === "requestLeave" && got.startDate && !got.endDate) got.endDate = got.startDate;
  for (const [k, v] of Object.entries(c.expect.args)) if (String(got[k] ?? "") !== String(v)) return `${k}: want ${v}, got ${got[k]}`;
  if (u.tool === "requestLeave" && !("halfDay" in c.expect.args) && got.halfDay) return `unexpected halfDay ${got.halfDay}`;
  return null;
}

describe("understand: the evaluation set", () => {
  it("has its evaluation cases", () => {
    expect(existsSync(evalFile), evalFile).toBe(true);
  });
  const cases: EvalCase[] = existsSync(evalFile)
    ? readFileSync(evalFile, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l))
    : [];
  it.each(cases.map((c) => [c.id, c.text, c] as const))("%s %s", (_id, _text, c) => {
    expect(scorerVerdict(c, understand(c.text, ctx(c.now)))).toBeNull();
  });
});

describe("understand: shape of the answer", () => {
  it("fills the month and the team date even when not said", () => {
    expect(understand("how's my attendance", ctx())).toEqual({ kind: "tool", language: "en", tool: "getMonthlyAttendance", args: { month: "2026-11" } });
    expect(understand("who is late", ctx())).toMatchObject({ tool: "getTeamAttendance", args: { date: "2026-11-26" } });
  });

  it("always fills endDate and only sets halfDay when a half was said", () => {
    const u = understand("file sick leave for today", ctx());
    expect(u).toEqual({ kind: "tool", language: "en", tool: "requestLeave", args: { type: "sick", startDate: "2026-11-26", endDate: "2026-11-26" } });
  });

  it("keeps the reason, cut from the raw text", () => {
    expect(understand("I need a personal day tomorrow because my car broke down", ctx())).toMatchObject({
      tool: "requestLeave",
      args: { type: "personal", startDate: "2026-11-27", reason: "my car broke down" },
    });
    expect(understand("因为孩子发烧，明天请一天事假", ctx())).toMatchObject({ args: { type: "personal", reason: "孩子发烧" } });
  });

  it("does not take dates from the reason", () => {
    expect(understand("annual leave tomorrow because my sister marries on December 5th", ctx())).toMatchObject({
      args: { startDate: "2026-11-27", endDate: "2026-11-27" },
    });
  });

  it("asks for dates rather than guessing, keeping what was said", () => {
    expect(understand("I want to take 3 days of annual leave", ctx())).toEqual({
      kind: "ask", language: "en", missing: "dates", partial: { tool: "requestLeave", args: { type: "annual" } },
    });
    expect(understand("我想请假", ctx())).toMatchObject({ kind: "ask", language: "zh", missing: "dates" });
  });

  it("asks which half when half a day is said without one", () => {
    expect(understand("明天请半天病假", ctx())).toMatchObject({
      kind: "ask", missing: "dates", partial: { args: { type: "sick", startDate: "2026-11-27" } },
    });
  });

  it("tells a leave id from a date", () => {
    expect(understand("批准12号申请", ctx())).toMatchObject({ tool: "approveLeave", args: { leaveId: 12 } });
    expect(understand("取消我12号的请假", ctx())).toMatchObject({ tool: "cancelLeave", args: { startDate: "2026-12-12" } });
    expect(understand("cancel leave 12", ctx())).toMatchObject({ tool: "cancelLeave", args: { leaveId: 12 } });
    expect(understand("cancel my leave on the 12th", ctx())).toMatchObject({ tool: "cancelLeave", args: { startDate: "2026-12-12" } });
  });

  it("needs an id to approve or reject", () => {
    expect(understand("approve the leave", ctx()).kind).toBe("none");
    expect(understand("驳回", ctx()).kind).not.toBe("tool");
  });

  it("decides a bare punch as an auto punch would: by the speaker's punches, not by a midpoint", () => {
    expect(understand("打卡", ctx("2026-11-26T17:59:00+08:00"))).toMatchObject({ tool: "checkIn" });
    expect(understand("打卡", ctx("2026-11-26T18:00:00+08:00"))).toMatchObject({ tool: "checkOut" });
    expect(understand("打卡", { ...ctx("2026-11-26T10:00:00+08:00"), bareKind: "out" })).toMatchObject({ tool: "checkOut" });
    expect(understand("打卡", { ...ctx("2026-11-26T19:00:00+08:00"), bareKind: "in" })).toMatchObject({ tool: "checkIn" });
  });

  it("computes today in the user's time zone", () => {
    // 16:30 UTC on the 26th is 00:30 on the 27th in Shanghai: "tomorrow" is the 28th.
    expect(understand("sick leave tomorrow", { now: new Date("2026-11-26T16:30:00Z"), timeZone: "Asia/Shanghai" }))
      .toMatchObject({ args: { startDate: "2026-11-28" } });
  });

  it("answers in the language spoken", () => {
    expect(understand("hello", ctx()).language).toBe("en");
    expect(understand("你好", ctx()).language).toBe("zh");
    expect(detectLanguage("请annual leave")).toBe("zh");
  });

  it("hands what it does not understand to the LLM", () => {
    expect(understand("the quarterly roadmap review", ctx())).toEqual({ kind: "none", language: "en" });
    expect(understand("", ctx()).kind).toBe("none");
  });
});

describe("complete: slot filling across turns", () => {
  const ask = (text: string) => {
    const u = understand(text, ctx());
    expect(u.kind).toBe("ask");
    return u as PendingAsk;
  };
  const leave = (args: Record<string, unknown>) => ({ kind: "tool", tool: "requestLeave", args });

  it("fills dates, then the type", () => {
    const first = complete(ask("I want to take leave"), "December 1 to 3", ctx());
    expect(first).toMatchObject({ kind: "ask", missing: "leaveType", partial: { args: { startDate: "2026-12-01", endDate: "2026-12-03" } } });
    expect(complete(first as PendingAsk, "annual", ctx())).toEqual({
      kind: "tool", language: "en", tool: "requestLeave", args: { type: "annual", startDate: "2026-12-01", endDate: "2026-12-03" },
    });
  });

  it.each([
    ["I want to take leave", "annual, December 1 to 3", { type: "annual", startDate: "2026-12-01", endDate: "2026-12-03" }],
    ["我想请假", "12月1号到3号的年假", { type: "annual", startDate: "2026-12-01", endDate: "2026-12-03" }],
    ["I need annual leave", "the 1st to the 3rd", { type: "annual", startDate: "2026-12-01", endDate: "2026-12-03" }],
    ["I need annual leave", "3 days starting Monday", { type: "annual", startDate: "2026-11-30", endDate: "2026-12-02" }],
    ["can I take Friday off", "sick", { type: "sick", startDate: "2026-11-27", endDate: "2026-11-27" }],
    ["can I take Friday off", "personal", { type: "personal", startDate: "2026-11-27" }],
    ["明天请假", "事假吧", { type: "personal", startDate: "2026-11-27" }],
    ["我要请病假", "明天上午", { type: "sick", startDate: "2026-11-27", halfDay: "am" }],
    ["明天请半天病假", "上午", { type: "sick", startDate: "2026-11-27", halfDay: "am" }],
    ["half a day off tomorrow, sick leave", "afternoon", { type: "sick", startDate: "2026-11-27", halfDay: "pm" }],
    ["明天请半天病假", "算了，全天吧", { type: "sick", startDate: "2026-11-27", endDate: "2026-11-27" }],
  ] as Array<[string, string, Record<string, unknown>]>)("%s -> %s", (first, reply, args) => {
    expect(complete(ask(first), reply, ctx())).toMatchObject(leave(args));
  });

  it("takes a fresh request of another kind as such", () => {
    expect(complete(ask("I want to take leave"), "actually just check me in", ctx())).toMatchObject({ kind: "tool", tool: "checkIn" });
    expect(complete(ask("我想请假"), "取消我12月1号的请假", ctx())).toMatchObject({ tool: "cancelLeave", args: { startDate: "2026-12-01" } });
  });

  it("finds the leave to cancel by date or id", () => {
    expect(complete(ask("cancel my leave"), "December 1st", ctx())).toMatchObject({ tool: "cancelLeave", args: { startDate: "2026-12-01" } });
    expect(complete(ask("cancel my leave"), "12", ctx())).toMatchObject({ tool: "cancelLeave", args: { leaveId: 12 } });
    expect(complete(ask("取消请假"), "编号7", ctx())).toMatchObject({ tool: "cancelLeave", args: { leaveId: 7 } });
  });

  it("asks again when the reply fills nothing, and lets go when told to", () => {
    const pending = ask("I need annual leave");
    expect(complete(pending, "hmm", ctx())).toEqual(pending);
    expect(complete(pending, "thanks", ctx())).toMatchObject({ kind: "chat", topic: "thanks" });
    expect(complete(pending, "never mind", ctx())).toMatchObject({ kind: "hold", action: "leave" });
    expect(complete(ask("我想请假"), "算了", ctx())).toMatchObject({ kind: "hold", action: "leave" });
  });
});

describe("templates", () => {
  it("all parse, in both languages, for every intent", () => {
    for (const [intent, t] of Object.entries(TEMPLATES)) {
      expect(t.en.length, intent).toBeGreaterThan(0);
      expect(t.zh.length, intent).toBeGreaterThan(0);
      for (const src of [...t.en, ...t.zh]) expect(() => parseTemplate(src), src).not.toThrow();
    }
  });

  it("reject regex habits that are not template syntax", () => {
    expect(() => parseTemplate("上班(了)?几天")).toThrow();
    expect(() => parseTemplate("(check|clock in")).toThrow();
  });

  it("normalise recogniser output and typed text alike", () => {
    expect(normalize("I'm heading home, clock out!")).toBe("i am heading home, clock out");
    expect(normalize("请 十二月 一号 到 三号 的 年假")).toBe("请12月1号到3号的年假");
    expect(normalize("Ｃｈｅｃｋ ｍｅ ｉｎ")).toBe("check me in");
  });
});
