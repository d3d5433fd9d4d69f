/**
 * Holidays said by name instead of a date: "元旦前一天", "五一假期结束回来那天", "国庆节后第一天上班那天",
 * "the first working day after National Day", "the day before New Year's". The statutory calendar
 * (data/holidays, or HR's import) says which days each holiday takes off; without it the fixed-date
 * holidays keep their usual days and the lunar ones are not guessed.
 */
import { dayNumber, formatDay, fromDayNumber, parseDay, weekday } from "./calendar.ts";

/** One statutory entry: a day off of a named holiday, or a make-up working day. */
export interface HolidayEntry {
  name: string;
  date: string;
  isOffDay: boolean;
}

/** What the intent model knows of the working calendar. */
export interface IntentCalendar {
  /** Whether `date` ("YYYY-MM-DD") is a working day (statutory days off and make-up days included). */
  isWorkday(date: string): boolean;
  /** The statutory entries it has, any years. */
  entries(): readonly HolidayEntry[];
}

/** Canonical holiday names, as the statutory data spells them, with what people call them. */
const NAMES: Array<{ name: string; zh: string; en: string; fixed?: [month: number, day: number, days: number] }> = [
  { name: "元旦", zh: "元旦", en: "new years?(?: day)?|new year", fixed: [1, 1, 1] },
  { name: "春节", zh: "春节|过年|大年初一", en: "spring festival|(?:chinese|lunar) new year" },
  { name: "清明", zh: "清明节?", en: "qingming(?: festival)?|tomb[- ]sweeping(?: day)?" },
  { name: "劳动节", zh: "五一|劳动节", en: "labou?r day|may day", fixed: [5, 1, 5] },
  { name: "端午", zh: "端午节?", en: "dragon boat(?: festival)?" },
  { name: "国庆", zh: "十一|国庆节?", en: "national day|golden week", fixed: [10, 1, 7] },
  { name: "中秋", zh: "中秋节?", en: "mid[- ]?autumn(?: festival)?|moon festival" },
];

const ZH_NAMES = NAMES.map((n) => n.zh).join("|");
const EN_NAMES = NAMES.map((n) => n.en).join("|");
const ZH_AFTER = "(?:假期|长假|小长假|节|黄金周|放假)?(?:的)?(?:(?:假期)?(?:结束|放完|过完|休完)?(?:之后|以后|过后|后|完)?(?:回来|回公司)?(?:的)?(?:第1个工作日|第1天上班|上班(?:的)?第1天|上班(?:那天|的那天)|开工(?:那天)?|复工(?:那天)?|回来(?:上班)?(?:那天|的那天)?|第1天))";
/** "元旦前1天", "国庆节后第1个工作日", "五一假期结束回来那天" (numerals already digits). */
export const ZH_HOLIDAY_RE = new RegExp(
  `(${ZH_NAMES})(?:(?:假期|长假|节)?(?:的)?(前1天|前一天|前|后1天|后一天)|${ZH_AFTER}(?:那天|的那天|那1天)?)?(?![月号日\\d])`,
  "g",
);
/** "the first working day after national day", "the day before new year's", "christmas" is in date-points. */
export const EN_HOLIDAY_RE = new RegExp(
  `\\b(?:(?:the\\s+)?(?:(1st|first)\\s+(?:working|work|business)\\s+day|(1st|first)\\s+day\\s+back|day|day\\s+back)\\s+(after|before|following)\\s+(?:the\\s+)?)?(${EN_NAMES})(?:\\s+(?:holidays?|break|festival))?\\b`,
  "g",
);

function nameOf(said: string): (typeof NAMES)[number] | null {
  for (const n of NAMES) if (new RegExp(`^(?:${n.zh}|${n.en})$`).test(said)) return n;
  return null;
}

/** The days off of holiday `name` in `year`: from the calendar, else its fixed days, else null. */
function period(name: (typeof NAMES)[number], year: number, calendar: IntentCalendar | undefined): [number, number] | null {
  const days = (calendar?.entries() ?? [])
    .filter((e) => e.isOffDay && e.name.includes(name.name) && e.date.startsWith(String(year)))
    .map((e) => parseDay(e.date))
    .sort((a, b) => a - b);
  if (days.length) return [days[0], days[days.length - 1]];
  if (calendar?.entries().some((e) => e.date.startsWith(String(year)))) return null;
  if (!name.fixed) return null;
  const [m, d, n] = name.fixed;
  const start = dayNumber(year, m, d);
  return [start, start + n - 1];
}

/** Whether day number `n` is a working day. */
function workday(n: number, calendar: IntentCalendar | undefined): boolean {
  return calendar ? calendar.isWorkday(formatDay(n)) : weekday(n) < 5;
}

/** Which day of a holiday was meant: its first day off, the day before or after it, or the first working day back. */
export type HolidayAnchor = "start" | "dayBefore" | "dayAfter" | "firstWorkday";

/**
 * Day number for holiday `said` and `anchor`, in the year that keeps it ahead of `today` (or
 * behind it, with `past`), or null when the holiday's days are not known.
 */
export function holidayDay(said: string, anchor: HolidayAnchor, today: number, calendar: IntentCalendar | undefined, past = false): number | null {
  const name = nameOf(said);
  if (!name) return null;
  const year = fromDayNumber(today).year;
  const years = past ? [year, year - 1] : [year, year + 1];
  for (const y of years) {
    const p = period(name, y, calendar);
    if (!p) continue;
    const day = anchorDay(p, anchor, calendar);
    if (past ? day <= today : p[1] >= today || day >= today) return day;
  }
  return null;
}

function anchorDay([start, end]: [number, number], anchor: HolidayAnchor, calendar: IntentCalendar | undefined): number {
  switch (anchor) {
    case "start": return start;
    case "dayBefore": return start - 1;
    case "dayAfter": return end + 1;
    case "firstWorkday": {
      let d = end + 1;
      while (!workday(d, calendar) && d < end + 30) d++;
      return d;
    }
  }
}

/** The anchor of a Chinese holiday phrase's tail ("前1天", "后第1个工作日", "回来那天"). */
export function zhAnchor(tail: string | undefined, rest: string): HolidayAnchor {
  if (tail && tail.startsWith("前")) return "dayBefore";
  if (tail && tail.startsWith("后")) return "dayAfter";
  if (rest && /第1个工作日|上班|开工|复工|回来|第1天/.test(rest)) return "firstWorkday";
  return "start";
}

/** The anchor of an English holiday phrase ("the first working day after", "the day before"). */
export function enAnchor(firstWork: string | undefined, firstBack: string | undefined, relation: string | undefined, whole: string): HolidayAnchor {
  if (!relation) return "start";
  if (relation === "before") return "dayBefore";
  if (firstWork || firstBack || /day\s+back/.test(whole)) return "firstWorkday";
  return "dayAfter";
}
