import { generateText, stepCountIs, type ModelMessage } from "ai";
import { describe, expect, it } from "vitest";
import { Agent } from "../../src/agent/index.ts";
import { LocalIntentModel } from "../../src/agent/local-model.ts";
import { attendanceTools } from "../../src/agent/tools.ts";
import { demoSystem } from "../helpers.ts";

// Issue 16 through a real conversation on a real database: refusals do nothing, amendments
// replace the filing, giving up withdraws it, doubtful words are read back, and the history an
// OpenAI-compatible client sends (text only) is enough to follow all of it.

async function say(conversation: ReturnType<Agent["conversation"]>, text: string) {
  const calls: string[] = [];
  let reply = "";
  for await (const e of conversation.run(text)) {
    if (e.type === "tool-call") calls.push(e.name);
    if (e.type === "finish") reply = e.text;
  }
  return { calls, reply };
}

const active = async (sys: Awaited<ReturnType<typeof demoSystem>>) =>
  (await sys.store.leave.list({ statuses: ["pending", "approved"] })).map((l) => `${l.type} ${l.startDate}${l.halfDay ? ` ${l.halfDay}` : ""}`);

describe("a conversation that changes its mind", () => {
  it("holds a refused punch and says so", async () => {
    const sys = await demoSystem("2026-11-26T18:05:00+08:00");
    const c = new Agent(sys).conversation(sys.user("wang"));
    expect(await say(c, "先别给我打下班卡，我还要加会儿班")).toEqual({ calls: [], reply: "好的，先不打下班卡，要走的时候跟我说一声。" });
    expect(await say(c, "don't check me out yet")).toEqual({ calls: [], reply: "OK, I won't check you out yet. Say \"check me out\" when you leave." });
    expect(await sys.store.punches.between(sys.user("wang").id, 0, Date.parse("2027-01-01"))).toEqual([]);
  });

  it("replaces a filing corrected right after it, and says both", async () => {
    const sys = await demoSystem();
    const c = new Agent(sys).conversation(sys.user("wang"));
    expect((await say(c, "下周五家里有事，请一天事假")).calls).toEqual(["requestLeave"]);
    const r = await say(c, "搞错了，应该是下下周五");
    expect(r.calls).toEqual(["amendLeave"]);
    expect(r.reply).toBe("已把12月4日的事假改为12月11日的事假，共1个工作日，等待审批。如需撤回，说“取消12月11日的请假”。");
    expect(await active(sys)).toEqual(["personal 2026-12-11"]);
    const leaveAudit = (await sys.store.audit.recent()).filter((a) => a.entity === "leave").map((a) => a.action);
    expect(leaveAudit.sort()).toEqual(["amend", "request"]);
  });

  it("narrows a filing to a half day", async () => {
    const sys = await demoSystem();
    const c = new Agent(sys).conversation(sys.user("xie"));
    await say(c, "I'm taking Tuesday next week off, annual leave");
    const r = await say(c, "oh, only the morning, not the whole day");
    expect(r.calls).toEqual(["amendLeave"]);
    expect(r.reply).toMatch(/^Changed your annual leave on December 1 to annual leave for December 1 morning, 0\.5 working days, waiting for approval\./);
    expect(await active(sys)).toEqual(["annual 2026-12-01 am"]);
  });

  it("withdraws a filing given up right after it", async () => {
    const sys = await demoSystem();
    const c = new Agent(sys).conversation(sys.user("wang"));
    await say(c, "明天请年假");
    expect((await say(c, "算了不请了")).calls).toEqual(["cancelLeave"]);
    expect(await active(sys)).toEqual([]);
  });

  it("acknowledges a request given up before it was complete, and files nothing later", async () => {
    const sys = await demoSystem();
    const c = new Agent(sys).conversation(sys.user("wang"));
    expect((await say(c, "我打算休婚假")).reply).toBe("请问要请哪几天？");
    expect(await say(c, "婚期往后推了，这个先不办了")).toEqual({ calls: [], reply: "好的，不请了。" });
    expect((await say(c, "下周一的天气怎么样")).calls).toEqual([]);
    expect(await active(sys)).toEqual([]);
  });

  it("follows the same dialogue from a text-only history, as an OpenAI-compatible client sends it", async () => {
    const sys = await demoSystem();
    const agent = new Agent(sys);
    const wang = sys.user("wang");
    const history: ModelMessage[] = [];
    for (const text of ["有个请假我想撤回来"]) {
      const r = await say(agent.conversation(wang, [...history]), text);
      history.push({ role: "user", content: text }, { role: "assistant", content: r.reply });
    }
    await say(agent.conversation(wang), "下周三请事假");
    const r = await say(agent.conversation(wang, history), "是下礼拜三的事假那条");
    expect(r.calls).toEqual(["cancelLeave"]);
    expect(await active(sys)).toEqual([]);
  });

  it("files a missed punch as a correction request, which changes nothing until approved", async () => {
    const sys = await demoSystem("2026-11-10T10:30:00+08:00");
    const c = new Agent(sys).conversation(sys.user("wang"));
    const r = await say(c, "我昨天忘打下班卡了，六点走的，帮我补一下");
    expect(r.calls).toEqual(["requestCorrection"]);
    expect(r.reply).toMatch(/^已提交/);
    expect((await sys.store.corrections.list({})).map((x) => `${x.date} ${x.kind} ${x.time} ${x.status}`)).toEqual(["2026-11-09 out 18:00 pending"]);
    expect(await sys.store.punches.between(sys.user("wang").id, 0, Date.now() * 2)).toEqual([]);
  });
});

describe("a doubtful transcript is read back", () => {
  it("asks before punching, and punches on yes", async () => {
    const sys = await demoSystem("2026-11-26T18:05:00+08:00");
    const wang = sys.user("wang");
    const tools = attendanceTools({ ...sys, user: wang, lang: () => "zh" });
    const model = () => new LocalIntentModel({ now: () => new Date(sys.clock()), rules: async () => ({ timeZone: "Asia/Shanghai" }), userName: () => "王小明" });
    const first = await generateText({
      model: model(),
      tools,
      stopWhen: stepCountIs(4),
      messages: [{ role: "user", content: "帮我打下班卡" }],
      providerOptions: { attendance: { transcriptConfidence: 0.01 } },
    });
    expect(first.toolCalls).toEqual([]);
    expect(first.text).toBe("要帮你打下班卡吗？");
    const second = await generateText({
      model: model(),
      tools,
      stopWhen: stepCountIs(4),
      messages: [
        { role: "user", content: "帮我打下班卡" },
        { role: "assistant", content: first.text },
        { role: "user", content: "好的" },
      ],
    });
    expect(second.steps.flatMap((s) => s.toolCalls.map((c) => c.toolName))).toEqual(["checkOut"]);
    expect(await sys.store.punches.between(wang.id, 0, Date.parse("2027-01-01"))).toHaveLength(1);
  });

  it("reads back a question that only asks whether to punch", async () => {
    const sys = await demoSystem("2026-11-26T18:05:00+08:00");
    const c = new Agent(sys).conversation(sys.user("wang"));
    expect(await say(c, "should I clock out now?")).toEqual({ calls: [], reply: "Should I check you out?" });
    expect((await say(c, "yes please")).calls).toEqual(["checkOut"]);
  });
});
