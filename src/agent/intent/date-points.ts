/**
 * Recognisers for single date expressions ("points") in normalised text of either language.
 *
 * Each recogniser is a regular expression plus a function that turns its match into a value. The
 * scanner in dates.ts runs them in order, most specific first, and lets a match claim its span
 * only if no earlier one did, so "12月1号" is one date and not also a bare "1号".
 */
import { addMonths, dayNumber, daysInMonth, fromDayNumber, mondayOf, validDay, weekday } from "./calendar.ts";
import { EN_HOLIDAY_RE, ZH_HOLIDAY_RE, enAnchor, holidayDay, zhAnchor, type IntentCalendar } from "./holidays.ts";

/** Morning ("am"), afternoon ("pm"), or a half day whose half was not said. */
export type HalfMark = "am" | "pm" | "unspecified";

/** What one recognised expression means, before it is placed in a range. */
export type PointValue =
  /** A resolved calendar day; `yearless` when the year was inferred (a range end may roll over). */
  | { kind: "day"; day: number; yearless?: boolean; half?: HalfMark }
  /** A day of the month with no month ("1号", "the 3rd"): resolved against today or a range start. */
  | { kind: "bareDay"; dom: number; half?: HalfMark }
  /** A weekday; `weekOffset` null when no week was named ("Friday", "周五"). */
  | { kind: "weekday"; wd: number; weekOffset: number | null; half?: HalfMark }
  /** A whole week ("next week", "下周"): Monday to Friday of it. */
  | { kind: "week"; weekOffset: number }
  | { kind: "half"; half: HalfMark }
  /** A length ("three days", "两周"); `working` counts Monday to Friday only. */
  | { kind: "duration"; days: number; working: boolean };

/** Today as the recognisers see it. */
export interface PointContext {
  /** Day number of today. */
  today: number;
  year: number;
  month: number;
  /** The text contains Chinese: enables "12.1" as a date, which in English reads as a decimal. */
  zh: boolean;
  /** Working days and holidays, when known. */
  calendar?: IntentCalendar;
  /** Read holidays and the like as the most recent one. */
  past?: boolean;
  /** Day number the words are about (see DateOptions.anchor). */
  anchor?: number;
}

interface Recogniser {
  re: RegExp;
  make(m: RegExpExecArray, c: PointContext): PointValue | null;
}

/** English month words, full and abbreviated, to 1-12. */
export const MONTH_WORDS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6,
  jun: 6, july: 7, jul: 7, august: 8, aug: 8, september: 9, sept: 9, sep: 9, october: 10, oct: 10,
  november: 11, nov: 11, december: 12, dec: 12,
};
/** English weekday words to 0 (Monday) .. 6 (Sunday). "sat"/"sun" are left out: they are words. */
export const WEEKDAY_WORDS: Record<string, number> = {
  monday: 0, mon: 0, tuesday: 1, tues: 1, tue: 1, wednesday: 2, wed: 2, thursday: 3, thurs: 3,
  thur: 3, thu: 3, friday: 4, fri: 4, saturday: 5, sunday: 6,
};
const ZH_WEEKDAY: Record<string, number> = {
  一: 0, 二: 1, 三: 2, 四: 3, 五: 4, 六: 5, 日: 6, 天: 6, 七: 6,
  "1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 5, "7": 6,
};

