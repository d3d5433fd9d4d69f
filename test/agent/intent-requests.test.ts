import { describe, expect, it } from "vitest";
import { normalize } from "../../src/agent/intent/language.ts";
import { findTime, findTimeRange } from "../../src/agent/intent/times.ts";
import { describeCases, type Case } from "./intent-harness.ts";

// Correction requests (补卡) and overtime (加班) from the rules issue, understood with their day,
// kind and clock times in both languages; what is missing is asked for, never guessed.

const TUE = "2026-11-10T10:30:00+08:00"; // Tuesday
const WED = "2026-11-18T11:20:00+08:00"; // Wednesday
const EVE = "2026-11-10T17:40:00+08:00";

const corrections: Case[] = [
  ["昨天早上忘打卡了，其实我八点五十就到了，帮我补个卡", TUE, "requestCorrection", { date: "2026-11-09", kind: "in", time: "08:50" }],
  ["上周五走的时候忘了签退，差不多六点半走的，帮我申请补卡", TUE, "requestCorrection", { date: "2026-11-06", kind: "out", time: "18:30" }],
  ["11月3号上班卡漏打了，九点差五分到的，帮忙补一下", TUE, "requestCorrection", { date: "2026-11-03", kind: "in", time: "08:55" }],
  ["我昨天忘打下班卡了，六点走的，帮我补一下", TUE, "requestCorrection", { date: "2026-11-09", kind: "out", time: "18:00" }],
  ["帮我补一下周一的下班卡，七点走的", WED, "requestCorrection", { date: "2026-11-16", kind: "out", time: "19:00" }],
  ["补卡，昨天上班卡，8点40", TUE, "requestCorrection", { date: "2026-11-09", kind: "in", time: "08:40" }],
  ["帮我补个签到，昨天九点到的", TUE, "requestCorrection", { date: "2026-11-09", kind: "in", time: "09:00" }],
  ["前天的下班卡没打上，我是晚上七点一刻走的", TUE, "requestCorrection", { date: "2026-11-08", kind: "out", time: "19:15" }],
  ["I forgot to clock out yesterday, I left at 6", TUE, "requestCorrection", { date: "2026-11-09", kind: "out", time: "18:00" }],
  ["yesterday I walked in at 8:45 but the punch never registered, please put in a correction for it", WED, "requestCorrection", { date: "2026-11-17", kind: "in", time: "08:45" }],
  ["I left at 6:40 on Monday evening and forgot to check out, could you request a fix", WED, "requestCorrection", { date: "2026-11-16", kind: "out", time: "18:40" }],
  ["missing punch on November 12th, I came in at nine sharp, please submit a correction", WED, "requestCorrection", { date: "2026-11-12", kind: "in", time: "09:00" }],
  ["I forgot to clock in on Monday, I got in at a quarter to nine", WED, "requestCorrection", { date: "2026-11-16", kind: "in", time: "08:45" }],
  ["fix my clock out for yesterday, I left at half past six", WED, "requestCorrection", { date: "2026-11-17", kind: "out", time: "18:30" }],
  // something missing: asked for, in order (day, kind, time)
  ["我想补卡", TUE, "ask:date", {}],
  ["昨天的下班卡能补吗", TUE, "ask:time", { date: "2026-11-09", kind: "out" }],
  ["我昨天忘打卡了", TUE, "ask:punchKind", { date: "2026-11-09" }],
  ["I need a punch correction", TUE, "ask:date", {}],
  ["I forgot to check in yesterday", TUE, "ask:time", { date: "2026-11-09", kind: "in" }],
];

