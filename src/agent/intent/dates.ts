/**
 * Date understanding for leave and attendance requests, in English and Chinese.
 *
 * Decisions (each is a place where people disagree; the choice is written down so the replies
 * can say what was understood):
 * - Weeks run Monday to Sunday. "next Monday" / "下周一" is the Monday of next week, even when
 *   said on a Sunday; "this Friday" / "Friday" / "周五" without a week is the next such day on or
 *   after today ("这周五" / "本周五" is the Friday of this week, even if past).
 * - A day of the month alone ("1号", "the 3rd") is in this month if not yet past, else next month.
 * - A month and day without a year ("January 4th", "12月1号") is the occurrence nearest today:
 *   in late December "January 4th" is next year's.
 * - A week said anywhere in the phrase places the weekdays said without one: "next week, Monday
 *   through Friday", "下周的周一到周三", "Tuesday to Thursday next week" are all in next week.
 * - A range may be marked at either end: "1月11号开始，到4月18号", "1月11号起，4月18号止/结束",
 *   "starting January 11th, ending April 18th", "up to and including".
 * - "December 1 to 3", "12月1号到3号": the end takes the start's month; an end before the start
 *   rolls into the next month (or year, or week for a weekday). An end that still precedes the
 *   start is dropped and the request is for the start day alone.
 * - A duration counts calendar days from the start ("明天开始请三天" = tomorrow and the two days
 *   after), unless working days are said ("3 working days", "3个工作日": Monday to Friday only).
 *   "a week" is 7 calendar days; "next week" alone is its Monday to Friday.
 * - A half day applies only to a single-day request; "half a day" without morning or afternoon
 *   is reported as `halfDayUnspecified` so the caller asks which half instead of guessing.
 * - "X and the day after" / "X and the next day" / "X和第二天" / "X及次日" is X and the day after it;
 *   "X and the next 3 days" is X and the three days after it ("the day after tomorrow" stays a day).
 * - With `prefer: "past"` (who was absent on Monday?) a bare weekday or day of month is the most
 *   recent one on or before today.
 */
import { formatDay, fromDayNumber, mondayOf, parseDay, validDay, weekday } from "./calendar.ts";
import { RECOGNISERS, domInMonth, weekdayInWeek, type HalfMark, type PointContext, type PointValue } from "./date-points.ts";
import type { IntentCalendar } from "./holidays.ts";
import { normalize } from "./language.ts";

/** A span of days the user named. */
export interface DateRange {
  /** First day, "YYYY-MM-DD". */
  start: string;
  /** Last day, "YYYY-MM-DD"; equal to `start` for one day. */
  end: string;
  /** Morning or afternoon only; set only when start equals end and a half was said. */
  halfDay?: "am" | "pm";
  /** "half a day" was said without saying which half. */
  halfDayUnspecified?: true;
}

/** How to read expressions that could mean a past or a future day. */
export interface DateOptions {
  /** "future" (default, leave requests) or "past" (questions about what happened). */
  prefer?: "future" | "past";
  /** Working days and holidays ("国庆节后第一天上班"); without it, weekends and fixed-date holidays. */
  calendar?: IntentCalendar;
  /**
   * A day the words are about ("YYYY-MM-DD"), e.g. the leave just filed when the user amends it:
   * a weekday said without a week ("make it Thursday") is the one in that day's week.
   */
  anchor?: string;
}

/** Everything a scan found, including where, so the caller can mask it out of the sentence. */
export interface DateScan {
  range: DateRange | null;
  /** Character spans [start, end) of every date expression used, in the scanned text. */
  spans: Array<[number, number]>;
  /** A half day was said with no day ("in the afternoon"): a follow-up may fill it in. */
  halfOnly?: HalfMark;
  /** A length was said with no start ("三天"): the dates are still missing. */
  durationOnly?: boolean;
}

interface Point {
  index: number;
  end: number;
  v: PointValue;
}

// A range is a start, an optional start marker ("1月11号开始", "starting Jan 11"), an end word
// before the end ("到", "until", "ending") or an end marker after it ("4月18号结束", "止", "为止").
const START_MARK = "(?:开始|起|starting|onwards?)";
const END_WORD =
  "(?:-+|~|to|through|thru|till|until|til|up\\s+to(?:\\s+and\\s+including)?|(?:and\\s+)?(?:ending|ends?|finishing)(?:\\s+on)?|到|至|一直到|直到|截止到|截至|截止|止于)";
