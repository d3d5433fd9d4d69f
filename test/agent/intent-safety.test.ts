import { describe, expect, it } from "vitest";
import { understand } from "../../src/agent/intent/index.ts";
import { ctx, DEC, describeCases, EVE, MUTATING, NOW, type Case } from "./intent-harness.ts";

// Never act on "don't", on a question, or on a punch told as past (issue 16). Each kind in both
// languages, with the nearby sentences that must still act. Expectations as in intent-harness.ts.

const TUE = "2026-11-10T10:30:00+08:00";
const WED = "2026-11-18T11:20:00+08:00";

const refusals: Case[] = [
  ["先别给我打下班卡，我还要加会儿班", EVE, "hold:punchOut"],
  ["下班卡不着急打，我这边会还没开完", EVE, "hold:punchOut"],
  ["先不打卡，等会儿再说", NOW, "hold:punch"],
  ["不用帮我签到，我已经签过了", NOW, "hold:punchIn"],
  ["别帮我打卡", NOW, "hold:punch"],
  ["我还没走呢，先别签退", EVE, "hold:punchOut"],
  ["卡先别打", NOW, "hold:punch"],
  ["先不要签到", NOW, "hold:punchIn"],
  ["暂时不打下班卡", EVE, "hold:punchOut"],
  ["甭给我打卡了", NOW, "hold:punch"],
  ["下班卡晚点再打", EVE, "hold:punchOut"],
  ["等会儿再帮我打下班卡", EVE, "hold:punchOut"],
  ["还不下班呢，别打下班卡", EVE, "hold:punchOut"],
  ["我还要加班，先不打下班卡", EVE, "hold:punchOut"],
  ["上班卡不用打了", NOW, "hold:punchIn"],
  ["don't check me out yet", EVE, "hold:punchOut"],
  ["I'm not leaving yet, I'll clock out later", EVE, "hold:punchOut"],
  ["no need to check me in, I already did", NOW, "hold:punchIn"],
  ["hold off on clocking me out, I've got one more call to take", EVE, "hold:punchOut"],
  ["please don't clock me in", NOW, "hold:punchIn"],
  ["do not punch me out, I'm still working", EVE, "hold:punchOut"],
  ["you don't need to check me in today", NOW, "hold:punchIn"],
  ["I'll clock out later", EVE, "hold:punchOut"],
  ["wait, don't sign me out", EVE, "hold:punchOut"],
  ["no, don't check me in", NOW, "hold:punchIn"],
  ["I'm still here, don't check me out", EVE, "hold:punchOut"],
  ["never mind checking me in", NOW, "hold:punchIn"],
  ["skip the check-in today", NOW, "hold:punchIn"],
  ["I don't want to clock in yet", NOW, "hold:punchIn"],
  ["年假的事回头再说，今天先不弄", TUE, "hold:leave"],
  ["别帮我请假", NOW, "hold:leave"],
  ["不用帮我提交请假申请", NOW, "hold:leave"],
  ["下周的年假先别提交", NOW, "hold:leave"],
  ["don't file the leave yet", NOW, "hold:leave"],
  ["no need to book any time off for me", NOW, "hold:leave"],
  ["hold off on submitting my vacation request", NOW, "hold:leave"],
  ["please don't put in sick leave for tomorrow", NOW, "hold:leave"],
  ["别取消我明天的年假", NOW, "hold:cancel"],
  ["don't cancel my leave on Friday", NOW, "hold:cancel"],
  ["不要撤回我的请假", NOW, "hold:cancel"],
  ["先别批12号申请", NOW, "hold:decide"],
  ["don't reject request 7 yet", NOW, "hold:decide"],
  ["编号8的申请先不要驳回", NOW, "hold:decide"],
  ["先不用补卡了", NOW, "hold:correction"],
  ["加班先别报", NOW, "hold:overtime"],
  ["don't log overtime for tonight", EVE, "hold:overtime"],
];

