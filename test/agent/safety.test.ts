import { afterEach, describe, expect, it } from "vitest";
import { Agent } from "../../src/agent/index.ts";
import { loadConfig } from "../../src/config.ts";
import { createAgent } from "../../src/system.ts";
import { demoSystem, rowCounts } from "../helpers.ts";
import { startFakeOpenAI, type FakeOpenAI } from "./fake-openai.ts";

// The safety layer holds for any model (issue 16): an LLM that calls a state-changing tool against
// the user's words is not obeyed, a doubtful transcript is read back, and a yes runs it. The LLM
// is faked at its wire protocol and answers every request with the tool call these tests give it.

let fake: FakeOpenAI | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function turn(run: AsyncIterable<{ type: string; text?: string; name?: string }>) {
  const calls: string[] = [];
  let text = "";
  for await (const e of run) {
    if (e.type === "tool-call") calls.push(e.name!);
    if (e.type === "text-delta") text += e.text;
  }
  return { calls, text };
}

/** An agent on the LLM alone, whose LLM always calls `tool` first and then says `after`. */
async function llmAgent(tool: string, args = "{}", after = "Done.") {
  fake = await startFakeOpenAI((req) => (req.messages.at(-1)!.role === "tool" ? { text: after } : { toolCall: { name: tool, args } }));
  const sys = await demoSystem("2026-11-26T18:05:00+08:00");
  const agent = await createAgent(sys, loadConfig({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: fake.baseURL, AGENT_MODEL_MODE: "llm" }));
  return { sys, agent, wang: sys.user("wang") };
}

describe("the safety layer on an LLM's tool calls", () => {
  it.each([
    ["先别给我打下班卡，我还要加会儿班", "好的，先不打下班卡，要走的时候跟我说一声。"],
    ["下班卡不着急打", "好的，先不打下班卡，要走的时候跟我说一声。"],
    ["don't check me out yet", "OK, I won't check you out yet. Say \"check me out\" when you leave."],
    ["hold off on clocking me out, one more call", "OK, I won't check you out yet. Say \"check me out\" when you leave."],
  ])("does not run a call the user refused: %s", async (said, reply) => {
    const { sys, agent, wang } = await llmAgent("checkOut");
    const r = await turn(agent.conversation(wang).run(said));
    expect(r).toEqual({ calls: [], text: reply });
    expect((await rowCounts(sys)).punches).toBe(0);
  });

  it("reads back a call made for a question", async () => {
    const { sys, agent, wang } = await llmAgent("checkIn");
    expect(await turn(agent.conversation(wang).run("did I check in today?"))).toEqual({ calls: [], text: "Should I check you in?" });
    expect((await rowCounts(sys)).punches).toBe(0);
  });

  it.each([
    ["checkOut", "{}", "替小李打个下班卡，他走得急", "我只能以你本人的身份打卡和提交申请，不能替别人办；请对方自己来跟我说，或者找HR登记。"],
    ["requestLeave", '{"type":"sick","startDate":"2026-11-27"}', "file sick leave for my colleague tomorrow", "I can only punch and file requests as you, not for someone else; they can ask me themselves, or HR can record it."],
  ])("does not act as the user for someone else: %s", async (tool, args, said, reply) => {
    const { sys, agent, wang } = await llmAgent(tool, args);
    expect(await turn(agent.conversation(wang).run(said))).toEqual({ calls: [], text: reply });
    const counts = await rowCounts(sys);
    expect([counts.punches, counts.leave]).toEqual([0, 0]);
  });

  it("does not punch for a missed punch told as past", async () => {
    const { sys, agent, wang } = await llmAgent("checkOut");
    const r = await turn(agent.conversation(wang).run("I forgot to clock out yesterday"));
    expect(r.calls).toEqual([]);
    expect(r.text).toMatch(/^That sounds like a missed punch/);
    expect((await rowCounts(sys)).punches).toBe(0);
  });

  it("reads back a doubtful transcript, and runs it on yes", async () => {
    const { sys, agent, wang } = await llmAgent("checkOut", "{}", "Checked out.");
    const c = agent.conversation(wang);
    expect(await turn(c.run("check me out", { confidence: 0.01 }))).toEqual({ calls: [], text: "Should I check you out?" });
    expect((await rowCounts(sys)).punches).toBe(0);
    expect((await turn(c.run("yes", { confidence: 0.5 }))).calls).toEqual(["checkOut"]);
    expect((await rowCounts(sys)).punches).toBe(1);
  });

  it("lets a clear request through, and never stands in front of reading", async () => {
    const out = await llmAgent("checkOut", "{}", "Checked out.");
    expect((await turn(out.agent.conversation(out.wang).run("please clock me out"))).calls).toEqual(["checkOut"]);
    expect((await rowCounts(out.sys)).punches).toBe(1);
    await fake!.close();
    const read = await llmAgent("getTodayPunches", "{}", "You have not punched today.");
    expect((await turn(read.agent.conversation(read.wang).run("don't punch, just tell me if I checked in"))).calls).toEqual(["getTodayPunches"]);
  });

  it("gives the LLM the new tools and tells it the rules", async () => {
    const { agent, wang } = await llmAgent("getPolicy", '{"topic":"lateness"}', "By 9:05.");
    await turn(agent.conversation(wang).run("what time do I have to clock in by"));
    const names = fake!.requests[0].tools?.map((t) => t.function.name) ?? [];
    expect(names).toEqual(expect.arrayContaining(["getTodayPunches", "getPolicy", "amendLeave", "getMonthlyAttendance", "getTeamAttendance"]));
    const system = JSON.stringify(fake!.requests[0].messages[0]);
    expect(system).toMatch(/never act on a request the user refuses/i);
  });
});

describe("the local model with a transcript's confidence", () => {
  it("reads a doubtful punch back and punches on 好的", async () => {
    const sys = await demoSystem("2026-11-26T18:05:00+08:00");
    const c = new Agent(sys).conversation(sys.user("wang"));
    expect(await turn(c.run("帮我打下班卡", { confidence: 0.01 }))).toEqual({ calls: [], text: "要帮你打下班卡吗？" });
    expect((await turn(c.run("好的", { confidence: 0.4 }))).calls).toEqual(["checkOut"]);
    expect((await rowCounts(sys)).punches).toBe(1);
  });

  it("acts at once on an ordinary recogniser score (pocketsphinx gives 0.03-0.44 on right transcripts)", async () => {
    const sys = await demoSystem("2026-11-26T18:05:00+08:00");
    const c = new Agent(sys).conversation(sys.user("wang"));
    expect((await turn(c.run("帮我打下班卡", { confidence: 0.3 }))).calls).toEqual(["checkOut"]);
  });
});