const alt = (words: string[]) => words.sort((a, b) => b.length - a.length).join("|");
export const MONTH_RE = `(${alt(Object.keys(MONTH_WORDS))})\\.?`;
const WD_RE = `(${alt(Object.keys(WEEKDAY_WORDS))})`;
const DOM = `(\\d{1,2})(?:st|nd|rd|th)?`;
const EN_YEAR = `(?:,?\\s*(\\d{4})|\\s+(next|this|last)\\s+year)?`;
const ZH_YEAR = `(?:(\\d{4})年|(今|明|去|前|后)年)?`;
/** Chinese week qualifiers: 这周 / 本周 (0), 下周 (+1), 上周 (-1), 下下周 (+2). */
// 早上/晚上 end in 上 but name a time of day, not last week.
// "补一下周一的卡" is 一下 + 周一, not next Monday.
const ZH_WEEK_QUAL = "(?<![早晚])(?<!一(?=下))(这个|这|本|下下个|下下|下个|下|上上个|上上|上个|上)";
const ZH_MONTH_QUAL = "(这个|这|本|当|下下个|下个|下|上上个|上个|上)";

/** Offset of a Chinese week or month qualifier; 这/本/当 are the current one. */
export function zhOffset(q: string | undefined): number {
  if (!q) return 0;
  if (q.startsWith("下下")) return 2;
  if (q.startsWith("上上")) return -2;
  if (q.startsWith("下")) return 1;
  if (q.startsWith("上")) return -1;
  return 0;
}

function enOffset(q: string | undefined): number | null {
  if (!q) return null;
  if (/^(next|the following|following)$/.test(q)) return 1;
  if (/^(last|past)$/.test(q)) return -1;
  if (q === "this") return 0;
  return null;
}

/** Year said explicitly, or null when it has to be inferred. */
function explicitYear(c: PointContext, digits?: string, rel?: string): number | null {
  if (digits) return digits.length === 2 ? 2000 + Number(digits) : Number(digits);
  switch (rel) {
    case "next": case "明": return c.year + 1;
    case "this": case "今": return c.year;
    case "last": case "去": return c.year - 1;
    case "前": return c.year - 2;
    case "后": return c.year + 2;
    default: return null;
  }
}

/**
 * A month and day, in the given year or else in the year that puts it nearest today (ties go to
 * the future): in late December "January 4th" is next year's, in early January "December 28"
 * last year's.
 */
export function monthDay(c: PointContext, month: number, dom: number, year: number | null): PointValue | null {
  if (year !== null) {
    const d = validDay(year, month, dom);
    return d === null ? null : { kind: "day", day: d };
  }
  let best: number | null = null;
  for (const y of [c.year - 1, c.year, c.year + 1]) {
    const d = validDay(y, month, dom);
    if (d === null) continue;
    if (best === null || Math.abs(d - c.today) < Math.abs(best - c.today) || (Math.abs(d - c.today) === Math.abs(best - c.today) && d > best)) best = d;
  }
  return best === null ? null : { kind: "day", day: best, yearless: true };
}

function relativeMonthDay(c: PointContext, offset: number, dom: number): PointValue | null {
  const { year, month } = addMonths(c.year, c.month, offset);
  const d = validDay(year, month, dom);
  return d === null ? null : { kind: "day", day: d };
}

/** The `nth` (1-based; -1 the last) weekday `wd` of the month `delta` months from today's. */
function nthWeekday(c: PointContext, delta: number, nth: number, wd: number): PointValue | null {
  const { year, month } = addMonths(c.year, c.month, delta);
  if (nth < 0) {
    const last = dayNumber(year, month, daysInMonth(year, month));
    return { kind: "day", day: last - ((weekday(last) - wd + 7) % 7) };
  }
  const first = dayNumber(year, month, 1);
  const day = first + ((wd - weekday(first) + 7) % 7) + 7 * (nth - 1);
  return fromDayNumber(day).month === month ? { kind: "day", day } : null;
}

/** The last day of the month `delta` months from today's. */
function monthEnd(c: PointContext, delta: number): PointValue {
  const { year, month } = addMonths(c.year, c.month, delta);
  return { kind: "day", day: dayNumber(year, month, daysInMonth(year, month)) };
}

const NTH: Record<string, number> = { "1st": 1, first: 1, "2nd": 2, second: 2, "3rd": 3, third: 3, "4th": 4, fourth: 4, last: -1 };
const ZH_MONTH_DELTA = (q: string) => (/^下/.test(q) ? 1 : /^上/.test(q) ? -1 : 0);

