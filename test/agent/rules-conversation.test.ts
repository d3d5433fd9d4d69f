import { describe, expect, it } from "vitest";
import { Agent } from "../../src/agent/index.ts";
import { demoSystem } from "../helpers.ts";

// Rules v2 spoken or typed, through the agent on a real database: a bare punch records what an
// auto punch would, the last punch's kind changes on request, and missed punches and overtime
// become requests for the manager.

async function say(conversation: ReturnType<Agent["conversation"]>, text: string) {
  const calls: { name: string; args: unknown }[] = [];
  let reply = "";
  for await (const e of conversation.run(text)) {
    if (e.type === "tool-call") calls.push({ name: e.name, args: e.args });
    if (e.type === "finish") reply = e.text;
  }
  return { calls, reply };
}

type Sys = Awaited<ReturnType<typeof demoSystem>>;
const kinds = async (sys: Sys, login: string, date: string) => (await sys.attendance.day(sys.user("zhao"), login, date)).punches.map((p) => `${p.kind} ${p.minute}`);

describe("punch kinds in conversation", () => {
  it("records a bare 打卡 as the auto rule says, and changes it on 改成下班卡 within 10 minutes", async () => {
    const sys = await demoSystem("2026-11-26T17:03:00+08:00");
    const c = new Agent(sys).conversation(sys.user("wang"));
    const bare = await say(c, "打卡");
    expect(bare.calls).toEqual([{ name: "checkIn", args: { bare: true } }]);
    // The reply names what was recorded and the words that change it.
    expect(bare.reply).toMatch(/^已记为上班卡，时间17点3分，迟到.+。要改成下班卡，就说“改成下班卡”。$/);
    sys.clock.set("2026-11-26T17:05:00+08:00");
    expect(await say(c, "改成下班卡")).toEqual({ calls: [{ name: "changePunchKind", args: { kind: "out" } }], reply: "好的，17点3分那次打卡已改成下班卡。" });
    expect(await kinds(sys, "wang", "2026-11-26")).toEqual([`out ${17 * 60 + 3}`]);
    sys.clock.set("2026-11-26T17:20:00+08:00");
    const late = await say(c, "make that a check-in");
    expect(late.calls).toEqual([{ name: "changePunchKind", args: { kind: "in" } }]);
    expect(late.reply).toMatch(/10 minutes/);
    expect(await kinds(sys, "wang", "2026-11-26")).toEqual([`out ${17 * 60 + 3}`]);
  });

  it("takes a bare punch before the shift starts as an arrival, even after a check-in", async () => {
    const sys = await demoSystem("2026-11-26T08:33:00+08:00");
    const c = new Agent(sys).conversation(sys.user("wang"));
    expect((await say(c, "check me in")).calls).toEqual([{ name: "checkIn", args: {} }]);
    sys.clock.set("2026-11-26T08:55:00+08:00");
    expect((await say(c, "打卡")).calls).toEqual([{ name: "checkIn", args: { bare: true } }]);
    sys.clock.set("2026-11-26T10:00:00+08:00");
    expect((await say(c, "打卡")).calls).toEqual([{ name: "checkOut", args: { bare: true } }]);
    expect((await say(c, "走了走了，打卡")).calls).toEqual([{ name: "checkOut", args: {} }]);
  });

  it("takes a bare punch after the shift end as a check-out, even with no check-in", async () => {
    const sys = await demoSystem("2026-11-26T18:30:00+08:00");
    const c = new Agent(sys).conversation(sys.user("wang"));
    expect((await say(c, "帮我打卡")).calls).toEqual([{ name: "checkOut", args: { bare: true } }]);
    expect(await kinds(sys, "wang", "2026-11-26")).toEqual([`out ${18 * 60 + 30}`]);
  });
});

describe("requests in conversation", () => {
  it("files corrections and overtime said in either language, pending the manager", async () => {
    const sys = await demoSystem("2026-11-26T10:00:00+08:00");
    const agent = new Agent(sys);
    const filed = async (text: string) => (await say(agent.conversation(sys.user("wang")), text)).calls;
    expect(await filed("我昨天忘打下班卡了，六点走的，帮我补一下")).toEqual([{ name: "requestCorrection", args: expect.objectContaining({ date: "2026-11-25", kind: "out", time: "18:00" }) }]);
    expect(await filed("I forgot to clock out on Tuesday, I left at 6")).toEqual([{ name: "requestCorrection", args: expect.objectContaining({ date: "2026-11-24", kind: "out", time: "18:00" }) }]);
    expect(await filed("我周六加班了，十点到下午四点，换调休")).toEqual([{ name: "requestOvertime", args: expect.objectContaining({ date: "2026-11-21", start: "10:00", end: "16:00", compensation: "leave" }) }]);
    expect(await filed("log overtime tonight from 7 to 9 pm")).toEqual([{ name: "requestOvertime", args: expect.objectContaining({ date: "2026-11-26", start: "19:00", end: "21:00" }) }]);
    expect((await sys.store.corrections.list({})).map((x) => `${x.date} ${x.kind} ${x.time} ${x.status}`)).toEqual(["2026-11-24 out 18:00 pending", "2026-11-25 out 18:00 pending"]);
    expect((await sys.store.overtime.list({})).map((o) => `${o.date} ${o.minutes} ${o.category} ${o.compensation} ${o.status}`)).toEqual([
      "2026-11-21 300 restDay leave pending",
      "2026-11-26 120 workday pay pending",
    ]);
    const chen = agent.conversation(sys.user("chen"));
    const [overtime] = await sys.store.overtime.list({ from: "2026-11-21", to: "2026-11-21" });
    expect((await say(chen, `approve overtime request ${overtime.id}`)).calls).toEqual([{ name: "approveLeave", args: { kind: "overtime", requestId: overtime.id } }]);
    expect((await sys.store.overtime.byId(overtime.id))?.status).toBe("approved");
    const comp = (await sys.leave.balancesAt(sys.user("wang"), "wang", "2026-11-26")).find((b) => b.type === "compensatory");
    expect(comp?.remaining).toBe(0.625); // 10:00-16:00 less the 12:00-13:00 break: 5 hours
    const [correction] = await sys.store.corrections.list({ from: "2026-11-25", to: "2026-11-25" });
    expect((await say(chen, `驳回${correction.id}号补卡`)).calls).toEqual([{ name: "rejectLeave", args: { kind: "correction", requestId: correction.id } }]);
    expect((await sys.store.corrections.byId(correction.id))?.status).toBe("rejected");
  });
});
