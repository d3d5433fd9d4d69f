/**
 * Month understanding for attendance questions: "last month", "September", "上个月", "十月份".
 *
 * A month named without a year ("September", "10月") is the most recent such month that is not
 * in the future: attendance questions look back, so in January "December" is last year's, and in
 * November "December" is last December, not a month that has not happened yet.
 */
import { addMonths, formatMonth, fromDayNumber, parseDay } from "./calendar.ts";
import { MONTH_RE, MONTH_WORDS, zhOffset } from "./date-points.ts";
import { normalize } from "./language.ts";

/** A month found in normalised text, with its span. */
export interface MonthScan {
  /** "YYYY-MM". */
  month: string;
  index: number;
  end: number;
}

interface MonthRecogniser {
  re: RegExp;
  make(m: RegExpExecArray, year: number, month: number): string | null;
}

const relative = (year: number, month: number, delta: number) => {
  const r = addMonths(year, month, delta);
  return formatMonth(r.year, r.month);
};

const EN_REL: Record<string, number> = {
  this: 0, current: 0, "the current": 0, last: -1, previous: -1, past: -1, "the last": -1,
  "the previous": -1, "the past": -1, next: 1, "the following": 1, "the next": 1, "the coming": 1, coming: 1,
};

/** A named month in the year given, or the latest one not after the current month. */
function named(month: number, curYear: number, curMonth: number, year: number | null, qualifier?: string): string {
  if (year !== null) return formatMonth(year, month);
  if (qualifier === "next") return formatMonth(month > curMonth ? curYear : curYear + 1, month);
  if (qualifier === "last") return formatMonth(month < curMonth ? curYear : curYear - 1, month);
  if (qualifier === "this") return formatMonth(curYear, month);
  return formatMonth(month > curMonth ? curYear - 1 : curYear, month);
}

function yearOf(curYear: number, digits?: string, rel?: string): number | null {
  if (digits) return Number(digits);
  if (rel === "last" || rel === "去") return curYear - 1;
  if (rel === "this" || rel === "今") return curYear;
  if (rel === "next" || rel === "明") return curYear + 1;
  if (rel === "前") return curYear - 2;
  return null;
}

const RECOGNISERS: MonthRecogniser[] = [
  { re: /\b(?:the\s+)?month\s+before\s+last\b/g, make: (_m, y, mo) => relative(y, mo, -2) },
  // "two months back", "3 months ago", 两个月前
  { re: /\b(\d{1,2}|a)\s+months?\s+(?:back|ago|before)\b/g, make: (m, y, mo) => relative(y, mo, -(m[1] === "a" ? 1 : Number(m[1]))) },
  { re: /(\d{1,2})个月(?:以|之)?前/g, make: (m, y, mo) => relative(y, mo, -Number(m[1])) },
  {
    re: /\b(this|current|the current|last|previous|past|the last|the previous|the past|next|the following|the next|the coming|coming)\s+month(?:s|'s)?\b/g,
    make: (m, y, mo) => relative(y, mo, EN_REL[m[1]]),
  },
  {
    // "may" is a month only after a preposition ("in May"); otherwise it is the verb.
    re: new RegExp(`\\b(?:(last|this|next)\\s+)?(?:(?<=\\b(?:in|for|of|during|about)\\s)may|(?!may\\b)${MONTH_RE})(?![a-z])(?!\\s+(?:the\\s+)?\\d{1,2}(?!\\d))(?:,?\\s+(\\d{4})|\\s+(last|this|next)\\s+year)?`, "g"),
    make: (m, y, mo) => named(MONTH_WORDS[m[2] ?? "may"], y, mo, yearOf(y, m[3], m[4]), m[1]),
  },
  { re: /上上个?月/g, make: (_m, y, mo) => relative(y, mo, -2) },
  { re: /下下个?月/g, make: (_m, y, mo) => relative(y, mo, 2) },
  { re: /(这个|这|本|当|上个|上|下个|下)月/g, make: (m, y, mo) => relative(y, mo, zhOffset(m[1])) },
  {
    re: /(?:(\d{4})年|(今|去|明|前)年)?(\d{1,2})月(?:份)?(?!\d)/g,
    make: (m, y, mo) => {
      const month = Number(m[3]);
      return month >= 1 && month <= 12 ? named(month, y, mo, yearOf(y, m[1], m[2])) : null;
    },
  },
];

/** Finds the first month expression in normalised text, relative to `today` ("YYYY-MM-DD"). */
export function scanMonth(s: string, today: string): MonthScan | null {
  const { year, month } = fromDayNumber(parseDay(today));
  let best: MonthScan | null = null;
  for (const r of RECOGNISERS) {
    r.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = r.re.exec(s))) {
      if (best && m.index >= best.index) break;
      const value = r.make(m, year, month);
      if (value) best = { month: value, index: m.index, end: m.index + m[0].length };
      break;
    }
  }
  return best;
}

/**
 * The month named in `text` (raw user text, either language) as "YYYY-MM", relative to `today`
 * ("YYYY-MM-DD"), or null. A month followed by a day ("12月1号") is a date, not a month.
 *
 * @example parseMonth("上个月", "2027-01-10") // "2026-12"
 * @example parseMonth("show me September", "2026-11-26") // "2026-09"
 */
export function parseMonth(text: string, today: string): string | null {
  return scanMonth(normalize(text), today)?.month ?? null;
}