const rel = (n: number) => (_m: RegExpExecArray, c: PointContext): PointValue => ({ kind: "day", day: c.today + n });
const count = (s: string) => (/^(a|an|one)$/.test(s) ? 1 : Number(s));

/** All recognisers, most specific first. */
export const RECOGNISERS: Recogniser[] = [
  // Holidays by name: 元旦前1天, 五一假期结束回来那天, the first working day after National Day.
  {
    re: ZH_HOLIDAY_RE,
    make: (m, c) => {
      const rest = m[0].slice(m[1].length);
      if ((m[1] === "十一" || m[1] === "五一") && !rest) return null;
      const d = holidayDay(m[1], zhAnchor(m[2], rest), c.today, c.calendar, c.past);
      return d === null ? null : { kind: "day", day: d };
    },
  },
  { re: /\bnew\s+years?\s+eve\b/g, make: (_m, c) => monthDay(c, 12, 31, null) },
  {
    re: EN_HOLIDAY_RE,
    make: (m, c) => {
      const d = holidayDay(m[4], enAnchor(m[1], m[2], m[3], m[0]), c.today, c.calendar, c.past);
      return d === null ? null : { kind: "day", day: d };
    },
  },
  // 月底, 下个月底, the end of the month, the last day of next month
  { re: /(下个?|上个?|本|这个?)?月(?:底|末)(?:最后1天|那天)?|(下个?|上个?|本|这个?)?月的?最后1天/g, make: (m, c) => monthEnd(c, ZH_MONTH_DELTA(m[1] ?? m[2] ?? "")) },
  {
    re: /\b(?:the\s+)?(?:end|last\s+day)\s+of\s+(?:the\s+)?(this|next|last|the following)?\s*month\b/g,
    make: (m, c) => monthEnd(c, m[1] === "next" || m[1] === "the following" ? 1 : m[1] === "last" ? -1 : 0),
  },
  // the first Monday of next month, 下个月第1个周一
  {
    re: new RegExp(`\\b(?:the\\s+)?(1st|first|2nd|second|3rd|third|4th|fourth|last)\\s+${WD_RE}\\s+(?:of|in)\\s+(?:the\\s+)?(this|next|the following|last)\\s+month\\b`, "g"),
    make: (m, c) => nthWeekday(c, m[3] === "this" ? 0 : m[3] === "last" ? -1 : 1, NTH[m[1]], WEEKDAY_WORDS[m[2]]),
  },
  {
    re: /(下个?|上个?|本|这个?)月(?:的)?(?:第(\d)个|最后1个)(?:周|星期|礼拜)([一二三四五六日天1-7])/g,
    make: (m, c) => nthWeekday(c, ZH_MONTH_DELTA(m[1]), m[2] ? Number(m[2]) : -1, ZH_WEEKDAY[m[3]]),
  },
  // the Monday after next, Tuesday of the week after next, the week after next on Friday
  {
    re: new RegExp(`\\b(?:the\\s+)?${WD_RE}\\s+after\\s+next\\b|\\b(?:on\\s+)?(?:the\\s+)?${WD_RE}\\s+(?:of\\s+)?(?:the\\s+)?week\\s+after\\s+next\\b|\\b(?:the\\s+)?week\\s+after\\s+next\\s*,?\\s*(?:on\\s+)?(?:the\\s+)?${WD_RE}\\b`, "g"),
    make: (m) => ({ kind: "weekday", wd: WEEKDAY_WORDS[m[1] ?? m[2] ?? m[3]], weekOffset: 2 }),
  },
  { re: /\b(?:the\s+)?week\s+after\s+next\b/g, make: () => ({ kind: "week", weekOffset: 2 }) },
  // "Wednesday the week after", "the week after, on Friday" (said after next week's date: the week after it)
  {
    re: new RegExp(`\\b(?:on\\s+)?(?:the\\s+)?${WD_RE}\\s+(?:of\\s+|in\\s+)?the\\s+week\\s+after\\b(?!\\s+next)|\\bthe\\s+week\\s+after\\s*,?\\s*(?:on\\s+)?(?:the\\s+)?${WD_RE}\\b`, "g"),
    make: (m) => ({ kind: "weekday", wd: WEEKDAY_WORDS[m[1] ?? m[2]], weekOffset: 2 }),
  },
  // 两周后的周三, Wednesday in two weeks
  {
    re: /(\d)(?:个)?(?:周|星期|礼拜)(?:以|之)?后(?:的)?(?:周|星期|礼拜)([一二三四五六日天1-7])/g,
    make: (m) => ({ kind: "weekday", wd: ZH_WEEKDAY[m[2]], weekOffset: Number(m[1]) }),
  },
  {
    re: new RegExp(`\\b${WD_RE}\\s+in\\s+(\\d)\\s+weeks?\\b|\\bin\\s+(\\d)\\s+weeks?\\s*,?\\s*on\\s+${WD_RE}\\b`, "g"),
    make: (m) => ({ kind: "weekday", wd: WEEKDAY_WORDS[m[1] ?? m[4]], weekOffset: Number(m[2] ?? m[3]) }),
  },
  // a week from today, 2 days from now (before "today" claims its word)
  { re: /\b(\d+|a|one)\s+(days?|weeks?)\s+(?:from\s+(?:now|today)|later)\b/g, make: (m, c) => ({ kind: "day", day: c.today + count(m[1]) * (m[2].startsWith("week") ? 7 : 1) }) },
  // 2026-12-01, 2026/12/1, 2026.12.01
  { re: /(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/g, make: (m, c) => monthDay(c, +m[2], +m[3], +m[1]) },
  // 2026年12月1日, 明年1月4号, 12月1号, 12月1
  {
    re: new RegExp(`${ZH_YEAR}(\\d{1,2})月份?(\\d{1,2})(?:号|號|日)?(?![\\d天个月])`, "g"),
    make: (m, c) => monthDay(c, +m[3], +m[4], explicitYear(c, m[1], m[2])),
  },
  // 下个月5号, 本月20日
  {
    re: new RegExp(`${ZH_MONTH_QUAL}月(?:的)?(\\d{1,2})(?:号|號|日)`, "g"),
    make: (m, c) => relativeMonthDay(c, zhOffset(m[1]), +m[2]),
  },
  // the 5th of next month
  {
    re: /\b(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+of\s+(this|next|last|the following)\s+month\b/g,
    make: (m, c) => relativeMonthDay(c, enOffset(m[2]) ?? 0, +m[1]),
  },
  // next month on the 5th
  {
    re: /\b(this|next|last)\s+month\s*(?:on\s+)?(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b/g,
    make: (m, c) => relativeMonthDay(c, enOffset(m[1]) ?? 0, +m[2]),
  },
  // December 1st, Dec. 1, 2026, december the 3rd next year
  {
    re: new RegExp(`\\b${MONTH_RE}\\s+(?:the\\s+)?${DOM}\\b(?!\\s*(?:days?|weeks?|/))${EN_YEAR}`, "g"),
    make: (m, c) => monthDay(c, MONTH_WORDS[m[1]], +m[2], explicitYear(c, m[3], m[4])),
  },
  // 1 December, the 1st of December
  {
    re: new RegExp(`\\b(?:the\\s+)?${DOM}\\s+(?:of\\s+)?${MONTH_RE}(?![a-z])${EN_YEAR}`, "g"),
    make: (m, c) => monthDay(c, MONTH_WORDS[m[2]], +m[1], explicitYear(c, m[3], m[4])),
  },
  // 12/1 (month first, as both US English and Chinese write it), 12/1/2026
  {
    re: /(?<![\d/])(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?(?![\d/])/g,
    make: (m, c) => monthDay(c, +m[1], +m[2], explicitYear(c, m[3])),
  },
  // 12.1 (Chinese chat style); in English text a number with a point is a decimal.
  {
    re: /(?<![\d.])(\d{1,2})\.(\d{1,2})(?![\d.])/g,
    make: (m, c) => (c.zh ? monthDay(c, +m[1], +m[2], null) : null),
  },
  // Fixed-date holidays people name instead of a date.
  { re: /\bchristmas\s+eve\b|平安夜/g, make: (_m, c) => monthDay(c, 12, 24, null) },
  { re: /\bchristmas(?:\s+day)?\b|圣诞节?/g, make: (_m, c) => monthDay(c, 12, 25, null) },
  { re: /\b(?:the\s+)?day\s+after\s+tomorrow\b/g, make: rel(2) },
  { re: /\b(?:the\s+)?day\s+before\s+yesterday\b/g, make: rel(-2) },
  { re: /\bthis\s+(morning|afternoon)\b/g, make: (m, c) => ({ kind: "day", day: c.today, half: m[1] === "morning" ? "am" : "pm" }) },
  { re: /\b(today|tonight)\b/g, make: rel(0) },
  { re: /\b(tomorrow|tomorow|tommorow|tommorrow|tmrw|tmr)\b/g, make: rel(1) },
  { re: /\byesterday\b/g, make: rel(-1) },
  {
    re: /\bin\s+(\d+|a|an|one)\s+(days?|weeks?)\b/g,
    make: (m, c) => ({ kind: "day", day: c.today + count(m[1]) * (m[2].startsWith("week") ? 7 : 1) }),
  },
  { re: /\b(\d+)\s+days?\s+ago\b/g, make: (m, c) => ({ kind: "day", day: c.today - Number(m[1]) }) },
  { re: /大后天/g, make: rel(3) },
  { re: /大前天/g, make: rel(-3) },
  { re: /后天/g, make: rel(2) },
  { re: /(?<![之以])前天/g, make: rel(-2) },
  { re: /明天|明日|明儿/g, make: rel(1) },
  { re: /今天|今日|今儿/g, make: rel(0) },
  { re: /昨天|昨日|昨儿/g, make: rel(-1) },
  { re: /(\d+)天(?:以|之)?后/g, make: (m, c) => ({ kind: "day", day: c.today + Number(m[1]) }) },
  { re: /(\d+)天(?:以|之)?前/g, make: (m, c) => ({ kind: "day", day: c.today - Number(m[1]) }) },
  // next Monday, this Friday, Monday next week, next week's Monday
  {
    re: new RegExp(`\\b(?:(this coming|coming|this|next|last|past|the following|following)\\s+)?${WD_RE}\\b(?:\\s+(?:of\\s+)?(next|this|last)\\s+week)?`, "g"),
    make: (m) => ({ kind: "weekday", wd: WEEKDAY_WORDS[m[2]], weekOffset: enOffset(m[3]) ?? enOffset(m[1]) }),
  },
  {
    re: new RegExp(`\\b(next|this|last)\\s+weeks?\\s+(?:on\\s+)?${WD_RE}\\b`, "g"),
    make: (m) => ({ kind: "weekday", wd: WEEKDAY_WORDS[m[2]], weekOffset: enOffset(m[1]) }),
  },
  // 下周一, 这个星期三, 礼拜五, 下周的周一
  {
    re: new RegExp(`(?:${ZH_WEEK_QUAL}(?:(?:周|星期|礼拜|週)的)?)?(?:周|星期|礼拜|週)([一二三四五六日天七1-7])`, "g"),
    make: (m) => ({ kind: "weekday", wd: ZH_WEEKDAY[m[2]], weekOffset: m[1] ? zhOffset(m[1]) : null }),
  },
  { re: /\b(this|next|last|the following)\s+week\b/g, make: (m) => ({ kind: "week", weekOffset: enOffset(m[1]) ?? 1 }) },
  { re: new RegExp(`${ZH_WEEK_QUAL}(?:周|星期|礼拜|週)(?![一二三四五六日天七1-7末])`, "g"), make: (m) => ({ kind: "week", weekOffset: zhOffset(m[1]) }) },
  // Half days. "good morning" and 早上好 are greetings, not half days.
  { re: /\b(1st|first|2nd|second)\s+half(?:\s+of\s+the\s+day)?\b/g, make: (m) => ({ kind: "half", half: /^(1st|first)$/.test(m[1]) ? "am" : "pm" }) },
  { re: /\b(?:a\s+)?half\s+(?:a\s+)?day\b|\bhalf\b/g, make: () => ({ kind: "half", half: "unspecified" }) },
  { re: /(?<!\bgood\s)\b(?:in\s+the\s+)?(morning|afternoon)\b/g, make: (m) => ({ kind: "half", half: m[1] === "morning" ? "am" : "pm" }) },
  { re: /(上午|早上|早晨|上半天|下午|午后|下半天)(?!好)/g, make: (m) => ({ kind: "half", half: /^(上|早)/.test(m[1]) ? "am" : "pm" }) },
  { re: /半天|半日|半个工作日/g, make: () => ({ kind: "half", half: "unspecified" }) },
  // 12号, 3日: a day of this (or next) month. Counted after 12月1号 so it never splits one.
  { re: /(?<![\d月.:/])(\d{1,2})(?:号|號|日)/g, make: (m) => ({ kind: "bareDay", dom: +m[1] }) },
  // "the 3rd", "on 3rd", "from 3rd to 5th", "1st to the 3rd": an ordinal alone is a date only after "the" or a word
  // that asks for one. A bare "first" ("do that first", a mis-heard "for Thursday") is not, so a
  // leave is never filed for the 1st on a word that never named a day.
  {
    re: /(?:\bthe\s+|(?<=\b(?:on|from|to|till|until|through|thru|and|between)\s+)|\b(?=\d{1,2}(?:st|nd|rd|th)\s*(?:to|till|until|through|thru|-|and)\s*(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\b))(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:times?|half|leave|request|application))/g,
    make: (m) => ({ kind: "bareDay", dom: +m[1] }),
  },
  // Durations: "for three days", "2 working days", "a week", 三天, 两个工作日, 一周
  { re: /\ba\s+couple\s+(?:of\s+)?days\b/g, make: () => ({ kind: "duration", days: 2, working: false }) },
  {
    re: /\b(?:for\s+)?(\d+|a|an|one)\s+(?:full\s+|whole\s+)?(working\s+|work\s+|business\s+)?(days?|weeks?)\b/g,
    make: (m) => ({ kind: "duration", days: count(m[1]) * (m[3].startsWith("week") ? (m[2] ? 5 : 7) : 1), working: !!m[2] }),
  },
  {
    re: /(\d+)(?:个)?(?:整)?(工作日|天|周|星期|礼拜)/g,
    make: (m) => ({ kind: "duration", days: Number(m[1]) * (m[2] === "天" || m[2] === "工作日" ? 1 : 7), working: m[2] === "工作日" }),
  },
];

/** Day number of weekday `wd` in the week `offset` weeks from today's (weeks start on Monday). */
export function weekdayInWeek(today: number, wd: number, offset: number): number {
  return mondayOf(today) + 7 * offset + wd;
}

/** Day number of day-of-month `dom` in the month of day `ref` plus `delta` months, or null. */
export function domInMonth(ref: number, dom: number, delta: number): number | null {
  const r = fromDayNumber(ref);
  const { year, month } = addMonths(r.year, r.month, delta);
  return validDay(year, month, dom);
}

export { dayNumber };