const stillActs: Case[] = [
  ["别忘了帮我打卡", NOW, "checkIn"],
  ["don't forget to check me out", EVE, "checkOut"],
  ["I'm not feeling well, I need tomorrow off as sick leave", NOW, "requestLeave", { type: "sick", startDate: "2026-11-27" }],
  ["I won't be in tomorrow, put it down as personal leave", NOW, "requestLeave", { type: "personal", startDate: "2026-11-27" }],
  ["我明天不来上班了，请事假", NOW, "requestLeave", { type: "personal", startDate: "2026-11-27" }],
  ["不舒服，明天请病假", NOW, "requestLeave", { type: "sick", startDate: "2026-11-27" }],
  ["下周一的假我不请了", NOW, "cancelLeave", { startDate: "2026-11-30" }],
  ["I can't make it tomorrow, sick leave", NOW, "requestLeave", { type: "sick", startDate: "2026-11-27" }],
  ["the client demo ran long so I'm leaving later than usual, please check me out", EVE, "checkOut"],
  ["could you check me in", NOW, "checkIn"],
  ["能不能帮我打个卡", NOW, "checkIn"],
  ["可以帮我签退吗", EVE, "checkOut"],
  ["帮我打卡好吗", NOW, "checkIn"],
  ["is it possible to take Friday off as annual leave", NOW, "requestLeave", { type: "annual", startDate: "2026-11-27" }],
  ["can I take tomorrow off, personal leave", NOW, "requestLeave", { type: "personal", startDate: "2026-11-27" }],
];

const stateQuestions: Case[] = [
  ["我早上那次签到到底成功了没有", NOW, "getTodayPunches"],
  ["did my clock-in this morning actually go through?", NOW, "getTodayPunches"],
  ["今天几点打的卡", NOW, "getTodayPunches"],
  ["我今天打卡了吗", NOW, "getTodayPunches"],
  ["我下班卡打了没", EVE, "getTodayPunches"],
  ["签退成功了吗", EVE, "getTodayPunches"],
  ["刚才打卡成功没有", NOW, "getTodayPunches"],
  ["我今天有没有打卡", NOW, "getTodayPunches"],
  ["今天早上打上卡了吗", NOW, "getTodayPunches"],
  ["did I check in today", NOW, "getTodayPunches"],
  ["have I clocked out yet", EVE, "getTodayPunches"],
  ["am I checked in", NOW, "getTodayPunches"],
  ["what time did I clock in this morning", NOW, "getTodayPunches"],
  ["was my check out recorded", EVE, "getTodayPunches"],
  ["did the punch go through", NOW, "getTodayPunches"],
  ["when did I check in today", NOW, "getTodayPunches"],
];

const ruleQuestions: Case[] = [
  ["几点之前打卡不算迟到", NOW, "getPolicy", { topic: "lateness" }],
  ["补卡一个月最多能补几次啊", NOW, "getPolicy", { topic: "corrections" }],
  ["我今天最早几点能走啊", NOW, "getPolicy", { topic: "hours" }],
  ["what time do I have to clock in by", NOW, "getPolicy", { topic: "lateness" }],
  ["is there a cap on how many missed punches I can get fixed each month", NOW, "getPolicy", { topic: "corrections" }],
  ["how much notice do I need to give before taking annual leave", NOW, "getPolicy", { topic: "leave" }],
  ["迟到几分钟算迟到", NOW, "getPolicy", { topic: "lateness" }],
  ["what's the grace period for clocking in", NOW, "getPolicy", { topic: "lateness" }],
  ["when does my shift end", NOW, "getPolicy", { topic: "hours" }],
  ["加班费怎么算", NOW, "getPolicy", { topic: "overtime" }],
  ["how is overtime paid", NOW, "getPolicy", { topic: "overtime" }],
  ["请假要提前几天", NOW, "getPolicy", { topic: "leave" }],
  ["下班时间是几点", NOW, "getPolicy", { topic: "hours" }],
  ["how late can I clock in without being late", NOW, "getPolicy", { topic: "lateness" }],
  ["这个月还能补几次卡", NOW, "getPolicy", { topic: "corrections" }],
  ["年假会过期吗", NOW, "getPolicy", { topic: "leave" }],
];

