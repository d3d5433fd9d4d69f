import { describe, expect, it } from "vitest";
import { localNow } from "../../src/agent/intent/calendar.ts";
import { parseDateRange } from "../../src/agent/intent/dates.ts";
import { parseMonth } from "../../src/agent/intent/months.ts";
import { chineseNumeral, englishNumbersToDigits } from "../../src/agent/intent/numbers.ts";
import { parseMonth as parseMonthFromIndex } from "../../src/agent/intent/index.ts";

// Thursday 26 November 2026, as in the evaluation set.
const THU = "2026-11-26";
// Wednesday 30 December 2026: year boundary ahead.
const DEC30 = "2026-12-30";
// Monday 4 January 2027: year boundary behind.
const JAN4 = "2027-01-04";
// Monday 16 November 2026: "next week" and "this week" seen from their first day.
const MON16 = "2026-11-16";

type Case = [text: string, today: string, start: string | null, end?: string, half?: "am" | "pm"];

const cases: Case[] = [
  // relative days
  ["today", THU, "2026-11-26"], ["tomorrow", THU, "2026-11-27"], ["yesterday", THU, "2026-11-25"],
  ["the day after tomorrow", THU, "2026-11-28"], ["the day before yesterday", THU, "2026-11-24"],
  ["in 3 days", THU, "2026-11-29"], ["in a week", THU, "2026-12-03"],
  ["今天", THU, "2026-11-26"], ["明天", THU, "2026-11-27"], ["后天", THU, "2026-11-28"], ["昨天", THU, "2026-11-25"],
  ["大后天", THU, "2026-11-29"], ["前天", THU, "2026-11-24"], ["三天后", THU, "2026-11-29"],
  // weekdays: weeks run Monday to Sunday; "next X" is X of next week
  ["next Monday", THU, "2026-11-30"], ["this Friday", THU, "2026-11-27"], ["Friday", THU, "2026-11-27"],
  ["Monday", THU, "2026-11-30"], ["Thursday", THU, "2026-11-26"], ["next Friday", THU, "2026-12-04"],
  ["last Monday", THU, "2026-11-16"], ["Monday next week", THU, "2026-11-30"], ["next week Wednesday", THU, "2026-12-02"],
  ["下周一", THU, "2026-11-30"], ["下周三", THU, "2026-12-02"], ["周五", THU, "2026-11-27"], ["星期三", THU, "2026-12-02"],
  ["礼拜三", THU, "2026-12-02"], ["这周一", THU, "2026-11-23"], ["本周五", THU, "2026-11-27"], ["下个星期二", THU, "2026-12-01"],
  ["下下周一", THU, "2026-12-07"], ["上周五", THU, "2026-11-20"], ["周日", THU, "2026-11-29"], ["下周的周一", THU, "2026-11-30"],
  ["next Monday", DEC30, "2027-01-04"], ["下周五", DEC30, "2027-01-08"],
  // absolute dates
  ["December 1st", THU, "2026-12-01"], ["Dec 1", THU, "2026-12-01"], ["Dec. 1", THU, "2026-12-01"], ["1 December", THU, "2026-12-01"],
  ["the 1st of December", THU, "2026-12-01"], ["december the third", THU, "2026-12-03"], ["December twenty first", THU, "2026-12-21"],
  ["12/1", THU, "2026-12-01"], ["2026-12-01", THU, "2026-12-01"], ["2026/12/1", THU, "2026-12-01"], ["December 1, 2027", THU, "2027-12-01"],
  ["12月1号", THU, "2026-12-01"], ["12月1日", THU, "2026-12-01"], ["十二月一号", THU, "2026-12-01"], ["十二月二十五日", THU, "2026-12-25"],
  ["十二月廿五", THU, "2026-12-25"], ["2027年1月4日", THU, "2027-01-04"], ["明年1月4号", THU, "2027-01-04"], ["二〇二七年一月四日", THU, "2027-01-04"],
  // a day of the month alone: this month, or next month once past
  ["1号", THU, "2026-12-01"], ["30号", THU, "2026-11-30"], ["26号", THU, "2026-11-26"], ["the 3rd", THU, "2026-12-03"], ["三十一号", THU, "2026-12-31"],
  ["下个月5号", THU, "2026-12-05"], ["本月28号", THU, "2026-11-28"], ["the 5th of next month", THU, "2026-12-05"],
  // year boundaries: a month and day without a year is the nearest one
  ["January 4th", DEC30, "2027-01-04"], ["Jan 2", DEC30, "2027-01-02"], ["1月4号", DEC30, "2027-01-04"], ["一月四号", DEC30, "2027-01-04"],
  ["下个月5号", DEC30, "2027-01-05"], ["3号", DEC30, "2027-01-03"], ["December 28", JAN4, "2026-12-28"], ["12月31号", JAN4, "2026-12-31"],
  ["Christmas", THU, "2026-12-25"], ["new year's day", DEC30, "2027-01-01"], ["元旦", DEC30, "2027-01-01"],
  // ranges
  ["from December 1st to December 3rd", THU, "2026-12-01", "2026-12-03"], ["December 1 to 3", THU, "2026-12-01", "2026-12-03"],
  ["Dec 1-3", THU, "2026-12-01", "2026-12-03"], ["1st to the 3rd", THU, "2026-12-01", "2026-12-03"],
  ["December 1 through December 5", THU, "2026-12-01", "2026-12-05"], ["Monday through Wednesday", THU, "2026-11-30", "2026-12-02"],
  ["from tomorrow until Tuesday", THU, "2026-11-27", "2026-12-01"], ["between Dec 7 and Dec 9", THU, "2026-12-07", "2026-12-09"],
  ["12/21 - 12/23", THU, "2026-12-21", "2026-12-23"], ["Dec 30 to Jan 2", DEC30, "2026-12-30", "2027-01-02"],
  ["12月1号到3号", THU, "2026-12-01", "2026-12-03"], ["从12月7号到12月11号", THU, "2026-12-07", "2026-12-11"],
  ["12月1日至12月3日", THU, "2026-12-01", "2026-12-03"], ["这周四到下周二", THU, "2026-11-26", "2026-12-01"],
  ["下周一到周三", THU, "2026-11-30", "2026-12-02"], ["一号到三号", THU, "2026-12-01", "2026-12-03"], ["12.1-12.3请假", THU, "2026-12-01", "2026-12-03"],
  ["1月4号到8号", DEC30, "2027-01-04", "2027-01-08"], ["12月30号到1月2号", DEC30, "2026-12-30", "2027-01-02"], ["周五到下周二", THU, "2026-11-27", "2026-12-01"],
  // durations count calendar days from the start, unless working days are said
  ["for three days starting Monday", THU, "2026-11-30", "2026-12-02"], ["明天开始请三天", THU, "2026-11-27", "2026-11-29"],
  ["tomorrow for 2 days", THU, "2026-11-27", "2026-11-28"], ["3 working days from Friday", THU, "2026-11-27", "2026-12-01"],
  ["明天开始三个工作日", THU, "2026-11-27", "2026-12-01"], ["下周一一天", THU, "2026-11-30", "2026-11-30"],
  ["从下周一开始请一周", THU, "2026-11-30", "2026-12-06"], ["next week", THU, "2026-11-30", "2026-12-04"], ["下周", THU, "2026-11-30", "2026-12-04"],
  // half days
  ["tomorrow afternoon", THU, "2026-11-27", "2026-11-27", "pm"], ["tomorrow morning", THU, "2026-11-27", "2026-11-27", "am"],
  ["this afternoon", THU, "2026-11-26", "2026-11-26", "pm"], ["the morning of December 2nd", THU, "2026-12-02", "2026-12-02", "am"],
  ["Friday in the afternoon", THU, "2026-11-27", "2026-11-27", "pm"], ["first half of December 3rd", THU, "2026-12-03", "2026-12-03", "am"],
  ["明天上午", THU, "2026-11-27", "2026-11-27", "am"], ["今天下午", THU, "2026-11-26", "2026-11-26", "pm"],
  ["12月24号下午", THU, "2026-12-24", "2026-12-24", "pm"], ["下周一早上", THU, "2026-11-30", "2026-11-30", "am"],
  ["明天上午请半天", THU, "2026-11-27", "2026-11-27", "am"],
  // a week said anywhere in the phrase places its bare weekdays (Monday 16 November as today)
  ["next week, Monday through Friday", MON16, "2026-11-23", "2026-11-27"], ["next week Monday to Wednesday", MON16, "2026-11-23", "2026-11-25"],
  ["Tuesday to Thursday next week", MON16, "2026-11-24", "2026-11-26"], ["this week, Wednesday through Friday", MON16, "2026-11-18", "2026-11-20"],
  ["下周的周一到周三", MON16, "2026-11-23", "2026-11-25"], ["下周，周二到周四", MON16, "2026-11-24", "2026-11-26"],
  ["下周周三到周五", MON16, "2026-11-25", "2026-11-27"], ["这周四到周五", MON16, "2026-11-19", "2026-11-20"],
  ["周五到下周二", MON16, "2026-11-20", "2026-11-24"], ["Friday to next Tuesday", MON16, "2026-11-20", "2026-11-24"],
  // start and end markers
  ["从1月11号开始，到4月18号", THU, "2027-01-11", "2027-04-18"], ["12月7号开始，12月9号结束", THU, "2026-12-07", "2026-12-09"],
  ["12月1号起至12月4号止", THU, "2026-12-01", "2026-12-04"], ["从明天起到周五为止", MON16, "2026-11-17", "2026-11-20"],
  ["12月1号起到5号", THU, "2026-12-01", "2026-12-05"], ["starting January 11th, ending April 18th", THU, "2027-01-11", "2027-04-18"],
  ["December 1 up to and including December 4", THU, "2026-12-01", "2026-12-04"], ["December 14 and ending December 18", THU, "2026-12-14", "2026-12-18"],
  ["从12月1号开始", THU, "2026-12-01", "2026-12-01"], ["明天，后天", THU, "2026-11-27", "2026-11-27"],
  // no date
  ["check me in", THU, null], ["我想请假", THU, null], ["three days", THU, null], ["good morning", THU, null],
  // an ordinal with no "the" and no word asking for a date names no day ("for Thursday" mis-heard as "for first")
  ["sick leave for first", THU, null], ["check me out first", THU, null],
  ["on 3rd", THU, "2026-12-03", "2026-12-03"], ["leave for the 1st", THU, "2026-12-01", "2026-12-01"],
];