// "从这周四请到下周二": the verb may sit before the end word.
const ZH_VERB = "(?:请假?|休假?|休息|放假?|歇)?";
const CONNECTOR_RE = new RegExp(
  `^\\s*(?:,\\s*)?(?:${START_MARK}\\s*(?:,\\s*)?)?(?:(?:(?:then|and)\\s+)?${ZH_VERB}${END_WORD}|and|和|跟|与|及)\\s*(?:on\\s+)?(?:the\\s+)?$`,
);
// "1月11号开始，4月18号结束": no end word between, an end marker after.
const MARK_ONLY_RE = new RegExp(`^\\s*(?:,\\s*)?(?:${START_MARK}\\s*)?(?:,\\s*)?$`);
const END_MARK_RE = /^\s*(?:结束|为止|止|截止|(?:inclusive|included)\b)/;
const BARE_END_RE = new RegExp(
  `^\\s*(?:${START_MARK}\\s*(?:,\\s*)?)?${ZH_VERB}${END_WORD}\\s*(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th|号|號|日)?(?![\\d/.:])(?!\\s*(?:days?|weeks?|天|月|个|周|times?|点|号))`,
);
// "下周一二": a second weekday right after the first ends a range.
const ZH_WEEKDAY_END_RE = /^\s*[、,和到至~-]?\s*([一二三四五六日天])(?![号日月天周])/;
// "tomorrow and the day after", "Monday and the following day", "明天和第二天", "3号及次日":
// the end is counted from the start; "and the day after tomorrow" is a date of its own.
const RELATIVE_END_RE = new RegExp(
  "^\\s*(?:,\\s*)?(?:(?:and|plus|&)\\s+(?:also\\s+)?(?:the\\s+)?(?:" +
    "(?:next|following)\\s+(\\d{1,2})\\s+days|(\\d{1,2})\\s+days\\s+(?:after|following)(?:\\s+(?:that|it))?" +
    "|(?:day\\s+after|next\\s+day|following\\s+day|day\\s+following|day\\s+after\\s+(?:that|it))" +
    ")\\b(?!\\s+(?:tomorrow|tomorow|tommorow|tommorrow|tmrw|tmr)\\b)(?:\\s+(?:too|as\\s+well|also))?" +
    "|(?:和|及|以及|跟|与|加上?|连同|还有)\\s*(?:第2天|次日|后1天|后面1天|隔天|第2日|翌日))",
);
const ZH_WD: Record<string, number> = { 一: 0, 二: 1, 三: 2, 四: 3, 五: 4, 六: 5, 日: 6, 天: 6 };
const ATTACH_RE = /^\s*(?:in\s+the|on\s+the|on|of|the|,|的)?\s*$/;

function isDateish(p: Point): boolean {
  return p.v.kind === "day" || p.v.kind === "bareDay" || p.v.kind === "weekday";
}

function findPoints(s: string, c: PointContext): Point[] {
  const points: Point[] = [];
  for (const r of RECOGNISERS) {
    r.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = r.re.exec(s))) {
      if (m[0].length === 0) {
        r.re.lastIndex++;
        continue;
      }
      const index = m.index;
      const end = index + m[0].length;
      if (points.some((p) => index < p.end && end > p.index)) continue;
      const v = r.make(m, c);
      if (v) points.push({ index, end, v });
    }
  }
  return points.sort((a, b) => a.index - b.index);
}

/** Gives each half-day mark to the date right before it ("明天下午") or right after it. */
function attachHalves(s: string, points: Point[]): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (p.v.kind !== "half") {
      out.push(p);
      continue;
    }
    const prev = out[out.length - 1];
    const next = points[i + 1];
    const target =
      prev && isDateish(prev) && ATTACH_RE.test(s.slice(prev.end, p.index)) ? prev
      : next && isDateish(next) && ATTACH_RE.test(s.slice(p.end, next.index)) ? next
      : null;
    const half = p.v.half;
    const tv = target?.v;
    if (target && tv && (tv.kind === "day" || tv.kind === "bareDay" || tv.kind === "weekday") && (!tv.half || tv.half === "unspecified")) {
      target.v = { ...tv, half };
      if (target === prev) prev.end = Math.max(prev.end, p.end);
      else target.index = Math.min(target.index, p.index);
    } else out.push(p);
  }
  return out;
}

