import { afterEach, describe, expect, it } from "vitest";
import { chatServer } from "./harness.ts";
import { FEISHU } from "./fakes/feishu.ts";
import { SLACK, slackEvent, slackSigned, startFakeSlack, type FakeSlack } from "./fakes/slack.ts";

let fake: FakeSlack;
afterEach(() => fake?.close());

describe("chat platforms in /api/health and in the routes", () => {
  it("lists each platform's set and missing variables by name, and mounts only the complete ones", async () => {
    fake = await startFakeSlack();
    const s = await chatServer({ SLACK_SIGNING_SECRET: SLACK.signingSecret, SLACK_BOT_TOKEN: SLACK.botToken, SLACK_API_BASE: `${fake.url}/api`, FEISHU_APP_ID: FEISHU.appId });
    const res = await s.api("admin", "/health");
    const text = await res.text();
    const parts = new Map((JSON.parse(text).engines as { name: string; ready: boolean; set?: string[]; missing: string[] }[]).map((p) => [p.name, p]));
    expect(parts.get("slack")).toMatchObject({ ready: true, set: ["SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN"], missing: [] });
    expect(parts.get("feishu")).toMatchObject({ ready: false, set: ["FEISHU_APP_ID"], missing: ["FEISHU_APP_SECRET", "FEISHU_ENCRYPT_KEY", "FEISHU_VERIFICATION_TOKEN"] });
    expect(parts.get("wecom")).toMatchObject({ ready: false, set: [], missing: ["WECOM_CORP_ID", "WECOM_AGENT_ID", "WECOM_SECRET", "WECOM_TOKEN", "WECOM_ENCODING_AES_KEY"] });
    expect(parts.get("dingtalk")).toMatchObject({ ready: false, set: [] });
    // Names only: no value is ever shown.
    expect(text).not.toContain(SLACK.botToken);
    expect(text).not.toContain(SLACK.signingSecret);

    const body = slackEvent({ eventId: "Ev1", user: "wang", channel: "D-wang", text: "打卡" });
    expect((await s.callback("/im/slack/events", { headers: slackSigned(body, Date.now()), body })).status).toBe(200);
    const off = await s.callback("/im/feishu/events", { headers: { "content-type": "application/json" }, body: "{}" });
    expect(off.status).toBe(404);
    expect(((await off.json()) as any).error.code).toBe("IM_NOT_CONFIGURED");
  });

  it("answers 503 IM_NOT_CONFIGURED for a link code when no platform is configured", async () => {
    const s = await chatServer({});
    const res = await s.api("wang", "/im/link-code", { method: "POST" });
    expect(res.status).toBe(503);
    expect(((await res.json()) as any).error.code).toBe("IM_NOT_CONFIGURED");
  });
});