const overtime: Case[] = [
  ["这周六要回公司加班，早上九点到下午三点，帮我报个加班，调休", TUE, "requestOvertime", { date: "2026-11-14", start: "09:00", end: "15:00", compensation: "leave" }],
  ["今晚要OT，七点到十点半，帮我提个申请，要加班费", "2026-11-10T14:30:00+08:00", "requestOvertime", { date: "2026-11-10", start: "19:00", end: "22:30", compensation: "pay" }],
  ["I'll be working overtime this Saturday from 10 am to 4 pm, please file it as comp time", WED, "requestOvertime", { date: "2026-11-21", start: "10:00", end: "16:00", compensation: "leave" }],
  ["log overtime for tonight, 7 pm till 9:30 pm, we're doing the server migration", WED, "requestOvertime", { date: "2026-11-18", start: "19:00", end: "21:30" }],
  ["I need to request overtime pay for working on October 3rd during the National Day holiday, 9 to 5", "2026-09-28T10:00:00+08:00", "requestOvertime", { date: "2026-10-03", start: "09:00", end: "17:00", compensation: "pay" }],
  ["log overtime tonight from 7 to 9 pm", EVE, "requestOvertime", { date: "2026-11-10", start: "19:00", end: "21:00" }],
  ["我周六加班了，十点到下午四点，换调休", WED, "requestOvertime", { date: "2026-11-14", start: "10:00", end: "16:00", compensation: "leave" }],
  ["明天加班从早上十点到下午两点，帮我报一下", TUE, "requestOvertime", { date: "2026-11-11", start: "10:00", end: "14:00" }],
  ["帮我登记今天晚上的加班，6点半到9点", TUE, "requestOvertime", { date: "2026-11-10", start: "18:30", end: "21:00" }],
  ["put in overtime for yesterday, 6 to 8 pm", WED, "requestOvertime", { date: "2026-11-17", start: "18:00", end: "20:00" }],
  ["帮我报个加班", TUE, "ask:date", {}],
  ["帮我报一下今晚的加班", EVE, "ask:timeRange", { date: "2026-11-10" }],
  ["I want to log overtime for Saturday", TUE, "ask:timeRange", { date: "2026-11-14" }],
];

describeCases("a missed punch becomes a correction request with its day, kind and time", corrections);
describeCases("overtime is requested with its day, hours and compensation", overtime);

describe("clock times", () => {
  const time = (s: string, lean: "morning" | "evening") => findTime(normalize(s), lean);
  const range = (s: string, lean: "morning" | "evening") => findTimeRange(normalize(s), lean);
  it("reads Chinese and English times", () => {
    expect(time("八点五十就到了", "morning")).toBe("08:50");
    expect(time("九点差五分到的", "morning")).toBe("08:55");
    expect(time("九点一刻", "morning")).toBe("09:15");
    expect(time("六点半走的", "evening")).toBe("18:30");
    expect(time("十八点三十", "morning")).toBe("18:30");
    expect(time("I came in at nine sharp", "morning")).toBe("09:00");
    expect(time("half past six", "evening")).toBe("18:30");
    expect(time("quarter to nine", "morning")).toBe("08:45");
    expect(time("I left at 6:40 on Monday evening", "morning")).toBe("18:40");
    expect(time("at 7:15 pm", "morning")).toBe("19:15");
  });

  it("does not read a little, a count or a date as a time", () => {
    expect(time("我早一点走", "evening")).toBeNull();
    expect(time("I have 3 days left", "morning")).toBeNull();
    expect(time("on the 3rd", "morning")).toBeNull();
  });

  it("reads ranges, leaning as the day says", () => {
    expect(range("今晚七点到十点半", "evening")).toEqual({ start: "19:00", end: "22:30" });
    expect(range("早上九点到下午三点", "evening")).toEqual({ start: "09:00", end: "15:00" });
    expect(range("十点到四点", "morning")).toEqual({ start: "10:00", end: "16:00" });
    expect(range("7 to 9", "evening")).toEqual({ start: "19:00", end: "21:00" });
    expect(range("9 to 5", "morning")).toEqual({ start: "09:00", end: "17:00" });
    expect(range("from 10 am to 4 pm", "evening")).toEqual({ start: "10:00", end: "16:00" });
    expect(range("7 pm till 9:30 pm", "morning")).toEqual({ start: "19:00", end: "21:30" });
  });
});
