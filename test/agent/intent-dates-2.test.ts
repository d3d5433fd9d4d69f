import { describe, expect, it } from "vitest";
import { WorkCalendar, shippedHolidayYears } from "../../src/attendance/calendar.ts";
import { understand, type IntentCalendar } from "../../src/agent/intent/index.ts";
import { check, NOW, type Case } from "./intent-harness.ts";

// Dates people say (issue 16): holidays by name and the first working day after one, the end of
// a month, 明后两天, 明早, the Monday after next, the week after next, the first Monday of next
// month, "a week from today", "从X请到Y". Holidays come from the statutory calendar the product
// ships (data/holidays), passed in as the model is given it at run time.

const entries = shippedHolidayYears().flatMap((y) => y.days);
const work = new WorkCalendar(entries);
const calendar: IntentCalendar = { isWorkday: (d) => work.isWorkday(d), entries: () => entries };
const at = (now: string) => ({ now: new Date(now), timeZone: "Asia/Shanghai", calendar });
const leave = (type: string, startDate: string, endDate = startDate, halfDay?: string) => ({ type, startDate, endDate, ...(halfDay ? { halfDay } : {}) });

const TUE = "2026-11-10T08:52:00+08:00";
const WED = "2026-11-18T08:48:00+08:00";

const cases: Record<string, Case[]> = {
  "holidays by name, and the days around them": [
    ["国庆节后第一天上班那天请年假", "2026-09-14T10:00:00+08:00", "requestLeave", leave("annual", "2026-10-08")],
    ["国庆回来那天请个事假", "2026-09-14T10:00:00+08:00", "requestLeave", leave("personal", "2026-10-08")],
    ["元旦后第一个工作日请年假", "2026-12-30T17:00:00+08:00", "requestLeave", leave("annual", "2027-01-04")],
    ["元旦前一天请个事假", "2026-12-28T09:15:00+08:00", "requestLeave", leave("personal", "2026-12-31")],
    ["五一假期结束回来那天，我想请个年假", "2026-04-29T10:00:00+08:00", "requestLeave", leave("annual", "2026-05-06")],
    ["春节后第一天上班请年假", "2026-01-10T10:00:00+08:00", "requestLeave", leave("annual", "2026-02-24")],
    ["中秋节前一天请事假", "2026-09-01T10:00:00+08:00", "requestLeave", leave("personal", "2026-09-24")],
    ["端午节后一天请年假", "2026-06-01T10:00:00+08:00", "requestLeave", leave("annual", "2026-06-22")],
    ["the first working day after National Day, annual leave", "2026-09-14T10:00:00+08:00", "requestLeave", leave("annual", "2026-10-08")],
    ["the day before New Year's, personal leave", "2026-12-28T09:15:00+08:00", "requestLeave", leave("personal", "2026-12-31")],
    ["first day back after the Spring Festival holiday, annual leave", "2026-01-10T10:00:00+08:00", "requestLeave", leave("annual", "2026-02-24")],
    ["这周六补班那天我想请个事假", "2026-05-06T09:00:00+08:00", "requestLeave", leave("personal", "2026-05-09")],
    ["put me down for annual leave on Sunday the 20th, it's a make-up workday", "2026-09-14T10:00:00+08:00", "requestLeave", leave("annual", "2026-09-20")],
  ],
  "the end of a month": [
    ["月底最后一天请年假", NOW, "requestLeave", leave("annual", "2026-11-30")],
    ["月底请一天事假", NOW, "requestLeave", leave("personal", "2026-11-30")],
    ["下个月底请年假", NOW, "requestLeave", leave("annual", "2026-12-31")],
    ["annual leave on the last day of the month", NOW, "requestLeave", leave("annual", "2026-11-30")],
    ["personal leave at the end of next month", NOW, "requestLeave", leave("personal", "2026-12-31")],
  ],
  "short forms of days": [
    ["明后两天请病假", NOW, "requestLeave", leave("sick", "2026-11-27", "2026-11-28")],
    ["明后天请年假", NOW, "requestLeave", leave("annual", "2026-11-27", "2026-11-28")],
    ["今明两天请事假", NOW, "requestLeave", leave("personal", "2026-11-26", "2026-11-27")],
    ["明早请半天假，事假", NOW, "requestLeave", leave("personal", "2026-11-27", "2026-11-27", "am")],
    ["下周前三天请年假", NOW, "requestLeave", leave("annual", "2026-11-30", "2026-12-02")],
    ["annual leave the last two days of next week", NOW, "requestLeave", leave("annual", "2026-12-03", "2026-12-04")],
  ],
  "weeks after next and the like": [
    ["annual leave the Monday after next", NOW, "requestLeave", leave("annual", "2026-12-07")],
    ["personal leave on the Friday after next", NOW, "requestLeave", leave("personal", "2026-12-11")],
    ["Tuesday of the week after next, personal leave", NOW, "requestLeave", leave("personal", "2026-12-08")],
    ["the week after next, annual leave", NOW, "requestLeave", leave("annual", "2026-12-07", "2026-12-11")],
    ["can I get the first Monday of next month off as annual leave", "2026-12-21T09:30:00+08:00", "requestLeave", leave("annual", "2027-01-04")],
    ["下个月第一个周一请年假", NOW, "requestLeave", leave("annual", "2026-12-07")],
    ["a week from today I need a personal day", WED, "requestLeave", leave("personal", "2026-11-25")],
    ["两周后的周三请年假", NOW, "requestLeave", leave("annual", "2026-12-09")],
  ],
  "this Friday and next Friday": [
    ["这周五请年假", NOW, "requestLeave", leave("annual", "2026-11-27")],
    ["下周五请年假", NOW, "requestLeave", leave("annual", "2026-12-04")],
    ["annual leave this Friday", NOW, "requestLeave", leave("annual", "2026-11-27")],
    ["annual leave next Friday", NOW, "requestLeave", leave("annual", "2026-12-04")],
  ],
  "ranges said with the verb inside": [
    ["从这周四请到下周二，年假", TUE, "requestLeave", leave("annual", "2026-11-12", "2026-11-17")],
    ["婚假从12/21请到12/23", TUE, "requestLeave", leave("marriage", "2026-12-21", "2026-12-23")],
    ["年假从下周一休到周三", NOW, "requestLeave", leave("annual", "2026-11-30", "2026-12-02")],
  ],
};

for (const [title, list] of Object.entries(cases)) {
  describe(title, () => {
    it.each(list)("%s", (text, now, expected, args) => check(understand(text, at(now)), expected, args, { strictLeave: true }));
  });
}

describe("without a calendar", () => {
  it("keeps fixed-date holidays and does not guess lunar ones", () => {
    const plain = (t: string, now: string) => understand(t, { now: new Date(now), timeZone: "Asia/Shanghai" });
    expect(plain("元旦前一天请个事假", "2026-12-28T09:15:00+08:00")).toMatchObject({ kind: "tool", args: { startDate: "2026-12-31" } });
    expect(plain("春节后第一天上班请年假", "2026-01-10T10:00:00+08:00")).toMatchObject({ kind: "ask", missing: "dates" });
  });
});
