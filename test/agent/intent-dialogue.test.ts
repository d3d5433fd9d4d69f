import { describe, expect, it } from "vitest";
import { decide, type Decision, type Turn } from "../../src/agent/intent/dialogue.ts";
import { isReadBack } from "../../src/agent/read-back.ts";
import { ctx, EVE, NOW } from "./intent-harness.ts";

// Conversations replayed from their history (issue 16): slot filling with corrections, giving
// up, amending or withdrawing a filing right after it, yes-or-no answers to a read-back. Each
// dialogue lists the user's turns; the assistant's replies matter only where they read back.

type Want =
  | { act: Array<[string, Record<string, unknown>?]> }
  | { kind: "ask" | "hold" | "chat" | "none"; missing?: string; action?: string; topic?: string };

/** Decides the last turn of `says` at `now`; `readBacks` are assistant replies (by turn index) that read back. */
function run(says: string[], now = NOW, readBacks: Record<number, string> = {}): Decision {
  const turns: Turn[] = says.map((user, i) => ({ user, reply: { text: readBacks[i] ?? "" } }));
  return decide(turns, ctx(now), isReadBack);
}

function expectDecision(d: Decision, want: Want): void {
  if ("act" in want) {
    expect(d.kind, JSON.stringify(d)).toBe("act");
    if (d.kind !== "act") return;
    expect(d.calls.map((c) => c.tool)).toEqual(want.act.map(([t]) => t));
    want.act.forEach(([, args], i) => {
      if (!args) return;
      const got = { ...d.calls[i].args };
      if (d.calls[i].tool === "requestLeave") got.endDate ??= got.startDate;
      const exp = { ...args };
      if (d.calls[i].tool === "requestLeave") exp.endDate ??= exp.startDate;
      for (const [k, v] of Object.entries(exp)) expect(got[k], k).toEqual(v);
      if (d.calls[i].tool === "requestLeave" && !("halfDay" in exp)) expect(got.halfDay).toBeUndefined();
    });
    return;
  }
  expect(d).toMatchObject(want);
}

const leave = (type: string, startDate: string, endDate = startDate, halfDay?: string) => ({ type, startDate, endDate, ...(halfDay ? { halfDay } : {}) });

