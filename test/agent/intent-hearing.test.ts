import { describe, expect, it } from "vitest";
import { hear } from "../../src/agent/intent/hearing.ts";
import { understand } from "../../src/agent/intent/index.ts";
import { ctx, describeCases, EVE, NOW, type Case } from "./intent-harness.ts";

// Mis-hearing, regional speech, fillers and mixed languages (issue 16): what a recogniser or a
// person really produces is understood, and real words that merely sound alike are left alone.

const TUE = "2026-11-10T08:52:00+08:00";
const leave = (type: string, startDate: string, endDate = startDate, halfDay?: string) => ({ type, startDate, endDate, ...(halfDay ? { halfDay } : {}) });

const homophones: Case[] = [
  ["帮我大个卡", NOW, "checkIn"],
  ["帮我签个道", NOW, "checkIn"],
  ["下班了，帮我签个推", EVE, "checkOut"],
  ["check me end please", NOW, "checkIn"],
  ["check my in", NOW, "checkIn"],
  ["clock me and", NOW, "checkIn"],
  ["帮我打哈卡", NOW, "checkIn"],
  ["帮我达个卡", NOW, "checkIn"],
  ["明天请一天病价", NOW, "requestLeave", leave("sick", "2026-11-27")],
  ["下个月八号请一天年家", NOW, "requestLeave", leave("annual", "2026-12-08")],
  ["帮我签道一下，刚到工位", NOW, "checkIn"],
  ["活儿干完了，帮我签推", EVE, "checkOut"],
  ["帮我看下本月考琴有没有问题", NOW, "getMonthlyAttendance", { month: "2026-11" }],
  ["查一下这个月的出琴", NOW, "getMonthlyAttendance", { month: "2026-11" }],
  ["掉休还剩多少", NOW, "getLeaveBalance", { type: "compensatory" }],
  ["条休还有几天", NOW, "getLeaveBalance", { type: "compensatory" }],
  ["明天请个事价", NOW, "requestLeave", leave("personal", "2026-11-27")],
  ["请一天是假，明天", NOW, "requestLeave", leave("personal", "2026-11-27")],
  ["后天请婚价", NOW, "requestLeave", leave("marriage", "2026-11-28")],
  ["我想请三天年家", NOW, "ask:dates", { type: "annual" }],
];

const nearSounds: Case[] = [
  ["czech me in please", NOW, "checkIn"],
  ["check me inn", NOW, "checkIn"],
  ["clog me in, I just got here", NOW, "checkIn"],
  ["lock me in", NOW, "checkIn"],
  ["chuck me out", EVE, "checkOut"],
  ["sine me out", EVE, "checkOut"],
  ["are my attendants records okay so far this month", NOW, "getMonthlyAttendance", { month: "2026-11" }],
  ["put me in for a personnel day on the 30th", NOW, "requestLeave", leave("personal", "2026-11-30")],
  ["sick leaf tomorrow", NOW, "requestLeave", leave("sick", "2026-11-27")],
  ["book a vacay day on Friday", NOW, "requestLeave", leave("annual", "2026-11-27")],
];

const fillers: Case[] = [
  ["呃，早，呃……打卡，上班的", NOW, "checkIn"],
  ["嗯嗯那个就是帮我打个卡", NOW, "checkIn"],
  ["打卡打卡", NOW, "checkIn"],
  ["um, uh, check me in", NOW, "checkIn"],
  ["so, like, can you clock me out", EVE, "checkOut"],
  ["check me in check me in", NOW, "checkIn"],
  ["那个那个我想请假明天", NOW, "ask:leaveType"],
  ["我我我想请个病假，明天", NOW, "requestLeave", leave("sick", "2026-11-27")],
  ["uh, you know, I need, um, sick leave tomorrow", NOW, "requestLeave", leave("sick", "2026-11-27")],
  ["okay so, uh, I just badged in downstairs, can you log that I'm here", NOW, "checkIn"],
];

const mixed: Case[] = [
  ["帮我check in一下", NOW, "checkIn"],
  ["帮我clock out", EVE, "checkOut"],
  ["请两天annual leave，下周一开始", NOW, "requestLeave", leave("annual", "2026-11-30", "2026-12-01")],
  ["帮我submit一个下周一的personal leave", NOW, "requestLeave", leave("personal", "2026-11-30")],
  ["我想take一天sick leave，明天", NOW, "requestLeave", leave("sick", "2026-11-27")],
  ["这个月的attendance怎么样", NOW, "getMonthlyAttendance", { month: "2026-11" }],
  ["帮我cancel明天的leave", NOW, "cancelLeave", { startDate: "2026-11-27" }],
  ["今天的check-in搞了没", NOW, "getTodayPunches"],
  ["check一下我的年假balance", NOW, "getLeaveBalance", { type: "annual" }],
  ["早啊，先把今天的check-in搞了", NOW, "checkIn"],
];

const regional: Case[] = [
  ["唔该帮我打个卡，我返工喇", NOW, "checkIn"],
  ["放工喇，帮我打卡先", EVE, "checkOut"],
  ["听日请一日病假", NOW, "requestLeave", leave("sick", "2026-11-27")],
  ["琴日冇打到卡", TUE, "ask:punchKind", { date: "2026-11-09" }],
  ["我今日唔返工，请病假", NOW, "requestLeave", leave("sick", "2026-11-26")],
  ["帮我睇下今个月考勤", NOW, "getMonthlyAttendance", { month: "2026-11" }],
  ["给我整个下班卡，今儿累够呛", EVE, "checkOut"],
  ["上个月缺卡的情况帮我查哈", NOW, "getMonthlyAttendance", { month: "2026-10" }],
  ["九月份我早退过没得", NOW, "getMonthlyAttendance", { month: "2026-09" }],
  ["咱组昨儿个有人缺卡没", NOW, "getTeamAttendance", { date: "2026-11-25" }],
  ["下礼拜二我想请特休", TUE, "requestLeave", leave("annual", "2026-11-17")],
  ["俺明儿个请个病假", NOW, "requestLeave", leave("sick", "2026-11-27")],
];

describeCases("Chinese homophones are heard as the attendance word", homophones, { strictLeave: true });
describeCases("English near-sounds are heard as the attendance word", nearSounds, { strictLeave: true });
describeCases("fillers and repetitions change nothing", fillers, { strictLeave: true });
describeCases("code-switching between Chinese and English", mixed, { strictLeave: true });
describeCases("Cantonese, northern, south-western and Taiwan words", regional, { strictLeave: true });

describe("hear", () => {
  it("leaves real words that only sound like attendance words", () => {
    for (const s of ["这是假的", "网络不卡", "大家好", "我想再加半天", "他是个大咖", "下半天再说", "念家"]) expect(hear(s).text).toBe(s);
  });

  it("counts exact homophones and near-sounds apart", () => {
    expect(hear("明天请一天病价")).toMatchObject({ text: "明天请一天病假", homophones: 1, nearSounds: 0 });
    expect(hear("掉休还剩多少")).toMatchObject({ text: "调休还剩多少", homophones: 0, nearSounds: 1 });
    expect(hear("czech me in")).toMatchObject({ text: "check me in", nearSounds: 1 });
  });

  it("lowers the confidence of an action reached through a repair", () => {
    const exact = understand("帮我大个卡", ctx());
    const near = understand("czech me in", ctx());
    const clean = understand("帮我打个卡", ctx());
    expect(clean).not.toHaveProperty("confidence");
    expect(exact.kind === "tool" && exact.confidence).toBeGreaterThan(0.6);
    expect(near.kind === "tool" && near.confidence).toBeLessThan(1);
  });
});
