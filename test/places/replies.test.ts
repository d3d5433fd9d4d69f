import { describe, expect, it } from "vitest";
import { Agent } from "../../src/agent/index.ts";
import { SYSTEM_ACTOR } from "../../src/attendance/permissions.ts";
import { demoSystem } from "../helpers.ts";
import { HQ, northOfHq } from "./harness.ts";

async function reply(conversation: ReturnType<Agent["conversation"]>, text: string) {
  let said = "";
  for await (const e of conversation.run(text)) if (e.type === "finish") said = e.text;
  return said;
}

async function withRule(rule: "site" | "siteOrField" | "none") {
  const sys = await demoSystem();
  const site = await sys.sites.addSite(SYSTEM_ACTOR, { name: "总部", ...HQ, radiusM: 300, networks: [], active: true });
  await sys.sites.setDepartmentLocation(SYSTEM_ACTOR, "ENG", { rule, sites: [site.id] });
  const talk = (login: string, metres: number | null) => new Agent(sys).conversation(sys.user(login), undefined, { place: () => (metres === null ? undefined : { location: northOfHq(metres) }) });
  return { sys, talk };
}

describe("what the assistant says about where a punch is", () => {
  it("refuses outside the sites with the distance, in both languages", async () => {
    const { sys, talk } = await withRule("site");
    expect(await reply(talk("wang", 1200), "打卡")).toBe("你距离公司（总部）1.2公里，不在打卡范围内。");
    expect(await reply(talk("wang", 350), "check me in")).toBe("You are 350 m from the office (总部), outside the punch area.");
    expect((await sys.store.punches.lastRecorded(sys.user("wang").id))).toBeUndefined();
  });

  it("names the site of an on-site punch, and asks for a remark outside under siteOrField", async () => {
    const { talk } = await withRule("siteOrField");
    expect(await reply(talk("wang", 100), "打卡")).toMatch(/时间8点55分.*在公司（总部）打卡。$/);
    expect(await reply(talk("chen", 2500), "check me in")).toBe(
      "You are 2.5 km from the office (总部), outside the punch area, so this will be a field punch: add a remark saying where you are and why, then punch again.",
    );
  });

  it("refuses a mocked location in words", async () => {
    const { sys } = await withRule("none");
    const c = new Agent(sys).conversation(sys.user("wang"), undefined, { place: () => ({ location: { ...northOfHq(0), mocked: true } }) });
    expect(await reply(c, "打卡")).toBe("检测到虚拟定位，这次打卡没有记录。请关闭模拟位置后再打卡。");
  });
});