describe("parseDateRange", () => {
  it.each(cases)("%s (today %s) -> %s", (text, today, start, end, half) => {
    const r = parseDateRange(text, today);
    if (start === null) {
      expect(r).toBeNull();
      return;
    }
    expect(r).toMatchObject({ start, end: end ?? start });
    expect(r?.halfDay).toBe(half);
  });

  it("reports a half day said without its half, instead of guessing", () => {
    expect(parseDateRange("half day tomorrow", THU)).toEqual({ start: "2026-11-27", end: "2026-11-27", halfDayUnspecified: true });
    expect(parseDateRange("明天请半天假", THU)).toMatchObject({ halfDayUnspecified: true });
  });

  it("drops the half of a multi-day range", () => {
    expect(parseDateRange("from Monday afternoon to Wednesday", THU)).toEqual({ start: "2026-11-30", end: "2026-12-02" });
  });

  it("does not read greetings as half days", () => {
    expect(parseDateRange("good morning, sick leave today", THU)).toEqual({ start: "2026-11-26", end: "2026-11-26" });
    expect(parseDateRange("早上好，今天请病假", THU)).toEqual({ start: "2026-11-26", end: "2026-11-26" });
  });

  it("reads bare weekdays and days as past ones when asked to", () => {
    expect(parseDateRange("Monday", THU, { prefer: "past" })?.start).toBe("2026-11-23");
    expect(parseDateRange("20号", THU, { prefer: "past" })?.start).toBe("2026-11-20");
    expect(parseDateRange("28号", THU, { prefer: "past" })?.start).toBe("2026-10-28");
  });

  it("rejects days that do not exist", () => {
    expect(parseDateRange("February 30", THU)).toBeNull();
    expect(parseDateRange("2月30号", THU)).toBeNull();
  });

  it("keeps an ISO date with a decimal-looking English number apart", () => {
    expect(parseDateRange("12.1 to 12.3", THU)).toBeNull();
  });
});

