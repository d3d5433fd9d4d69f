import { describeCases, EVE, NOW, type Case } from "./intent-harness.ts";

// Kinds of the third round: acting for someone else (the tools act as the user only), questions
// about today's punches and the rules that named a month or a number, one figure of a month.
// Nearby sentences whose meaning must not change are listed beside each kind.

describeCases("a request for someone else is not done as the user", [
  ["帮王小明请个假，明天病假", NOW, "chat:onBehalf"],
  ["替小李打个卡", NOW, "chat:onBehalf"],
  ["给小张签个到吧", NOW, "chat:onBehalf"],
  ["帮他请两天事假", NOW, "chat:onBehalf"],
  ["帮我同事请个病假", NOW, "chat:onBehalf"],
  ["你帮我老婆请个假", NOW, "chat:onBehalf"],
  ["替他签退", EVE, "chat:onBehalf"],
  ["帮陈静补个卡，她昨天忘打了", NOW, "chat:onBehalf"],
  ["代老刘打一下下班卡", EVE, "chat:onBehalf"],
  ["给实习生请一天事假", NOW, "chat:onBehalf"],
  ["check in for Chen please", NOW, "chat:onBehalf"],
  ["can you clock out for Li, he forgot", EVE, "chat:onBehalf"],
  ["file sick leave for my colleague tomorrow", NOW, "chat:onBehalf"],
  ["please check him in, he is stuck in traffic", NOW, "chat:onBehalf"],
  ["book her a day off tomorrow, annual leave", NOW, "chat:onBehalf"],
  ["submit a leave request for my teammate for Friday", NOW, "chat:onBehalf"],
  ["request personal leave for Wang on Monday", NOW, "chat:onBehalf"],
  // the user's own requests stay theirs
  ["帮我打卡", NOW, "checkIn"],
  ["帮忙签个到", NOW, "checkIn"],
  ["给我签个退", EVE, "checkOut"],
  ["给领导请个假，明天事假", NOW, "requestLeave", { type: "personal", startDate: "2026-11-27" }],
  ["因为他请假了，我明天得加班，帮我打卡", NOW, "checkIn"],
  ["check in for work please", NOW, "checkIn"],
  ["file annual leave for Dec 1", NOW, "requestLeave", { type: "annual", startDate: "2026-12-01" }],
  ["file sick leave for Friday", NOW, "requestLeave", { type: "sick", startDate: "2026-11-27" }],
  ["I need paternity leave for my wife's delivery starting Monday", NOW, "requestLeave", { type: "paternity", startDate: "2026-11-30" }],
  ["clock me out for the day", EVE, "checkOut"],
]);

describeCases("today's punches, the rules, one figure of a month", [
  ["我上班卡是几点打的", EVE, "getTodayPunches"],
  ["我下班卡几点打的来着", EVE, "getTodayPunches"],
  ["一个月能补几次卡", NOW, "getPolicy", { topic: "corrections" }],
  ["每个月可以补几次卡啊", NOW, "getPolicy", { topic: "corrections" }],
  ["did I miss any punches last month", NOW, "getMonthlyAttendance", { month: "2026-10", focus: "missing" }],
  ["did I miss a punch this month", NOW, "getMonthlyAttendance", { month: "2026-11", focus: "missing" }],
  ["how many times did I forget to punch out in October", NOW, "getMonthlyAttendance", { month: "2026-10", focus: "missing" }],
  ["我上个月迟到了几次", NOW, "getMonthlyAttendance", { month: "2026-10", focus: "late" }],
  ["这个月早退几次了", NOW, "getMonthlyAttendance", { month: "2026-11", focus: "early" }],
  ["我10月份有几天没打卡", NOW, "getMonthlyAttendance", { month: "2026-10", focus: "missing" }],
  // a month named stays a month
  ["我这个月考勤怎么样", NOW, "getMonthlyAttendance", { month: "2026-11" }],
]);

describeCases("'the week after' with a weekday is the week after next", [
  ["sick leave Wednesday the week after", NOW, "requestLeave", { type: "sick", startDate: "2026-12-09" }],
  ["annual leave on Friday of the week after", NOW, "requestLeave", { type: "annual", startDate: "2026-12-11" }],
  ["the week after, on Monday, personal leave", NOW, "requestLeave", { type: "personal", startDate: "2026-12-07" }],
  // the week after next stays as it was
  ["annual leave Tuesday of the week after next", NOW, "requestLeave", { type: "annual", startDate: "2026-12-08" }],
]);

describeCases("near-sounds of 'in' do not reach other words", [
  ["check my inbox", NOW, "nomut"],
  ["check my end of month report", NOW, "nomut"],
  ["check me and my team", NOW, "nomut"],
]);
