import { describe, expect, it } from "vitest";
import { Agent } from "../../src/agent/index.ts";
import { demoSystem } from "../helpers.ts";

async function say(conversation: ReturnType<Agent["conversation"]>, text: string) {
  const calls: string[] = [];
  let reply = "";
  for await (const e of conversation.run(text)) {
    if (e.type === "tool-call") calls.push(e.name);
    if (e.type === "finish") reply = e.text;
  }
  return { calls, reply };
}

describe("a conversation on the local model", () => {
  it("asks for missing dates and type across turns, then files the leave", async () => {
    const sys = await demoSystem();
    const c = new Agent(sys).conversation(sys.user("wang"));
    expect(await say(c, "I want to take some leave")).toEqual({ calls: [], reply: "Which days would you like off?" });
    const second = await say(c, "December 1 to 3");
    expect(second.calls).toEqual([]);
    expect(second.reply).toMatch(/What kind of leave/);
    const third = await say(c, "annual");
    expect(third.calls).toEqual(["requestLeave"]);
    expect(third.reply).toBe("Filed annual leave for December 1 to 3, 3 working days, waiting for approval. You will have 2 days of annual leave left. To withdraw it, say: cancel my leave on December 1.");
    expect(await sys.store.leave.list({ statuses: ["pending"] })).toMatchObject([{ type: "annual", startDate: "2026-12-01", endDate: "2026-12-03", days: 3 }]);
    // The next request starts fresh.
    expect((await say(c, "cancel my leave on December 1st")).reply).toBe("Cancelled your annual leave for December 1 to 3.");
  });

  it("fills the dates of a Chinese request in the next turn", async () => {
    const sys = await demoSystem();
    const c = new Agent(sys).conversation(sys.user("wang"));
    expect((await say(c, "我想请年假")).reply).toBe("请问要请哪几天？");
    const r = await say(c, "下周一到周三");
    expect(r.calls).toEqual(["requestLeave"]);
    expect(r.reply).toMatch(/^已提交11月30日到12月2日的年假申请，共3个工作日，等待审批。/);
  });

  it("speaks expected failures instead of crashing", async () => {
    const sys = await demoSystem();
    const c = new Agent(sys).conversation(sys.user("wang"));
    await say(c, "file annual leave December 1 to 3");
    expect((await say(c, "请12月2号的病假")).reply).toMatch(/^和你12月1日到12月3日已有的请假（待审批）重叠了/);
    expect((await say(c, "file annual leave December 7 to 11")).reply).toBe("You only have 2 days of annual leave left in 2026, and this needs 5. Try fewer days or another type.");
    expect((await say(c, "who on my team hasn't checked in today")).reply).toBe("Sorry, you don't have access to that.");
    expect((await say(c, "取消我12月8号的请假")).reply).toBe("你12月8日没有待审批或已批准的请假。");
    expect((await say(c, "cancel my leave on December 8")).reply).toBe("You have no pending or approved leave on December 8.");
  });

  it("answers the month in the words of the design", async () => {
    const sys = await demoSystem("2026-11-26T08:55:00+08:00");
    const punches: number[] = [];
    for (const d of ["02", "03", "04", "05", "06", "09", "10", "11", "12", "13", "16", "17", "18", "19", "20", "23", "24", "25"]) {
      punches.push(Date.parse(`2026-11-${d}T${d === "03" || d === "10" || d === "17" ? "09:12" : "08:50"}:00+08:00`), Date.parse(`2026-11-${d}T18:10:00+08:00`));
    }
    await sys.attendance.correctPunches(sys.user("zhao"), "wang", punches);
    const c = new Agent(sys).conversation(sys.user("wang"));
    expect((await say(c, "帮我查一下这个月的出勤情况")).reply).toBe("你本月应出勤21天，已出勤18天，迟到3次，目前仍是全勤。");
    expect((await say(c, "what's my attendance this month")).reply).toBe("This month you had 21 working days and attended 18, late 3 times. So far that is full attendance.");
  });

  it("tells out-of-scope requests what it can do, in their language", async () => {
    const sys = await demoSystem();
    const c = new Agent(sys).conversation(sys.user("wang"));
    expect((await say(c, "tell me a joke")).reply).toMatch(/^Sorry, I can only help with attendance/);
    expect((await say(c, "今天天气怎么样")).reply).toMatch(/^抱歉，我只能帮你处理考勤/);
  });
});

