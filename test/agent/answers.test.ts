import { describe, expect, it } from "vitest";
import { Agent } from "../../src/agent/index.ts";
import { demoSystem } from "../helpers.ts";

// The answers issue 16 adds, through a real conversation on the demo organisation: today's
// punches, the rules, one figure of a month, a manager's or HR's question about a named person
// or a department, with what the asker may see.

async function ask(sys: Awaited<ReturnType<typeof demoSystem>>, login: string, text: string) {
  const calls: Array<{ name: string; args: Record<string, unknown> }> = [];
  let reply = "";
  for await (const e of new Agent(sys).conversation(sys.user(login)).run(text)) {
    if (e.type === "tool-call") calls.push({ name: e.name, args: e.args });
    if (e.type === "finish") reply = e.text;
  }
  return { calls, reply };
}

describe("today's punches", () => {
  it("are told, and a question about them changes nothing", async () => {
    const sys = await demoSystem();
    expect((await ask(sys, "wang", "今天几点打的卡")).reply).toBe("你今天还没有打卡。");
    await ask(sys, "wang", "check me in");
    const r = await ask(sys, "wang", "did my clock-in this morning actually go through?");
    expect(r.calls.map((c) => c.name)).toEqual(["getTodayPunches"]);
    expect(r.reply).toMatch(/^Today you punched once: (check-in at )?8:55\.$/);
  });
});

describe("the rules", () => {
  it.each([
    ["几点之前打卡不算迟到", "9点上班，9点5分之前打卡不算迟到；晚到240分钟及以上按半天旷工计。"],
    ["补卡一个月最多能补几次啊", "补卡每个月最多3次，待审批和已批准的都算在内，只能补30天以内的工作日，由主管审批。"],
    ["when does my shift end", "Your shift runs from 9:00 to 18:00."],
    ["how much notice do I need to give before taking annual leave", /^There is no minimum notice for leave/],
  ])("%s", async (text, reply) => {
    const r = await ask(await demoSystem(), "wang", text);
    expect(r.calls.map((c) => c.name)).toEqual(["getPolicy"]);
    expect(r.reply).toMatch(reply instanceof RegExp ? reply : new RegExp(`^${reply.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
  });
});

describe("a month before any record", () => {
  it("is said as having no records in both languages, not as absences or full attendance", async () => {
    const sys = await demoSystem("2026-11-26T08:55:00+08:00", { history: true });
    const zh = await ask(sys, "wang", "我8月考勤怎么样");
    expect(zh.calls.map((c) => c.name)).toEqual(["getMonthlyAttendance"]);
    expect(zh.reply).toBe("你8月没有考勤记录（记录从之后的月份开始），不算旷工。");
    const en = await ask(sys, "wang", "how many days was I absent in August");
    expect(en.reply).toBe("In August there are no attendance records (they begin in a later month), so nothing counts as absent.");
  });
});

describe("one figure of a month", () => {
  it("is said first, then the month", async () => {
    const sys = await demoSystem("2026-11-26T08:55:00+08:00", { history: true });
    const r = await ask(sys, "wang", "上个月缺卡几次");
    expect(r.calls).toEqual([{ name: "getMonthlyAttendance", args: { month: "2026-10", focus: "missing" } }]);
    expect(r.reply).toMatch(/^你10月缺卡\d+次。你10月应出勤\d+天/);
    const en = await ask(sys, "wang", "how many times was I late in October");
    expect(en.reply).toMatch(/^In October you were late (once|\d+ times)\. In October you had/);
  });
});

describe("a named person or a department", () => {
  it("gives a manager their report's month", async () => {
    const sys = await demoSystem("2026-11-26T08:55:00+08:00", { history: true });
    const r = await ask(sys, "chen", "王小明这个月考勤怎么样");
    expect(r.calls).toEqual([{ name: "getMonthlyAttendance", args: { month: "2026-11", employee: "王小明" } }]);
    expect(r.reply).toMatch(/^王小明本月应出勤\d+天，已出勤\d+天/);
    expect((await ask(sys, "chen", "how is Wang doing this month")).reply).toMatch(/^This month Wang Xiaoming had \d+ working days/);
  });

  it("tells an employee they cannot see a colleague", async () => {
    const sys = await demoSystem();
    expect((await ask(sys, "wang", "李雷这个月考勤怎么样")).reply).toBe("抱歉，你只能查看自己的考勤，李雷的考勤要由主管或人事查看。");
    expect((await ask(sys, "wang", "how is Li Lei doing this month")).reply).toBe("Sorry, you can only see your own attendance; Li Lei's is for their manager or HR.");
  });

  it("does not show a manager someone outside their team", async () => {
    const sys = await demoSystem();
    expect((await ask(sys, "lin", "王小明这个月考勤怎么样")).reply).toBe("在你能查看的人里没有找到王小明。");
  });

  it("gives a manager one report's day", async () => {
    const sys = await demoSystem();
    await ask(sys, "li", "check me in");
    expect((await ask(sys, "chen", "李雷今天来了吗")).reply).toBe("李雷今天8点55分打卡，没有迟到。");
    expect((await ask(sys, "chen", "is Wang in today")).reply).toBe("Wang Xiaoming has not checked in today yet.");
  });

  it("gives HR a department's day", async () => {
    const sys = await demoSystem();
    await ask(sys, "wang", "check me in");
    const r = await ask(sys, "zhao", "研发部今天出勤怎么样");
    expect(r.calls).toEqual([{ name: "getTeamAttendance", args: { date: "2026-11-26", department: "研发部" } }]);
    expect(r.reply).toMatch(/^研发部今天应到\d+人，已到1人，迟到0人，请假0人。$/);
    expect((await ask(sys, "zhao", "how was attendance in engineering today")).reply).toMatch(/^Engineering today: 1 of \d+ in, 0 late, 0 on leave\.$/);
  });
});
