import { afterEach, describe, expect, it } from "vitest";
import { chatServer, eventually } from "../im/harness.ts";
import { FEISHU, feishuEnv, startFakeFeishu, type FakeFeishu } from "../im/fakes/feishu.ts";
import { FeishuChannel } from "../../src/im/feishu/channel.ts";
import { feishuRobotSign } from "../../src/im/feishu/robot.ts";

let fake: FakeFeishu;
afterEach(() => fake?.close());

const withRobot = (url: string) => ({ ...feishuEnv(url), FEISHU_ROBOT_WEBHOOK: `${url}${FEISHU.robotPath}`, FEISHU_ROBOT_SECRET: FEISHU.robotSecret });

describe("Feishu custom group bot", () => {
  it("signs as Feishu's sample code does: base64(HmacSHA256(key = timestamp + \\n + secret, message = ''))", () => {
    // Feishu's published Python sample (hmac.new(f'{timestamp}\\n{secret}'.encode(), b'', sha256)), and
    // `printf '' | openssl dgst -sha256 -hmac "$(printf '1599360473\\ndemo-secret')" -binary | base64`, both give this.
    expect(feishuRobotSign("1599360473", "demo-secret")).toBe("3/MaVZ8JLIy4TUG+7KSFJqvUkTKd+HWY8g+56DZWq8s=");
  });

  it("posts a signed text, and reports a wrong secret (19021) as a refusal not worth retrying", async () => {
    fake = await startFakeFeishu();
    const config = { appId: FEISHU.appId, appSecret: FEISHU.appSecret, encryptKey: FEISHU.encryptKey, verificationToken: FEISHU.verificationToken, baseUrl: fake.url, robotWebhook: `${fake.url}${FEISHU.robotPath}` };
    await new FeishuChannel({ ...config, robotSecret: FEISHU.robotSecret }).send({ to: "robot", id: "" }, { kind: "summary", title: "今日", fields: [{ label: "迟到", value: "1" }] }, { idempotencyKey: "k1" });
    expect(fake.robotTexts).toEqual(["今日\n迟到: 1"]);
    const wrong = new FeishuChannel({ ...config, robotSecret: "not-the-secret" }).send({ to: "robot", id: "" }, { kind: "text", text: "x" }, { idempotencyKey: "k2" });
    await expect(wrong).rejects.toMatchObject({ code: "19021", retryable: false });
    expect(fake.robotTexts).toHaveLength(1);
  });
});

describe("team digests through the group robot", () => {
  it("posts chen's 09:45 team digest to the group's robot, headed with her name, instead of a message to her; she still has it in the app", async () => {
    fake = await startFakeFeishu();
    const s = await chatServer(withRobot(fake.url), "2026-11-26T09:45:00+08:00");
    const planned = await s.server.notify.scheduler.plan();
    expect(planned.find((p) => p.employee.login === "chen" && p.rule === "teamDigest")?.channel).toBe("feishu:robot");
    const sent = await s.server.notify.scheduler.tick();
    expect(sent.find((p) => p.employee.login === "chen" && p.rule === "teamDigest")?.channel).toBe("feishu:robot");
    const posted = await eventually(() => fake.robotTexts.find((t) => t.startsWith("陈静的团队今日考勤")), "the robot's post");
    expect(posted).toMatch(/^陈静的团队今日考勤\n今天\d+人迟到，\d+人还没打卡，\d+人请假。/);
    await s.server.im.worker.tick();
    expect(fake.messages.filter((m) => m.receive_id === "chen" && JSON.stringify(m.content).includes("团队"))).toEqual([]);
    const inApp = (await (await s.api("chen", "/notifications")).json()).items;
    expect(inApp.map((n: { rule: string }) => n.rule)).toContain("teamDigest");
    // Once a day: another tick posts nothing more.
    await s.server.notify.scheduler.tick();
    await s.server.im.worker.tick();
    expect(fake.robotTexts.filter((t) => t.startsWith("陈静的团队"))).toHaveLength(1);
  }, 120_000);

  it("posts a team's digest to its own group robot (FEISHU_TEAM_ROBOTS, by department code), and other teams' to the default one", async () => {
    fake = await startFakeFeishu();
    const teams = { SALES: { webhook: `${fake.url}${FEISHU.teamRobotPath}`, secret: FEISHU.teamRobotSecret } };
    const s = await chatServer({ ...withRobot(fake.url), FEISHU_TEAM_ROBOTS: JSON.stringify(teams) }, "2026-11-26T09:45:00+08:00");
    const planned = await s.server.notify.scheduler.plan();
    const digest = (login: string) => planned.find((p) => p.employee.login === login && p.rule === "teamDigest");
    expect(digest("lin")).toMatchObject({ channel: "feishu:robot", team: "SALES" });
    expect(digest("chen")).toMatchObject({ channel: "feishu:robot", team: "ENG" });
    await s.server.notify.scheduler.tick();
    // Three managers' teams: ENG (chen) and PEOPLE (zhao) have no robot of their own.
    await eventually(() => fake.robotPosts.length >= 3 || undefined, "the three teams' posts");
    const to = (path: string) => fake.robotPosts.filter((p) => p.path === path).map((p) => p.text.split("\n")[0]);
    expect(to(FEISHU.teamRobotPath)).toEqual(["林峰的团队今日考勤"]);
    expect(to(FEISHU.robotPath).sort()).toEqual(["赵敏的团队今日考勤", "陈静的团队今日考勤"].sort());
  }, 120_000);
});