const dialogues: Array<[title: string, says: string[], want: Want, now?: string]> = [
  // slot filling, with corrections while a part is still missing
  ["dates then type", ["我想请假", "下周一到周三", "年假"], { act: [["requestLeave", leave("annual", "2026-11-30", "2026-12-02")]] }],
  ["a corrected range before the type", ["跟你说一下，我打算休两天", "下礼拜二和礼拜三", "哦不对，应该是下礼拜三和礼拜四", "就走年假吧"], { act: [["requestLeave", leave("annual", "2026-12-02", "2026-12-03")]] }],
  ["corrected to the week after next", ["can I book a couple of days off", "next week, Thursday and Friday", "sorry, I meant Monday and Tuesday the week after next", "take it out of my vacation days"], { act: [["requestLeave", leave("annual", "2026-12-07", "2026-12-08")]] }],
  ["half a day, then the day, then the type as an allowance", ["is it possible to take just half a day", "下个礼拜五下午吧", "from my vacation allowance, please"], { act: [["requestLeave", leave("annual", "2026-12-04", "2026-12-04", "pm")]] }],
  ["switching language mid-request", ["我这边需要请个假", "Tuesday of the week after next", "put it down as a personal day"], { act: [["requestLeave", leave("personal", "2026-12-08")]] }],
  ["a date corrected before the type", ["I need some time off", "tomorrow", "actually make it Monday", "sick"], { act: [["requestLeave", leave("sick", "2026-11-30")]] }],
  ["不对 before the type", ["请个假", "明天", "不对，后天", "事假"], { act: [["requestLeave", leave("personal", "2026-11-28")]] }],
  ["a reason then the type", ["could I take a bit of time off", "just the afternoon, on Wednesday of next week", "it's for a medical appointment, so sick leave"], { act: [["requestLeave", leave("sick", "2026-12-02", "2026-12-02", "pm")]] }],
  // giving up
  ["given up after the type", ["我打算休婚假", "婚期往后推了，这个先不办了"], { kind: "hold", action: "leave" }],
  ["a later date in an out-of-scope question does not complete it", ["我打算休婚假", "婚期往后推了，这个先不办了", "下周一的天气怎么样"], { kind: "chat", topic: "outOfScope" }],
  ["given up after the dates", ["thinking about a few days away from work", "the first three days of next week", "hmm, on second thought, don't file anything"], { kind: "hold", action: "leave" }],
  ["算了", ["我想请假", "算了"], { kind: "hold", action: "leave" }],
  ["a date after giving up files nothing", ["我想请假", "算了", "明天"], { kind: "none" }],
  ["never mind", ["I want to take leave", "never mind"], { kind: "hold", action: "leave" }],
  ["a correction given up", ["我想补卡", "算了不补了"], { kind: "hold", action: "correction" }],
  ["forget it, in English", ["I'd like some time off next week", "forget it"], { kind: "hold", action: "leave" }],
  // amending right after a filing: the old one cancelled, the new one filed
  ["a later Friday", ["下周五家里有事，请一天事假", "搞错了，应该是下下周五"], { act: [["cancelLeave", { startDate: "2026-12-04" }], ["requestLeave", leave("personal", "2026-12-11")]] }],
  ["only the morning", ["I'm taking Tuesday next week off, annual leave", "oh, only the morning, not the whole day"], { act: [["cancelLeave", { startDate: "2026-12-01" }], ["requestLeave", leave("annual", "2026-12-01", "2026-12-01", "am")]] }],
  ["改成后天", ["明天请一天事假", "不对，改成后天"], { act: [["cancelLeave", { startDate: "2026-11-27" }], ["requestLeave", leave("personal", "2026-11-28")]] }],
  ["I meant Thursday next week", ["book annual leave next Monday", "sorry, I meant Thursday next week"], { act: [["cancelLeave", { startDate: "2026-11-30" }], ["requestLeave", leave("annual", "2026-12-03")]] }],
  ["make it Tuesday to Thursday", ["file annual leave for Monday", "wait, make it Tuesday to Thursday"], { act: [["cancelLeave", { startDate: "2026-11-30" }], ["requestLeave", leave("annual", "2026-12-01", "2026-12-03")]] }],
  ["another type", ["明天请年假", "不对，是病假"], { act: [["cancelLeave", { startDate: "2026-11-27" }], ["requestLeave", leave("sick", "2026-11-27")]] }],
  ["改成下周四", ["明天请年假", "改成下周四"], { act: [["cancelLeave", { startDate: "2026-11-27" }], ["requestLeave", leave("annual", "2026-12-03")]] }],
  ["只要上午", ["明天请年假", "只要上午"], { act: [["cancelLeave", { startDate: "2026-11-27" }], ["requestLeave", leave("annual", "2026-11-27", "2026-11-27", "am")]] }],
  ["change it to Friday, in the filing's week", ["personal leave on Monday", "can you change it to Friday"], { act: [["cancelLeave", { startDate: "2026-11-30" }], ["requestLeave", leave("personal", "2026-12-04")]] }],
  ["the type denied, then the right one", ["下周五请事假", "不是事假，是年假"], { act: [["cancelLeave", { startDate: "2026-12-04" }], ["requestLeave", leave("annual", "2026-12-04")]] }],
  ["the right type, then the one denied", ["明天请事假", "是病假不是事假"], { act: [["cancelLeave", { startDate: "2026-11-27" }], ["requestLeave", leave("sick", "2026-11-27")]] }],
  ["annual, not personal", ["personal leave on Monday", "sorry, annual leave, not personal leave"], { act: [["cancelLeave", { startDate: "2026-11-30" }], ["requestLeave", leave("annual", "2026-11-30")]] }],
  ["make it sick leave instead", ["take Thursday next week off, personal leave", "make it sick leave instead"], { act: [["cancelLeave", { startDate: "2026-12-03" }], ["requestLeave", leave("sick", "2026-12-03")]] }],
  ["Wednesday the week after", ["sick leave next Wednesday", "sorry, I meant Wednesday the week after"], { act: [["cancelLeave", { startDate: "2026-12-02" }], ["requestLeave", leave("sick", "2026-12-09")]] }],
  // withdrawing it
  ["forget it, I'll come in", ["can I get next Friday off", "it's a personal thing", "hmm, forget it, I'll come in"], { act: [["cancelLeave", { startDate: "2026-12-04" }]] }],
  ["不请了，我明天能来", ["明天请事假", "算了，不请了，我明天能来"], { act: [["cancelLeave", { startDate: "2026-11-27" }]] }],
  ["算了不请了", ["明天请年假", "算了不请了"], { act: [["cancelLeave", { startDate: "2026-11-27" }]] }],
  ["actually never mind", ["annual leave tomorrow", "actually never mind"], { act: [["cancelLeave", { startDate: "2026-11-27" }]] }],
  ["撤回吧", ["明天请年假", "撤回吧"], { act: [["cancelLeave", { startDate: "2026-11-27" }]] }],
  // after a filing, other requests are themselves
  ["a punch after a filing", ["明天请年假", "打卡"], { act: [["checkIn"]] }],
  ["thanks after a filing", ["明天请年假", "谢谢"], { kind: "chat", topic: "thanks" }],
  ["a balance question after a filing", ["明天请年假", "还剩几天年假"], { act: [["getLeaveBalance", { type: "annual" }]] }],
  ["an amendment only right after", ["明天请年假", "谢谢", "改成后天"], { kind: "none" }],
  // corrections and overtime across turns
  ["a correction's kind, then its time", ["我昨天忘打卡了", "上班卡", "八点五十"], { act: [["requestCorrection", { date: "2026-11-25", kind: "in", time: "08:50" }]] }],
  ["a correction's time", ["I forgot to clock out yesterday", "around 6:30"], { act: [["requestCorrection", { date: "2026-11-25", kind: "out", time: "18:30" }]] }],
  ["a correction from nothing", ["我想补卡", "昨天的", "下班卡", "6点"], { act: [["requestCorrection", { date: "2026-11-25", kind: "out", time: "18:00" }]] }],
  ["overtime's day, then its hours", ["帮我报个加班", "今晚", "七点到九点"], { act: [["requestOvertime", { date: "2026-11-26", start: "19:00", end: "21:00" }]] }],
  ["overtime's hours", ["I want to log overtime for Saturday", "10 am to 2 pm"], { act: [["requestOvertime", { date: "2026-11-28", start: "10:00", end: "14:00" }]] }],
  // out of scope, questions, then the request
  ["out of scope, then in scope", ["帮我叫辆车去机场", "好吧，那年假帮我请在下下周一"], { act: [["requestLeave", leave("annual", "2026-12-07")]] }],
  ["a rules question, then the punch", ["我今天最早几点能走啊", "行吧，那我先走了，下班卡打一下"], { act: [["checkOut"]] }, EVE],
  ["which leave to cancel", ["有个请假我想撤回来", "是下礼拜三的事假那条"], { act: [["cancelLeave", { startDate: "2026-12-02" }]] }],
  ["which leave to cancel, in English", ["cancel one of my leaves", "the one on Friday"], { act: [["cancelLeave", { startDate: "2026-11-27" }]] }],
  ["撤一个请假", ["帮我撤一个请假", "下周一那个"], { act: [["cancelLeave", { startDate: "2026-11-30" }]] }],
  ["a date corrected with 不是", ["我想请个假", "嗯……下周三", "哦不是，下周四", "事假"], { act: [["requestLeave", leave("personal", "2026-12-03")]] }],
  ["a refusal, then the punch", ["先别给我打下班卡", "好了，现在可以打了，下班"], { act: [["checkOut"]] }, EVE],
  ["a refusal, then the punch, in English", ["don't clock me out yet", "ok now you can check me out"], { act: [["checkOut"]] }, EVE],
  ["a state question, then the punch", ["我打卡了吗", "那帮我打个上班卡"], { act: [["checkIn"]] }],
  ["a rules question, then the filing", ["请假要提前几天啊", "好，那下下周二请一天年假"], { act: [["requestLeave", leave("annual", "2026-12-08")]] }],
  ["several days off, with fillers", ["呃，那个，我想休息几天", "就下周一到周三吧", "年假"], { act: [["requestLeave", leave("annual", "2026-11-30", "2026-12-02")]] }],
  ["a day added to the filing", ["下周一请年假", "还有周二"], { act: [["cancelLeave", { startDate: "2026-11-30" }], ["requestLeave", leave("annual", "2026-11-30", "2026-12-01")]] }],
  ["a day added to the filing, in English", ["annual leave Monday next week", "oh and Tuesday too"], { act: [["cancelLeave", { startDate: "2026-11-30" }], ["requestLeave", leave("annual", "2026-11-30", "2026-12-01")]] }],
  ["a weekday said alone stays in the filing's week", ["file personal leave for next Tuesday", "wait, make it Tuesday to Thursday"], { act: [["cancelLeave", { startDate: "2026-12-01" }], ["requestLeave", leave("personal", "2026-12-01", "2026-12-03")]] }],
  ["改成周四 stays in the filing's week", ["下下周一请事假", "改成周四"], { act: [["cancelLeave", { startDate: "2026-12-07" }], ["requestLeave", leave("personal", "2026-12-10")]] }],
  ["the type first, the date in English", ["我想请病假", "next Wednesday"], { act: [["requestLeave", leave("sick", "2026-12-02")]] }],
  ["given up with no, forget it", ["I want to take some time off", "um, Monday the week after next", "hmm, no, forget it"], { kind: "hold", action: "leave" }],
  ["a date said twice over", ["I need a day off", "next Thursday", "no wait, next Friday", "personal"], { act: [["requestLeave", leave("personal", "2026-12-04")]] }],
  ["fillers around the type", ["uh, can I, um, take a personal day", "uh, Friday next week"], { act: [["requestLeave", leave("personal", "2026-12-04")]] }],
  ["given up, then another request", ["帮我请个假", "下周五", "这个先不请了", "帮我查一下这个月考勤"], { act: [["getMonthlyAttendance", { month: "2026-11" }]] }],
];

