import gcoordModule from "gcoord";
import { afterEach, describe, expect, it } from "vitest";
import { chatServer, eventually } from "../im/harness.ts";
import { startFakeWecom, wecomCallback, wecomEnv, wecomLocationXml, wecomTextXml, type FakeWecom } from "../im/fakes/wecom.ts";
import { FEISHU, feishuMessageEvent, feishuPush, startFakeFeishu, type FakeFeishu } from "../im/fakes/feishu.ts";
import { HQ, northOfHq } from "./harness.ts";

const gcoord = (gcoordModule as unknown as { default?: typeof gcoordModule }).default ?? gcoordModule;
/** What a Chinese platform's map sends for a WGS-84 point: GCJ-02, some 500 m off in Shanghai. */
function asGcj02(p: { latitude: number; longitude: number }) {
  const [longitude, latitude] = (gcoord as any).transform([p.longitude, p.latitude], (gcoord as any).WGS84, (gcoord as any).GCJ02) as [number, number];
  return { latitude, longitude };
}

let wecom: FakeWecom | undefined;
let feishu: FakeFeishu | undefined;
afterEach(async () => {
  await wecom?.close();
  await feishu?.close();
  wecom = feishu = undefined;
});

/** HQ with a 300 m fence; Engineering must punch on site. */
async function siteRule(s: Awaited<ReturnType<typeof chatServer>>) {
  const site = await (await s.api("zhao", "/sites", { method: "POST", body: { name: "总部", ...HQ } })).json();
  const set = await s.api("zhao", "/departments/ENG/location", { method: "PUT", body: { rule: "site", sites: [site.id] } });
  expect(set.status).toBe(200);
}

describe("a location shared in chat is the next punch's location", () => {
  it("WeCom: a location share 100 m from the office, then '打卡', checks wang in on site; without one, it asks for it", async () => {
    wecom = await startFakeWecom({ users: ["wang", "chen"] });
    const s = await chatServer(wecomEnv(wecom.url));
    await siteRule(s);
    const send = (xml: string) => {
      const { query, body } = wecomCallback(xml, Date.now());
      return s.callback("/im/wecom/callback", { query, body });
    };
    const sentTo = (user: string) => wecom!.sent.filter((m) => m.touser === user).map((m) => m.text?.content);

    await send(wecomTextXml("chen", "打卡", "c1", Date.now()));
    expect(await eventually(() => sentTo("chen")[0], "chen's answer")).toBe("打卡需要你的位置：请在页面上允许定位，或先在聊天里发送你的位置，两分钟内再说打卡。");

    const gcj = asGcj02(northOfHq(100));
    await send(wecomLocationXml("wang", gcj.latitude, gcj.longitude, "上海市黄浦区人民大道", "w1", Date.now()));
    expect(await eventually(() => sentTo("wang")[0], "the location acknowledged")).toBe("已收到你的位置，两分钟内说“打卡”就会用这个位置。");
    await send(wecomTextXml("wang", "打卡", "w2", Date.now()));
    const reply = await eventually(() => sentTo("wang")[1], "the punch reply");
    expect(reply).toMatch(/时间8点55分.*在公司（总部）打卡。$/);
    expect(await s.punches("wang")).toEqual([{ method: "im" }]);
    const [punch] = await (await s.api("wang", "/punches")).json();
    expect(punch.place).toMatchObject({ kind: "site", site: "总部" });
    expect(punch.place.distanceM).toBeGreaterThanOrEqual(99);
    expect(punch.place.distanceM).toBeLessThanOrEqual(101);
  });

  it("Feishu: a location share 1.2 km away is refused with the distance, in English for an English speaker", async () => {
    feishu = await startFakeFeishu();
    const s = await chatServer({
      FEISHU_APP_ID: FEISHU.appId,
      FEISHU_APP_SECRET: FEISHU.appSecret,
      FEISHU_ENCRYPT_KEY: FEISHU.encryptKey,
      FEISHU_VERIFICATION_TOKEN: FEISHU.verificationToken,
      FEISHU_API_BASE: feishu.url,
    });
    await siteRule(s);
    const push = (event: unknown) => s.callback("/im/feishu/events", feishuPush(event, Date.now()));
    const inChat = () => feishu!.messages.filter((m) => m.receive_id === "oc_wang").map((m) => m.content.text);
    const gcj = asGcj02(northOfHq(1200));
    await push(feishuMessageEvent({ eventId: "e1", userId: "wang", chatId: "oc_wang", text: "", location: { name: "客户公司", ...gcj } }));
    await eventually(() => inChat()[0], "the acknowledgement");
    await push(feishuMessageEvent({ eventId: "e2", userId: "wang", chatId: "oc_wang", text: "check me in" }));
    expect(await eventually(() => inChat()[1], "the refusal")).toBe("You are 1.2 km from the office (总部), outside the punch area.");
    expect(await s.punches("wang")).toEqual([]);
  });
});