const missedPunches: Case[] = [
  ["我昨天忘打卡了，能补吗", TUE, "ask:punchKind", { date: "2026-11-09" }],
  ["我昨天忘打下班卡了，六点走的，帮我补一下", TUE, "requestCorrection", { date: "2026-11-09", kind: "out", time: "18:00" }],
  ["I forgot to clock out yesterday, I left at 6", TUE, "requestCorrection", { date: "2026-11-09", kind: "out", time: "18:00" }],
  ["前天有一次卡没打上，咋整", "2026-11-11T10:00:00+08:00", "ask:punchKind", { date: "2026-11-09" }],
  ["Monday's morning punch is missing on my record, how do I sort that out", WED, "ask:time", { date: "2026-11-16", kind: "in" }],
  ["今天早上忘打卡了，九点到的", TUE, "requestCorrection", { date: "2026-11-10", kind: "in", time: "09:00" }],
  ["I didn't clock in this morning, got here at 8:50", TUE, "requestCorrection", { date: "2026-11-10", kind: "in", time: "08:50" }],
  ["昨天下班卡漏打了", TUE, "ask:time", { date: "2026-11-09", kind: "out" }],
  ["my check-in yesterday didn't go through, I arrived at 9", TUE, "requestCorrection", { date: "2026-11-09", kind: "in", time: "09:00" }],
  ["我忘了打卡", TUE, "ask:date", {}],
];

const monthSlips: Case[] = [
  ["我这个月有几天没打卡", NOW, "getMonthlyAttendance", { month: "2026-11" }],
  ["how many times did I forget to punch out in November", NOW, "getMonthlyAttendance", { month: "2026-11" }],
  ["did I miss any punches last month", NOW, "getMonthlyAttendance", { month: "2026-10" }],
  ["上个月缺卡几次", NOW, "getMonthlyAttendance", { month: "2026-10" }],
  ["我这个月早退过没有", NOW, "getMonthlyAttendance", { month: "2026-11" }],
  ["how many early leaves did I have in October", NOW, "getMonthlyAttendance", { month: "2026-10" }],
  ["九月份我迟到了几次", NOW, "getMonthlyAttendance", { month: "2026-09" }],
  ["two months back, did I have any punches missing", NOW, "getMonthlyAttendance", { month: "2026-09" }],
];

const selfCorrections: Case[] = [
  ["帮我打上班卡，哦不对，说错了，是下班卡", EVE, "checkOut"],
  ["clock me in, no wait, I mean clock me out", EVE, "checkOut"],
  ["check me out, sorry, check me in", NOW, "checkIn"],
  ["请下周一的年假，不对，是下周二", NOW, "requestLeave", { type: "annual", startDate: "2026-12-01" }],
  ["annual leave on Monday, sorry, I meant Tuesday", NOW, "requestLeave", { type: "annual", startDate: "2026-12-01" }],
  ["明天请病假，不对，请事假", NOW, "requestLeave", { type: "personal", startDate: "2026-11-27" }],
  ["sick leave tomorrow, actually make it personal leave", NOW, "requestLeave", { type: "personal", startDate: "2026-11-27" }],
  ["年假请周五，我的意思是下周五", NOW, "requestLeave", { type: "annual", startDate: "2026-12-04" }],
];

const outOfScope: Case[] = [
  ["打印机又卡纸了怎么弄", NOW, "notool"],
  ["帮我报销一下上周的打车费", NOW, "notool"],
  ["book me a flight to Shenzhen for Thursday", NOW, "notool"],
  ["how do I reset my laptop password", NOW, "notool"],
  ["饭卡丢了怎么办", NOW, "notool"],
  ["帮我订个会议室", NOW, "notool"],
  ["今天食堂吃什么", NOW, "notool"],
  ["公交卡充值", NOW, "notool"],
  ["我想请你吃饭", NOW, "notool"],
  ["这个周末去哪玩", NOW, "notool"],
  ["the clock in the meeting room is broken", NOW, "notool"],
  ["我们打个电话吧", NOW, "notool"],
  ["网络好卡啊", NOW, "notool"],
  ["这是假的吧", NOW, "notool"],
];