describe("decide: conversations replayed from their turns", () => {
  it.each(dialogues)("%s", (_title, says, want, now) => expectDecision(run(says, now), want));
});

describe("decide: yes or no to a request read back", () => {
  const zhBack = { 0: "要帮你打下班卡吗？" };
  const enBack = { 0: "Should I check you in?" };
  it.each([
    ["好的", zhBack, "act"],
    ["是的", zhBack, "act"],
    ["对，打吧", zhBack, "act"],
    ["嗯", zhBack, "act"],
    ["可以", zhBack, "act"],
    ["不用了", zhBack, "hold"],
    ["不", zhBack, "hold"],
    ["算了", zhBack, "hold"],
    ["yes", enBack, "act"],
    ["yes please", enBack, "act"],
    ["sure, go ahead", enBack, "act"],
    ["yep", enBack, "act"],
    ["no", enBack, "hold"],
    ["nope, not yet", enBack, "hold"],
    ["好嘞", zhBack, "act"],
    ["当然，麻烦了", zhBack, "act"],
    ["嗯嗯，对的", zhBack, "act"],
    ["先不用", zhBack, "hold"],
    ["of course", enBack, "act"],
    ["alright, go for it", enBack, "act"],
    ["sure thing", enBack, "act"],
    ["no thanks", enBack, "hold"],
  ] as const)("%s", (answer, backs, kind) => {
    const first = backs === zhBack ? "帮我打下班卡" : "czech me in";
    const d = run([first, answer], backs === zhBack ? EVE : NOW, backs);
    expect(d.kind).toBe(kind);
    if (d.kind === "act") expect(d.calls.map((c) => c.tool)).toEqual([backs === zhBack ? "checkOut" : "checkIn"]);
  });

  it("takes another request as itself", () => {
    expect(run(["帮我打下班卡", "查一下我的考勤"], EVE, zhBack)).toMatchObject({ kind: "act", calls: [{ tool: "getMonthlyAttendance" }] });
  });

  it("runs a leave request read back once confirmed", () => {
    const d = run(["明天请年假", "对"], NOW, { 0: "要帮你提交11月27日的年假吗？" });
    expectDecision(d, { act: [["requestLeave", leave("annual", "2026-11-27")]] });
  });

  it("does not take a yes without a read-back as anything", () => {
    expect(run(["帮我打下班卡", "好的"], EVE)).not.toMatchObject({ kind: "act" });
  });
});

describe("isReadBack", () => {
  it("recognises the product's own read-back questions and nothing else", () => {
    expect(isReadBack("要帮你打下班卡吗？")).toBe(true);
    expect(isReadBack("Should I file annual leave for December 3?")).toBe(true);
    expect(isReadBack("要帮你提交12月1日到3日的年假吗？")).toBe(true);
    expect(isReadBack("已提交12月1日的年假申请。")).toBe(false);
    expect(isReadBack("Which days would you like off?")).toBe(false);
  });
});
