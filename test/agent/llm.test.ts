import { afterEach, describe, expect, it } from "vitest";
import { Agent } from "../../src/agent/index.ts";
import { loadConfig } from "../../src/config.ts";
import { createAgent } from "../../src/system.ts";
import { demoSystem, rowCounts } from "../helpers.ts";
import { startFakeOpenAI, type FakeOpenAI } from "./fake-openai.ts";

let fake: FakeOpenAI | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function collect(run: AsyncIterable<{ type: string; text?: string; name?: string }>) {
  const events = [];
  for await (const e of run) events.push(e);
  return { events, text: events.filter((e) => e.type === "text-delta").map((e) => e.text).join("") };
}

describe("the LLM path (local-first)", () => {
  it("sends what the local model does not understand to the LLM, runs its tool call, and streams its text", async () => {
    fake = await startFakeOpenAI((req) => {
      const last = req.messages.at(-1)!;
      if (last.role === "tool") return { text: "Sie sind eingestempelt. Schönen Tag!" };
      return { toolCall: { name: "checkIn", args: "{}" } };
    });
    const sys = await demoSystem();
    const agent = await createAgent(sys, loadConfig({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: fake.baseURL, LLM_MODEL: "test-model" }));
    expect(agent.mode).toBe("local-first");
    const { events, text } = await collect(agent.conversation(sys.user("wang")).run("Bitte stempeln Sie mich ein"));
    expect(events.find((e) => e.type === "tool-call")).toMatchObject({ name: "checkIn" });
    expect(text).toBe("Sie sind eingestempelt. Schönen Tag!");
    expect(rowCounts(sys).punches).toBe(1);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[0].tools?.map((t) => t.function.name)).toContain("requestLeave");
    expect(fake.requests[1].messages.at(-1)).toMatchObject({ role: "tool" });
  });

  it("keeps what the local model understands away from the LLM", async () => {
    fake = await startFakeOpenAI(() => ({ text: "should not be used" }));
    const sys = await demoSystem();
    const agent = await createAgent(sys, loadConfig({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: fake.baseURL }));
    const { text } = await collect(agent.conversation(sys.user("wang")).run("check me in"));
    expect(text).toMatch(/Checked in at 8:55, on time/);
    expect(fake.requests).toHaveLength(0);
  });

  it("is not used without a key", async () => {
    expect(loadConfig({}).llm).toBeNull();
    expect((await createAgent(await demoSystem(), loadConfig({}))).mode).toBe("local");
    expect(new Agent(await demoSystem()).mode).toBe("local");
  });
});