// A second round written after the first passed: the tool each one must reach, or "nomut".
const secondRound: Case[] = [
  ["先别打卡，我还没到公司", NOW, "hold:punch"],
  ["等我到了再打卡", NOW, "nomut"],
  ["今天不用打上班卡了，我在外面开会", NOW, "nomut"],
  ["我还在加班，下班卡待会儿再打", EVE, "nomut"],
  ["别急着帮我签退", EVE, "nomut"],
  ["暂时别提交请假", NOW, "nomut"],
  ["请假的事先放一放", NOW, "nomut"],
  ["先不报加班了", NOW, "nomut"],
  ["not now, I'll check in when I get to my desk", NOW, "nomut"],
  ["don't clock me out, I'm coming back after lunch", EVE, "nomut"],
  ["please hold off on the leave request for now", NOW, "nomut"],
  ["I don't need to check out yet", EVE, "nomut"],
  ["let's not file anything yet", NOW, "nomut"],
  ["no, I'm not clocking out, just going to grab coffee", EVE, "nomut"],
  ["there's no need to punch me in", NOW, "nomut"],
  ["I'm not done for the day yet", EVE, "nomut"],
  ["我还没下班呢", EVE, "nomut"],
  ["别给我请假，我能来", NOW, "nomut"],
  ["我到底打没打卡", NOW, "nomut"],
  ["我今天的卡打上了没有", NOW, "nomut"],
  ["系统记到我的上班卡了吗", NOW, "nomut"],
  ["我今天是几点签到的", NOW, "nomut"],
  ["did I already clock in this morning?", NOW, "nomut"],
  ["is my check-in there?", NOW, "nomut"],
  ["did you check me out already", EVE, "nomut"],
  ["have I punched in today?", NOW, "nomut"],
  ["what time did I check out yesterday", NOW, "nomut"],
  ["was I marked present today", NOW, "nomut"],
  ["how do I check in?", NOW, "nomut"],
  ["怎么打卡", NOW, "nomut"],
  ["迟到了会扣钱吗", NOW, "nomut"],
  ["上班几点开始算迟到", NOW, "nomut"],
  ["if I clock in at 9:10 am I late?", NOW, "nomut"],
  ["what happens if I forget to clock out", NOW, "nomut"],
  ["can I check in from home?", NOW, "nomut"],
  ["is it too early to check out?", EVE, "nomut"],
  ["how many corrections do I have left this month", NOW, "nomut"],
  ["补卡需要谁审批", NOW, "nomut"],
  ["加班能换调休吗", NOW, "nomut"],
  ["年假最多能连着请几天", NOW, "nomut"],
  ["我昨天忘记签退了", NOW, "nomut"],
  ["上周三早上的卡没打", NOW, "nomut"],
  ["I forgot to check in on Tuesday", NOW, "nomut"],
  ["my clock out from last Friday is missing", NOW, "nomut"],
  ["前天下班忘了刷卡，七点走的", NOW, "requestCorrection"],
  ["昨天我九点到的公司，但是没打上卡", NOW, "requestCorrection"],
  ["I forgot to punch out on Monday, I left around 6:15", NOW, "requestCorrection"],
  ["I never clocked in yesterday, I arrived at 8:30", NOW, "requestCorrection"],
  ["我这个月忘打卡几次了", NOW, "getMonthlyAttendance"],
  ["how many times was I late in October", NOW, "getMonthlyAttendance"],
  ["上个月我有没有早退", NOW, "getMonthlyAttendance"],
  ["did I leave early at all this month", NOW, "getMonthlyAttendance"],
  ["how many missed punches do I have this month", NOW, "getMonthlyAttendance"],
  ["这个月有没有缺卡", NOW, "getMonthlyAttendance"],
  ["what's left of my bereavement leave", NOW, "getLeaveBalance"],
  ["丧假还有几天", NOW, "getLeaveBalance"],
  ["how much comp time do I have and when does it expire", NOW, "getLeaveBalance"],
  ["我的调休什么时候过期", NOW, "nomut"],
  ["病假还剩几天", NOW, "getLeaveBalance"],
  ["how many sick days remain", NOW, "getLeaveBalance"],
  ["帮我大卡", NOW, "checkIn"],
  ["帮我打个咔", NOW, "checkIn"],
  ["我要签道", NOW, "checkIn"],
  ["帮我签个退", EVE, "checkOut"],
  ["请一天年价，下周一", NOW, "requestLeave"],
  ["明天请假，病家", NOW, "requestLeave"],
  ["明天想请个倒休", NOW, "requestLeave"],
  ["cheque me out", EVE, "checkOut"],
  ["check me ouT please", EVE, "checkOut"],
  ["clock me inn", NOW, "checkIn"],
  ["chekc me in", NOW, "checkIn"],
  ["check-me-in", NOW, "checkIn"],
  ["checkin please", NOW, "checkIn"],
  ["sign me off for today", EVE, "checkOut"],
  ["I'd like to take a sick day tomorrow", NOW, "requestLeave"],
  ["I need bereavement leave Monday through Wednesday", NOW, "requestLeave"],
  ["book me off next Friday, annual leave", NOW, "requestLeave"],
  ["请下周三下午半天事假", NOW, "requestLeave"],
  ["下下周一到周五休年假", NOW, "requestLeave"],
  ["下周请三天年假，从周二开始", NOW, "requestLeave"],
  ["我明早要去医院，请半天病假", NOW, "requestLeave"],
  ["月底那天请个事假", NOW, "requestLeave"],
  ["国庆前一天请年假", "2026-09-14T10:00:00+08:00", "requestLeave"],
  ["王小明这个月考勤怎么样", NOW, "nomut"],
  ["how is Wang doing this month", NOW, "nomut"],
  ["研发部今天出勤怎么样", NOW, "getTeamAttendance"],
  ["how's the sales team today", NOW, "getTeamAttendance"],
  ["who's on leave in my team this week", NOW, "getTeamAttendance"],
  ["今天公司有多少人迟到", NOW, "getTeamAttendance"],
  ["李雷今天来了吗", NOW, "nomut"],
  ["帮我叫个外卖", NOW, "nomut"],
  ["今天天气怎么样", NOW, "nomut"],
  ["帮我打开空调", NOW, "nomut"],
  ["给老板打个电话", NOW, "nomut"],
  ["请帮我订明天去上海的机票", NOW, "nomut"],
  ["what's the wifi password", NOW, "nomut"],
  ["can you check my email", NOW, "nomut"],
  ["check the calendar for tomorrow", NOW, "nomut"],
  ["schedule a meeting with Chen tomorrow at 3", NOW, "nomut"],
  ["I'm in a meeting", NOW, "nomut"],
  ["I'm here for the interview", NOW, "nomut"],
  ["我请假了吗", NOW, "nomut"],
  ["my manager said I should take leave tomorrow", NOW, "nomut"],
  ["我同事明天请假", NOW, "nomut"],
  ["他明天请病假", NOW, "nomut"],
  ["我昨天请假了", NOW, "nomut"],
  ["I took yesterday off", NOW, "nomut"],
];