describe("check-in and check-out replies", () => {
  async function punchAt(iso: string, text: string, setup?: (sys: Awaited<ReturnType<typeof demoSystem>>) => Promise<unknown>) {
    const sys = await demoSystem(iso);
    await setup?.(sys);
    const c = new Agent(sys).conversation(sys.user("wang"));
    return { sys, c, reply: (await say(c, text)).reply };
  }

  it("say the day is not judged on a weekend", async () => {
    expect((await punchAt("2026-11-28T10:00:00+08:00", "check me in")).reply).toBe("Checked in at 10:00. Today is not a working day, so nothing is judged.");
    expect((await punchAt("2026-10-10T10:00:00+08:00", "check me in")).reply).toBe("Checked in at 10:00, 60 minutes late."); // a make-up working Saturday
  });

  it("do not call a morning on leave late", async () => {
    const { reply } = await punchAt("2026-11-26T13:00:00+08:00", "check me in", (sys) =>
      sys.leave.request(sys.user("zhao"), "wang", { type: "annual", startDate: "2026-11-26", halfDay: "am" }, { approve: true }),
    );
    expect(reply).toBe("Checked in at 13:00, on time.");
  });

  it("keep the first check-in of the day", async () => {
    const { sys, c } = await punchAt("2026-11-26T08:50:00+08:00", "check me in");
    sys.clock.set("2026-11-26T10:00:00+08:00");
    expect((await say(c, "check me in")).reply).toBe("Punched at 10:00. You checked in at 8:50 already, and that one counts.");
  });

  it("judge a punch by its kind, not by the clock", async () => {
    expect((await punchAt("2026-11-26T14:00:00+08:00", "上班打卡")).reply).toBe("已签到，时间14点，迟到5小时，按半天旷工计。");
    expect((await punchAt("2026-11-26T11:30:00+08:00", "clock me out")).reply).toBe("Checked out at 11:30. Today has no check-in; if you forgot it, say: I forgot to clock in, I came at 9.");
  });

  it("say how early a check-out is, unless the afternoon is on leave", async () => {
    const checkedIn = (sys: Awaited<ReturnType<typeof demoSystem>>) => sys.attendance.correctPunches(sys.user("zhao"), "wang", [{ atMs: Date.parse("2026-11-26T08:55:00+08:00"), kind: "in" }]);
    expect((await punchAt("2026-11-26T17:30:00+08:00", "check me out", checkedIn)).reply).toMatch(/^Checked out at 17:30, 30 minutes before the shift ends/);
    const { reply } = await punchAt("2026-11-26T12:30:00+08:00", "下班打卡", (sys) =>
      sys.leave.request(sys.user("zhao"), "wang", { type: "sick", startDate: "2026-11-26", halfDay: "pm" }, { approve: true }),
    );
    expect(reply).toBe("已打卡，时间12点30分。你下午请了假，不用再打下班卡。");
  });
});

describe("English replies", () => {
  it("use singular words for one", async () => {
    const sys = await demoSystem();
    await sys.attendance.correctPunches(sys.user("zhao"), "wang", [Date.parse("2026-11-02T09:10:00+08:00"), Date.parse("2026-11-02T17:00:00+08:00")]);
    const c = new Agent(sys).conversation(sys.user("wang"));
    expect((await say(c, "what's my attendance this month")).reply).toMatch(/late once, left early once, 17 days absent\./);
    expect((await say(c, "file annual leave on December 1")).reply).toMatch(/^Filed annual leave for December 1, 1 working day, waiting for approval\. You will have 4 days of annual leave left\./);
  });

  it("keep the conversation's language for an answer with no words", async () => {
    const sys = await demoSystem();
    const c = new Agent(sys).conversation(sys.user("emily"));
    expect((await say(c, "我想请年假")).reply).toBe("请问要请哪几天？");
    expect((await say(c, "12/1")).reply).toMatch(/^已提交12月1日的年假申请/);
  });
});
