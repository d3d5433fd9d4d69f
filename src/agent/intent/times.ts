/**
 * Clock times in normalised text of either language, for corrections ("八点五十到的", "I left at
 * 6:40") and overtime ("七点到十点半", "10 am to 4 pm", "9 to 5").
 *
 * Decisions: a time said with a part of the day (上午/下午/晚上/今晚, am/pm, morning/evening,
 * tonight) is read in it; 12 at noon is 12:00. Without one, the caller says which way to lean:
 * an arrival leans to the morning (1-6 read as afternoon), a departure or a workday's overtime to
 * the evening (1-11 read as afternoon), a range's end follows its start (an end not after the
 * start is read 12 hours later).
 */
import { chineseNumeral } from "./numbers.ts";

/** A clock time found in the text, "HH:MM", with where it was and whether the half of the day was said. */
export interface ClockTime {
  minutes: number;
  /** The part of the day was said (上午, pm, tonight...). */
  marked: boolean;
  index: number;
  end: number;
}

/** How to read an hour said without a part of the day. */
export type Lean = "morning" | "evening";

const NUM = "(\\d{1,2}|[零〇一二两三四五六七八九十]{1,3})";
const ZH_PM = /(?:下午|晚上|傍晚|今晚|夜里|晚|午后|中午)\s*$/;
const ZH_AM = /(?:上午|早上|早晨|清早|凌晨|早)\s*$/;
// 8点50, 八点半, 9点一刻, 九点差五分, 18:30
const ZH_TIME_RE = new RegExp(`${NUM}\\s*[点點](?:\\s*(半|一刻|1刻|三刻|3刻|整|钟|${NUM}\\s*分?)|\\s*差\\s*${NUM}\\s*分?)?`, "g");
// "at 9", "from 10 am", "9:30 pm", "6 o'clock", "nine sharp", "9 to 5".
const EN_TIME_RE =
  /(?:\b(at|from|till|until|til|to|and|by|around|about|-)\s+)?(?<![\d:/.])(\d{1,2})(?::(\d{2}))?(?![\d/.])\s*(am|pm|a\.m\.|p\.m\.|o'?\s*clock|sharp)?(?!\s*(?:st|nd|rd|th|days?|weeks?|hours?|hrs?|minutes?|mins?|times?|of|people|号|號|月|日)\b)/g;
const EN_HALF_RE = /\b(half|quarter)\s+(past|to)\s+(\d{1,2})\b/g;
function num(s: string | undefined): number | null {
  if (s === undefined) return null;
  if (/^\d+$/.test(s)) return Number(s);
  return chineseNumeral(s);
}

function zhTimes(s: string): ClockTime[] {
  const out: ClockTime[] = [];
  ZH_TIME_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ZH_TIME_RE.exec(s))) {
    const h = num(m[1]);
    if (h === null || h > 24) continue;
    // "早一点走", "快一点": a little, not one o'clock.
    if (m[1] === "一" && /[早晚快慢多少好有大小差再]$/.test(s.slice(0, m.index))) continue;
    let minute = 0;
    if (m[2] === "半") minute = 30;
    else if (m[2] === "一刻" || m[2] === "1刻") minute = 15;
    else if (m[2] === "三刻" || m[2] === "3刻") minute = 45;
    else if (m[3] !== undefined) minute = num(m[3]) ?? 0;
    let hour = h;
    if (m[4] !== undefined) {
      hour = h - 1;
      minute = 60 - (num(m[4]) ?? 0);
    }
    if (minute >= 60) continue;
    const before = s.slice(Math.max(0, m.index - 4), m.index);
    let marked = false;
    if (ZH_PM.test(before) && hour < 12) {
      hour += 12;
      marked = true;
    } else if (ZH_PM.test(before) || ZH_AM.test(before)) marked = true;
    if (/中午\s*$/.test(before) && hour >= 13 && hour < 15 && h === 12) hour = 12;
    out.push({ minutes: (hour % 24) * 60 + minute, marked: marked || hour >= 13, index: m.index, end: m.index + m[0].length });
  }
  return out;
}