describeCases("a refused or put-off action is held", refusals);
describeCases("requests near a refusal still act", stillActs);
describeCases("a question about today's punches is answered from them", stateQuestions);
describeCases("a question about the rules is answered from the policy", ruleQuestions);
describeCases("a punch told as missed is a correction, never a punch now", missedPunches);
describeCases("counting a month's slips is the month's attendance", monthSlips);
describeCases("a self-correction inside the sentence wins", selfCorrections);
describeCases("out-of-scope sentences with attendance words do not act", outOfScope);
describeCases("a second round of the same kinds", secondRound);

describe("an action only asked about is offered, to be read back", () => {
  it.each([
    ["我现在可以打卡了吗", EVE, "checkOut"],
    ["should I clock out now?", EVE, "checkOut"],
    ["要不要打下班卡", EVE, "checkOut"],
    ["现在能签到吗", NOW, "checkIn"],
    ["should I check in now", NOW, "checkIn"],
  ])("%s", (text, now, tool) => {
    const u = understand(text, ctx(now));
    expect(u).toMatchObject({ kind: "tool", tool });
    expect(u.kind === "tool" && u.confidence).toBeLessThan(0.6);
  });
});

describe("no refusal, question or report runs a state-changing tool at full confidence", () => {
  const all = [...refusals, ...stateQuestions, ...ruleQuestions, ...missedPunches.filter(([, , e]) => e !== "requestCorrection"), ...monthSlips, ...outOfScope];
  it(`holds for all ${all.length} of them`, () => {
    const acted = all.filter(([text, now]) => {
      const u = understand(text, ctx(now));
      return u.kind === "tool" && MUTATING.has(u.tool) && (u.confidence ?? 1) >= 0.6;
    });
    expect(acted.map(([t]) => t)).toEqual([]);
  });
});