/**
 * A week said anywhere in the phrase ("next week, Monday through Friday", "下周的周一到周三",
 * "Tuesday to Thursday next week") places the weekdays said without one in that week. Two
 * different weeks ("this Friday and next week") leave them alone.
 */
function scopeWeekdays(points: Point[]): Point[] {
  const weeks = new Set(points.flatMap((p) => (p.v.kind === "week" ? [p.v.weekOffset] : [])));
  if (weeks.size !== 1) return points;
  const [offset] = weeks;
  for (const p of points) if (p.v.kind === "weekday" && p.v.weekOffset === null) p.v = { ...p.v, weekOffset: offset };
  return points;
}

/** "Monday through Friday next week": a range start without a week takes its end's, when that keeps it first. */
function sameWeekAs(start: PointValue, end: PointValue): PointValue {
  if (start.kind !== "weekday" || start.weekOffset !== null || end.kind !== "weekday" || end.weekOffset === null) return start;
  return start.wd <= end.wd ? { ...start, weekOffset: end.weekOffset } : start;
}

/** Day number a point stands for; `ref` is the range start when the point is a range end. */
function resolve(v: PointValue, c: PointContext, prefer: "future" | "past", ref?: number): number | null {
  switch (v.kind) {
    case "day": {
      if (ref !== undefined && v.yearless && v.day < ref) {
        const d = fromDayNumber(v.day);
        return validDay(d.year + 1, d.month, d.day);
      }
      return v.day;
    }
    case "bareDay": {
      const base = ref ?? c.today;
      if (ref === undefined && prefer === "past") {
        const d = domInMonth(base, v.dom, 0);
        return d !== null && d <= base ? d : domInMonth(base, v.dom, -1);
      }
      const d = domInMonth(base, v.dom, 0);
      return d !== null && d >= base ? d : domInMonth(base, v.dom, 1);
    }
    case "weekday": {
      if (v.weekOffset !== null) return weekdayInWeek(c.today, v.wd, v.weekOffset);
      if (ref === undefined && c.anchor !== undefined) {
        const inWeek = mondayOf(c.anchor) + v.wd;
        if (inWeek >= c.today) return inWeek;
      }
      const base = ref ?? c.today;
      if (ref === undefined && prefer === "past") return base - ((weekday(base) - v.wd + 7) % 7);
      return base + ((v.wd - weekday(base) + 7) % 7);
    }
    default:
      return null;
  }
}

function addWorkingDays(start: number, days: number): number {
  let d = start;
  let left = weekday(d) < 5 ? days - 1 : days;
  while (left > 0) {
    d++;
    if (weekday(d) < 5) left--;
  }
  return d;
}

function halfOf(v: PointValue): HalfMark | undefined {
  return v.kind === "day" || v.kind === "bareDay" || v.kind === "weekday" ? v.half : undefined;
}

function makeRange(start: number, end: number, half: HalfMark | undefined): DateRange {
  const r: DateRange = { start: formatDay(start), end: formatDay(end) };
  if (start !== end || !half) return r;
  if (half === "unspecified") r.halfDayUnspecified = true;
  else r.halfDay = half;
  return r;
}

/**
 * Finds the dates in already normalised text (see {@link normalize}) relative to `today`
 * ("YYYY-MM-DD"), with the spans they occupy.
 */