function enTimes(s: string): ClockTime[] {
  const out: ClockTime[] = [];
  let m: RegExpExecArray | null;
  EN_HALF_RE.lastIndex = 0;
  while ((m = EN_HALF_RE.exec(s))) {
    const h = Number(m[3]);
    const delta = m[1] === "half" ? 30 : 15;
    out.push({ minutes: m[2] === "past" ? h * 60 + delta : h * 60 - delta, marked: false, index: m.index, end: m.index + m[0].length });
  }
  EN_TIME_RE.lastIndex = 0;
  while ((m = EN_TIME_RE.exec(s))) {
    const [, lead, hs, ms, suffix] = m;
    const index = m.index + m[0].indexOf(hs);
    const end = m.index + m[0].length;
    if (out.some((t) => index < t.end && end > t.index)) continue;
    const ranged = /^\s*(?:to|till|until|til|-)\s*\d/.test(s.slice(end));
    // A bare number is a time only where a time is expected.
    if (ms === undefined && !suffix && !lead && !ranged) continue;
    if (lead === "and" && ms === undefined && !suffix) continue;
    const h = Number(hs);
    const minute = ms === undefined ? 0 : Number(ms);
    if (h > 24 || minute >= 60) continue;
    const ampm = suffix && /^[ap]/.test(suffix) ? suffix[0] : null;
    const hour = ampm === "p" ? (h % 12) + 12 : ampm === "a" ? h % 12 : h;
    out.push({ minutes: hour * 60 + minute, marked: ampm !== null || hour >= 13, index, end });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Every clock time in the text, in order. */
export function findTimes(s: string): ClockTime[] {
  const all = [...zhTimes(s), ...enTimes(s)].sort((a, b) => a.index - b.index);
  return all.filter((t, i) => !all.slice(0, i).some((o) => t.index < o.end && t.end > o.index));
}

/** A time read the way `lean` says when its part of the day was not said. */
export function settle(t: ClockTime, lean: Lean, eveningWords: boolean): number {
  if (t.marked) return t.minutes;
  const h = Math.floor(t.minutes / 60);
  const m = t.minutes % 60;
  if (h >= 12) return t.minutes;
  if (eveningWords) return (h + 12) * 60 + m;
  if (lean === "evening") return h >= 1 && h <= 11 ? (h + 12) * 60 + m : t.minutes;
  return h >= 1 && h <= 6 ? (h + 12) * 60 + m : t.minutes;
}

/** "HH:MM" of minutes after midnight. */
export function formatClockTime(minutes: number): string {
  const h = Math.floor(minutes / 60) % 24;
  const m = minutes % 60;
  return `${h < 10 ? "0" : ""}${h}:${m < 10 ? "0" : ""}${m}`;
}

const EVENING = /晚上|今晚|傍晚|夜里|下午|\b(pm|p\.m\.|tonight|evening|this afternoon|afternoon)\b/;
const MORNING = /上午|早上|早晨|\b(am|a\.m\.|morning)\b/;

/** A from-to range of clock times ("七点到十点半", "10 am to 4 pm", "9 to 5"), or null. */
export function findTimeRange(s: string, lean: Lean): { start: string; end: string } | null {
  const times = findTimes(s);
  if (times.length < 2) return null;
  const [a, b] = times;
  const between = s.slice(a.end, b.index);
  if (!/^\s*(?:到|至|-|~|—|to|till|until|til|through|and)?\s*$/.test(between) && !/^\s*(?:,\s*)?(?:一直)?(?:到|至)\s*(?:下午|晚上|上午|中午)?\s*$/.test(between)) return null;
  const evening = !a.marked && EVENING.test(s.slice(0, a.index)) && !MORNING.test(s.slice(0, a.index));
  const h = Math.floor(a.minutes / 60);
  // Overtime after a workday starts in the evening ("7 to 9"); on a rest day "10 to 4" starts at 10.
  const start = a.marked || h >= 12 ? a.minutes : evening || (lean === "evening" ? h <= 8 : h <= 6) ? a.minutes + 12 * 60 : a.minutes;
  let end = b.minutes;
  if (!b.marked && end <= start) end += 12 * 60;
  if (end <= start || end > 24 * 60) return null;
  return { start: formatClockTime(start), end: formatClockTime(end % (24 * 60) === 0 ? 24 * 60 - 1 : end) };
}

/** The one clock time of a sentence (the first), settled by `lean`, or null. */
export function findTime(s: string, lean: Lean): string | null {
  const [t] = findTimes(s);
  if (!t) return null;
  const evening = !t.marked && EVENING.test(s) && !MORNING.test(s);
  const morning = !t.marked && MORNING.test(s);
  if (morning) return formatClockTime(t.minutes % (12 * 60));
  return formatClockTime(settle(t, lean, evening));
}