describe("parseMonth", () => {
  const months: Array<[string, string, string | null]> = [
    ["this month", THU, "2026-11"], ["last month", THU, "2026-10"], ["next month", THU, "2026-12"],
    ["the month before last", THU, "2026-09"], ["September", THU, "2026-09"], ["sept", THU, "2026-09"],
    ["in May", THU, "2026-05"], ["May I take leave", THU, null], ["October 2025", THU, "2025-10"],
    ["march last year", THU, "2025-03"], ["December", THU, "2025-12"], ["December", DEC30, "2026-12"],
    ["last month", JAN4, "2026-12"], ["上个月", JAN4, "2026-12"], ["十二月", JAN4, "2026-12"], ["next month", DEC30, "2027-01"],
    ["本月", DEC30, "2026-12"], ["这个月", THU, "2026-11"], ["上个月", THU, "2026-10"], ["下个月", THU, "2026-12"],
    ["上上个月", THU, "2026-09"], ["十月", THU, "2026-10"], ["10月", THU, "2026-10"], ["十月份", THU, "2026-10"],
    ["2025年10月", THU, "2025-10"], ["去年12月", THU, "2025-12"], ["12月1号", THU, null], ["check me in", THU, null],
  ];
  it.each(months)("%s (today %s) -> %s", (text, today, month) => {
    expect(parseMonth(text, today)).toBe(month);
  });

  it("is exported from the intent index too", () => {
    expect(parseMonthFromIndex("上个月", THU)).toBe("2026-10");
  });
});

describe("numbers", () => {
  it.each([
    ["一", 1], ["两", 2], ["十", 10], ["十二", 12], ["二十", 20], ["二十五", 25], ["廿五", 25], ["三十一", 31], ["一百二十", 120], ["二〇二六", 2026],
  ] as Array<[string, number]>)("%s is %d", (s, n) => expect(chineseNumeral(s)).toBe(n));

  it("spells English numbers as digits, keeping ordinals ordinal", () => {
    expect(englishNumbersToDigits("december twenty first for three days")).toBe("december 21st for 3 days");
    expect(englishNumbersToDigits("approve leave thirty four")).toBe("approve leave 34");
    expect(englishNumbersToDigits("no one is here")).toBe("no one is here");
  });
});

describe("localNow", () => {
  it("computes today in the user's time zone, not the host's", () => {
    // 2026-11-26T20:30Z is already the 27th in Shanghai.
    expect(localNow(new Date("2026-11-26T20:30:00Z"), "Asia/Shanghai")).toEqual({ today: "2026-11-27", hour: 4, minute: 30 });
    expect(localNow(new Date("2026-11-26T20:30:00Z"), "America/New_York").today).toBe("2026-11-26");
  });
});