export function scanDates(s: string, today: string, options: DateOptions = {}): DateScan {
  const prefer = options.prefer ?? "future";
  const t = parseDay(today);
  const td = fromDayNumber(t);
  const c: PointContext = { today: t, year: td.year, month: td.month, zh: /[\u3400-\u9fff]/.test(s), calendar: options.calendar, past: prefer === "past", anchor: options.anchor ? parseDay(options.anchor) : undefined };
  const points = scopeWeekdays(attachHalves(s, findPoints(s, c)));
  const spans: Array<[number, number]> = points.map((p) => [p.index, p.end]);
  const dateish = points.filter(isDateish);
  const halves = points.filter((p) => p.v.kind === "half").map((p) => (p.v as { half: HalfMark }).half);
  const looseHalf = halves.find((h) => h !== "unspecified") ?? halves[0];
  const duration = points.find((p) => p.v.kind === "duration")?.v as { days: number; working: boolean } | undefined;

  for (let i = 0; i < dateish.length; i++) {
    const a = dateish[i];
    const b = dateish[i + 1];
    let endValue: PointValue | null = null;
    let endPos = 0;
    const between = b ? s.slice(a.end, b.index) : "";
    const endMark = b ? END_MARK_RE.exec(s.slice(b.end)) : null;
    if (b && (CONNECTOR_RE.test(between) || (endMark && MARK_ONLY_RE.test(between)))) {
      endValue = b.v;
      endPos = b.end + (endMark ? endMark[0].length : 0);
    } else if (a.v.kind === "weekday" && ZH_WEEKDAY_END_RE.test(s.slice(a.end))) {
      const m = ZH_WEEKDAY_END_RE.exec(s.slice(a.end)) as RegExpExecArray;
      endValue = { kind: "weekday", wd: ZH_WD[m[1]], weekOffset: null };
      endPos = a.end + m[0].length;
    } else if (RELATIVE_END_RE.test(s.slice(a.end))) {
      const m = RELATIVE_END_RE.exec(s.slice(a.end)) as RegExpExecArray;
      const start = resolve(a.v, c, prefer);
      if (start === null) continue;
      spans.push([a.index, a.end + m[0].length]);
      return { range: makeRange(start, start + Number(m[1] ?? m[2] ?? 1), undefined), spans };
    } else {
      const m = BARE_END_RE.exec(s.slice(a.end));
      if (m && !points.some((p) => p.index >= a.end && p.index < a.end + m[0].length)) {
        endValue = { kind: "bareDay", dom: Number(m[1]) };
        endPos = a.end + m[0].length;
      }
    }
    if (!endValue) continue;
    const start = resolve(sameWeekAs(a.v, endValue), c, prefer);
    if (start === null) continue;
    const endRaw = resolve(endValue, c, prefer, start);
    const end = endRaw !== null && endRaw >= start ? endRaw : start;
    spans.push([a.index, endPos]);
    return { range: makeRange(start, end, halfOf(a.v) ?? halfOf(endValue) ?? looseHalf), spans };
  }

  if (dateish.length > 0) {
    const p = dateish[0];
    const start = resolve(p.v, c, prefer);
    if (start !== null) {
      let end = start;
      if (duration && duration.days > 1) end = duration.working ? addWorkingDays(start, duration.days) : start + duration.days - 1;
      return { range: makeRange(start, end, halfOf(p.v) ?? looseHalf), spans };
    }
  }

  const week = points.find((p) => p.v.kind === "week")?.v as { weekOffset: number } | undefined;
  // "next week" is its working week; "next week, three days" does not say which three.
  if (week && !(duration && duration.days < 5)) {
    const monday = weekdayInWeek(t, 0, week.weekOffset);
    return { range: makeRange(monday, monday + 4, undefined), spans };
  }
  return {
    range: null,
    spans,
    ...(looseHalf ? { halfOnly: looseHalf } : {}),
    ...(duration || week ? { durationOnly: true } : {}),
  };
}

/**
 * The day or days named in `text` (any language, raw user text), relative to `today`
 * ("YYYY-MM-DD", the user's local date), or null when no date is named.
 *
 * @example parseDateRange("12月1号到3号", "2026-11-26") // { start: "2026-12-01", end: "2026-12-03" }
 * @example parseDateRange("tomorrow afternoon", "2026-11-26") // { start: "2026-11-27", end: "2026-11-27", halfDay: "pm" }
 */
export function parseDateRange(text: string, today: string, options: DateOptions = {}): DateRange | null {
  return scanDates(normalize(text), today, options).range;
}

/** Months live in months.ts; re-exported so the date module answers both questions. */
export { parseMonth } from "./months.ts";
