/**
 * The rules issue's requests: a correction of a missed punch (补卡: which day, in or out, what
 * time) and overtime (which day, from when to when, paid or as time off). Like leave, nothing is
 * filed on a guess: a missing day, kind or time is asked for.
 */
import { parseDay, weekday } from "./calendar.ts";
import type { Slots } from "./slots.ts";
import { rescanDates } from "./slots.ts";
import { findTime, findTimeRange } from "./times.ts";

/** In or out. */
export type PunchKind = "in" | "out";

const OUT_WORDS =
  /下班卡|签退|下班|走的|走了|离开|晚上|傍晚|\b(clock(?:ed|ing)? out|check(?:ed|ing)? out|sign(?:ed|ing)? out|punch(?:ed|ing)? out|left|leaving|went home|go home|evening|departure)\b/;
const IN_WORDS =
  /上班卡|签到|上班|到的|来的|到了|进公司|早上|上午|早晨|\b(clock(?:ed|ing)? in|check(?:ed|ing)? in|sign(?:ed|ing)? in|punch(?:ed|ing)? in|came in|come in|walked in|got in|arrived|arrival|morning)\b/;

/** Which punch a sentence is about: the words for one side, the first one said when both are. */
export function punchKindOf(s: string): PunchKind | null {
  const o = OUT_WORDS.exec(s);
  const i = IN_WORDS.exec(s);
  if (o && i) {
    // "忘打下班卡了，六点走的" is out; "上班卡漏打了，九点到的" in: the kind of punch named wins.
    if (/下班卡|签退|clock(?:ed|ing)? out|check(?:ed|ing)? out|sign(?:ed|ing)? out/.test(s) && !/上班卡|签到|clock(?:ed|ing)? in|check(?:ed|ing)? in/.test(s)) return "out";
    if (/上班卡|签到|clock(?:ed|ing)? in|check(?:ed|ing)? in/.test(s) && !/下班卡|签退|clock(?:ed|ing)? out|check(?:ed|ing)? out/.test(s)) return "in";
    return o.index < i.index ? "out" : "in";
  }
  return o ? "out" : i ? "in" : null;
}

/** What is still needed for a correction, in the order it is asked. */
export type CorrectionMissing = "date" | "punchKind" | "time";

/** A correction request from one sentence: the arguments found, and the first missing part. */
export function correctionFrom(s: string, slots: Slots, today: string): { args: Record<string, unknown>; missing: CorrectionMissing | null } {
  const args: Record<string, unknown> = {};
  const range = rescanDates(slots, today).range;
  if (range && range.start <= today) args.date = range.start;
  const kind = punchKindOf(s) ?? (range?.halfDay === "am" ? "in" : range?.halfDay === "pm" ? "out" : null);
  if (kind) args.kind = kind;
  const time = findTime(s, kind === "out" ? "evening" : "morning");
  if (time) args.time = time;
  if (slots.reason) args.reason = slots.reason;
  const missing: CorrectionMissing | null = !args.date ? "date" : !args.kind ? "punchKind" : !args.time ? "time" : null;
  return { args: ordered(args, ["date", "kind", "time", "reason"]), missing };
}

/** What is still needed for overtime. */
export type OvertimeMissing = "date" | "timeRange";

const LEAVE_COMP = /调休|补休|换休|倒休|\b(comp(?:ensatory)? (?:time|leave|day|days)|comp time|time off in lieu|in lieu|toil|as (?:leave|time off|comp time))\b/;
const PAY_COMP = /加班费|算钱|折现|发钱|给钱|\b(overtime pay|paid|pay(?:ment)?|money|cash)\b/;
const TONIGHT = /今晚|今天晚上|今儿晚上|\btonight\b|\bthis evening\b/;

/**
 * An overtime request from one sentence. The day is the one said, or today when only tonight or
 * times are said; a workday's hours lean to the evening, a rest day's to the day.
 */
export function overtimeFrom(
  s: string,
  slots: Slots,
  today: string,
  isWorkday: (date: string) => boolean,
): { args: Record<string, unknown>; missing: OvertimeMissing | null } {
  const args: Record<string, unknown> = {};
  // "我周六加班了", "I worked overtime on Saturday": overtime already done is in the past.
  const done = /加班了|加过班|加了班|\b(worked|did|stayed|have worked|had)\b/.test(s);
  const range = done ? rescanDates(slots, today).range : slots.dates.range;
  let date = range?.start ?? null;
  if (!date && (TONIGHT.test(s) || /\d\s*(点|:|am|pm)|\b(at|from) \d/.test(s))) date = today;
  if (date) args.date = date;
  const times = findTimeRange(s, date && !isWorkday(date) ? "morning" : "evening");
  if (times) {
    args.start = times.start;
    args.end = times.end;
  }
  if (PAY_COMP.test(s)) args.compensation = "pay";
  else if (LEAVE_COMP.test(s)) args.compensation = "leave";
  if (slots.reason) args.reason = slots.reason;
  const missing: OvertimeMissing | null = !args.date ? "date" : !args.start ? "timeRange" : null;
  return { args: ordered(args, ["date", "start", "end", "compensation", "reason"]), missing };
}

/** Monday to Friday, when no calendar is known. */
export function weekdayOnly(date: string): boolean {
  return weekday(parseDay(date)) < 5;
}

function ordered(args: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (args[k] !== undefined) out[k] = args[k];
  return out;
}
