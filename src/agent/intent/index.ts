/**
 * The local bilingual intent model's understanding core: text in, the tool call (or question,
 * hold, or chat topic) it stands for out. Pure and synchronous; the LanguageModelV3 wrapper, the
 * conversation replay and the tools live elsewhere.
 *
 * Pipeline: detect language -> repair mis-hearing and regional words (hearing.ts) -> drop fillers
 * and repetitions -> normalise (width, case, contractions, number words) -> split off a
 * self-correction ("打上班卡，哦不对，是下班卡") -> extract slots (leave id, dates, month, leave type)
 * and mask them -> score templates and keyword cues -> the safety rules (guard.ts): a refused
 * action is held, a question is answered, a missed punch becomes a correction -> build the tool
 * arguments, or ask for what is missing. Nothing is filed on a guess.
 */
import { localNow, type LocalNow } from "./calendar.ts";
import { classify } from "./classify.ts";
import { actsForOther, afterSelfCorrection, asksPermission, moodOf, namedAction, negates, reportsMissedPunch, type ActionKind } from "./guard.ts";
import { hear } from "./hearing.ts";
import { detectLanguage, normalize, stripFillers, type Language } from "./language.ts";
import { asksMonthFigures, asksTodayPunches, policyTopic } from "./queries.ts";
import { correctionFrom, overtimeFrom, weekdayOnly, type CorrectionMissing, type OvertimeMissing } from "./requests.ts";
import { extractSlots, rescanDates, type Slots } from "./slots.ts";
import { punchKindChange, requestDecision } from "./follow-ups.ts";
import type { ChatTopic, IntentName, ToolName } from "./templates.ts";
import type { IntentCalendar } from "./holidays.ts";
import { findDepartment, findPerson, monthFocus, type Directory } from "./people.ts";

export type { Language } from "./language.ts";
export type { ChatTopic, ToolName } from "./templates.ts";
export type { LeaveType, LeaveStatus } from "./vocabulary.ts";
export type { ActionKind } from "./guard.ts";
export type { IntentCalendar } from "./holidays.ts";
export type { PolicyTopic } from "./queries.ts";
export type { Directory, MonthFocus } from "./people.ts";
export { parseDateRange, type DateRange, type DateOptions } from "./dates.ts";
export { parseMonth } from "./months.ts";
export { localNow } from "./calendar.ts";
export { jsgfGrammar } from "./grammar.ts";
export { negates, asks, reportsMissedPunch, actsForOther } from "./guard.ts";
export { complete } from "./complete.ts";

/** What is missing from a request, asked for in this order. */
export type Missing = "dates" | "leaveType" | CorrectionMissing | OvertimeMissing;

/** Requests that can wait for a missing part. */
export type AskingTool = "requestLeave" | "cancelLeave" | "requestCorrection" | "requestOvertime";

/** What a sentence means to the assistant. */
export type Understanding =
  /** Call `tool` with `args` (arguments exactly as DESIGN.md names them); `confidence` below 1 after repairs. */
  | { kind: "tool"; language: Language; tool: ToolName; args: Record<string, unknown>; confidence?: number }
  /** A request with something missing: ask for it, keep `partial`, and pass the reply to {@link complete}. */
  | { kind: "ask"; language: Language; missing: Missing; partial: { tool: AskingTool; args: Record<string, unknown> } }
  /** The user refused or put off `action` ("先别打卡", "don't check me out yet"): do nothing, say so. */
  | { kind: "hold"; language: Language; action: ActionKind }
  /** No tool: answer in a sentence (out of scope: say what the assistant can do). */
  | { kind: "chat"; language: Language; topic: ReplyTopic }
  /** Nothing matched: the configured LLM, if any, takes the sentence. */
  | { kind: "none"; language: Language };

/** What a sentence without a tool is answered about: a chat topic, or a request for someone else. */
export type ReplyTopic = ChatTopic | "onBehalf";

/** A question waiting for its answer. */
export type PendingAsk = Extract<Understanding, { kind: "ask" }>;

/** When and where the user speaks. */
export interface UnderstandContext {
  /** The instant of the utterance. */
  now: Date;
  /** The user's IANA time zone, e.g. "Asia/Shanghai"; "today" is computed in it. */
  timeZone: string;
  /** Working days and statutory holidays; without it, Monday to Friday and fixed-date holidays. */
  calendar?: IntentCalendar;
  /**
   * What a bare "打卡" records for the speaker now: in when their work date has no in-punch yet
   * and the shift has not ended, else out (the domain's auto rule, which the agent asks). Without
   * it, as for someone with no punch yet on the default 09:00-18:00 shift.
   */
  bareKind?: "in" | "out";
  /** The people and departments the speaker may ask about, when known. */
  directory?: Directory;
}

/** The default shift's end: a bare punch of someone with no punch yet is a check-in before it. */
const DEFAULT_SHIFT_END_MINUTES = 18 * 60;
const LEAVING = /走了|要走|先走|下班|放工|收工|回家|\b(leaving|heading (home|out|off)|going home|off work|done for (the|to) ?day|calling it a day)\b/;
const ARRIVING = /到了|来了|到公司|上班|\b(arrived|just got in|here now|starting (work|my day))\b/;

/** The actions that change records, by the kind a negation or question is judged against. */
const ACTIONS: Partial<Record<IntentName, ActionKind>> = {
  checkIn: "punchIn", checkOut: "punchOut", punch: "punch", requestLeave: "leave", cancelLeave: "cancel",
  approveLeave: "decide", rejectLeave: "decide", requestCorrection: "correction", requestOvertime: "overtime",
};

function leaveRequest(slots: Slots, language: Language): Understanding {
  const args: Record<string, unknown> = {};
  if (slots.leaveType) args.type = slots.leaveType;
  const r = slots.dates.range;
  if (r) {
    args.startDate = r.start;
    args.endDate = r.end;
    if (r.halfDay) args.halfDay = r.halfDay;
  } else if (slots.dates.halfOnly && slots.dates.halfOnly !== "unspecified") args.halfDay = slots.dates.halfOnly;
  if (slots.reason) args.reason = slots.reason;
  return finishLeave(args, language, r?.halfDayUnspecified === true);
}

/** Files the request if it is complete, else asks for the first missing part. */
export function finishLeave(given: Record<string, unknown>, language: Language, halfUnknown = false): Understanding {
  // Arguments in the order DESIGN.md lists them, whatever order the turns supplied them in.
  const args: Record<string, unknown> = {};
  for (const k of ["type", "startDate", "endDate", "halfDay", "reason"]) if (given[k] !== undefined) args[k] = given[k];
  if (!args.startDate || halfUnknown) return { kind: "ask", language, missing: "dates", partial: { tool: "requestLeave", args } };
  if (!args.type) return { kind: "ask", language, missing: "leaveType", partial: { tool: "requestLeave", args } };
  return { kind: "tool", language, tool: "requestLeave", args };
}

/** A correction or overtime request, or the question for its first missing part. */
export function finishRequest(tool: "requestCorrection" | "requestOvertime", args: Record<string, unknown>, missing: Missing | null, language: Language): Understanding {
  return missing ? { kind: "ask", language, missing, partial: { tool, args } } : { kind: "tool", language, tool, args };
}

/** Everything the builders need about one sentence. */
interface Sentence {
  s: string;
  /** The sentence as said (after repairs), for names. */
  raw: string;
  slots: Slots;
  language: Language;
  local: LocalNow;
  given: UnderstandContext;
}

function build(x: Sentence, intent: IntentName | null): Understanding {
  const { slots, language, local } = x;
  const tool = (name: ToolName, args: Record<string, unknown> = {}): Understanding => ({ kind: "tool", language, tool: name, args });
  switch (intent) {
    case null:
      return { kind: "none", language };
    case "greeting": case "thanks": case "help": case "outOfScope":
      return { kind: "chat", language, topic: intent };
    case "punch":
      // Words that say which way win ("走了走了，打卡", "放工喇"); else what an auto punch would record.
      if (LEAVING.test(x.s)) return tool("checkOut");
      if (ARRIVING.test(x.s)) return tool("checkIn");
      return tool((x.given.bareKind ?? (local.hour * 60 + local.minute < DEFAULT_SHIFT_END_MINUTES ? "in" : "out")) === "in" ? "checkIn" : "checkOut", { bare: true });
    case "checkIn": case "checkOut":
      return tool(intent);
    case "getMonthlyAttendance": {
      const employee = findPerson(x.raw, x.given.directory);
      const focus = monthFocus(x.s);
      return tool(intent, {
        month: slots.month ?? rescanDates(slots, local.today).range?.start.slice(0, 7) ?? local.today.slice(0, 7),
        ...(employee ? { employee } : {}),
        ...(focus ? { focus } : {}),
      });
    }
    case "getTeamAttendance": {
      const past = rescanDates(slots, local.today).range;
      const employee = findPerson(x.raw, x.given.directory);
      const department = findDepartment(x.s, x.given.directory);
      return tool(intent, { date: past?.start ?? local.today, ...(department ? { department } : {}), ...(employee ? { employee } : {}) });
    }
    case "requestLeave":
      return leaveRequest(slots, language);
    case "cancelLeave": {
      if (slots.leaveId !== null) return tool(intent, { leaveId: slots.leaveId });
      if (slots.dates.range) return tool(intent, { startDate: slots.dates.range.start });
      return { kind: "ask", language, missing: "dates", partial: { tool: "cancelLeave", args: {} } };
    }
    case "getLeaveBalance":
      return tool(intent, slots.leaveType ? { type: slots.leaveType } : {});
    case "listMyLeaves":
      return tool(intent, slots.status ? { status: slots.status } : {});
    case "approveLeave": case "rejectLeave":
      return tool(intent, { leaveId: slots.leaveId });
    case "requestCorrection": {
      const { args, missing } = correctionFrom(x.s, slots, local.today);
      return finishRequest("requestCorrection", args, missing, language);
    }
    case "requestOvertime": {
      const { args, missing } = overtimeFrom(x.s, slots, local.today, x.given.calendar?.isWorkday.bind(x.given.calendar) ?? weekdayOnly);
      return finishRequest("requestOvertime", args, missing, language);
    }
  }
}

const PUNCHES = new Set<IntentName>(["checkIn", "checkOut", "punch"]);

const PUNCH_ACTIONS = new Set<ActionKind>(["punchIn", "punchOut", "punch"]);
const PUNCH_INTENT: Record<string, IntentName> = { punchIn: "checkIn", punchOut: "checkOut", punch: "punch" };

/** "我现在可以打卡了吗", "should I clock out now?": the punch offered, read back for a yes, never run at once. */
function offer(x: Sentence, action: ActionKind): Understanding {
  const u = build(x, PUNCH_INTENT[action] ?? "punch");
  return u.kind === "tool" ? { ...u, confidence: OFFER_CONFIDENCE } : u;
}

/** Confidence of an action only asked about ("can I clock out now?"): low enough to be read back, never run at once. */
export const OFFER_CONFIDENCE = 0.3;

/**
 * The safety rules on a classified sentence: what may not act does not. A refusal holds the
 * action; a question is answered (the rules, today's punches, the month); a missed punch told
 * as past is a correction, never a punch now.
 */
function guarded(x: Sentence, intent: IntentName | null): Understanding {
  const { s, language } = x;
  const tool = (name: ToolName, args: Record<string, unknown> = {}): Understanding => ({ kind: "tool", language, tool: name, args });
  const topic = policyTopic(s);
  const action = intent ? ACTIONS[intent] : undefined;
  if (!action && !topic && (!intent || intent === "getTodayPunches" as IntentName)) {
    // A refusal or a question can sink every score: judge the action the words name.
    const named = namedAction(s);
    if (named && negates(s, named)) return { kind: "hold", language, action: named };
    if (named && PUNCH_ACTIONS.has(named) && asksPermission(s) && !asksTodayPunches(s)) return offer(x, named);
  }
  if (!action) {
    if ((!intent || intent === "outOfScope" || intent === "help") && actsForOther(s, x.raw)) return { kind: "chat", language, topic: "onBehalf" };
    if (topic && intent !== "getLeaveBalance") return tool("getPolicy", { topic });
    if (!intent && reportsMissedPunch(s) && !asksMonthFigures(s)) return build(x, "requestCorrection");
    if ((!intent || intent === "getMonthlyAttendance") && asksMonthFigures(s)) return build(x, "getMonthlyAttendance");
    // "我上班卡是几点打的": today's punches, unless a month is named.
    if ((!intent || intent === "getMonthlyAttendance") && asksTodayPunches(s) && !x.slots.month && !asksMonthFigures(s)) return tool("getTodayPunches");
    // "how is Wang doing this month", "李雷今天来了吗": a named person's month or day.
    if (!intent || intent === "getTeamAttendance" || intent === "help") {
      const person = findPerson(x.raw, x.given.directory);
      if (person) return build(x, x.slots.month || /这个月|本月|上个月|\bmonth\b/.test(s) ? "getMonthlyAttendance" : "getTeamAttendance");
    }
    return build(x, intent);
  }
  // "帮王小明请个假", "check in for Chen": the tools act as the user only.
  if (action !== "decide" && actsForOther(s, x.raw)) return { kind: "chat", language, topic: "onBehalf" };
  if (PUNCHES.has(intent!) || intent === "requestCorrection") {
    if (asksMonthFigures(s)) return build(x, "getMonthlyAttendance");
    if (negates(s, "correction") && intent === "requestCorrection") return { kind: "hold", language, action: "correction" };
    if (topic === "corrections" || (topic && !reportsMissedPunch(s))) return tool("getPolicy", { topic });
    if (reportsMissedPunch(s) || intent === "requestCorrection") return build(x, "requestCorrection");
  }
  const mood = moodOf(s, action);
  if (mood === "negated") return { kind: "hold", language, action };
  if (mood === "question" || topic) {
    if (topic) return tool("getPolicy", { topic });
    if (PUNCHES.has(intent!)) {
      if (asksTodayPunches(s)) return tool("getTodayPunches");
      return offer(x, action);
    }
    if (intent === "requestOvertime") return tool("getPolicy", { topic: "overtime" });
    if (intent === "requestLeave" || intent === "cancelLeave") return { kind: "chat", language, topic: "help" };
  }
  return build(x, intent);
}

/** The meaning of one normalised sentence (no self-correction left in it). */
function interpret(s: string, clean: string, language: Language, local: LocalNow, given: UnderstandContext): { u: Understanding; slots: Slots } {
  const slots = extractSlots(s, clean, local.today, { calendar: given.calendar });
  // "改成下班卡", "make that a check-out": the last punch's kind changes, nothing new is punched.
  const kind = punchKindChange(s);
  if (kind) return { u: { kind: "tool", language, tool: "changePunchKind", args: { kind } }, slots };
  const decision = requestDecision(s, slots.leaveId);
  if (decision) return { u: { kind: "tool", language, tool: decision.tool, args: { kind: decision.kind, requestId: slots.leaveId } }, slots };
  const intent = classify(slots, language).intent;
  return { u: guarded({ s, raw: clean, slots, language, local, given }, intent), slots };
}

// "打卡打卡", "check me in check me in", "我我我想请假": a repeated stretch counts once.
function collapseRepeats(s: string): string {
  return s.replace(/([\u3400-\u9fff]{2,4})\1+|([\u3400-\u9fff])\2{2,}/g, (_m, unit?: string, char?: string) => unit ?? char ?? "").replace(/\b((?:\w+\s+){1,3}?\w+)(?:\s*,?\s+\1\b)+/g, "$1");
}

/**
 * Understands one utterance (typed, or a recogniser's transcript) in English or Chinese.
 *
 * @example understand("file sick leave for today", { now, timeZone: "Asia/Shanghai" })
 * // { kind: "tool", language: "en", tool: "requestLeave", args: { type: "sick", startDate: "2026-11-26", endDate: "2026-11-26" } }
 */
export function understand(text: string, given: UnderstandContext): Understanding {
  const language = detectLanguage(text);
  const local = localNow(given.now, given.timeZone);
  const heard = hear(text);
  const clean = stripFillers(heard.text);
  const s = collapseRepeats(normalize(clean));
  const split = afterSelfCorrection(s);
  let u: Understanding;
  if (split) u = corrected(split.before, split.after, language, local, given);
  else u = interpret(s, clean, language, local, given).u;
  const doubt = heard.homophones * 0.1 + heard.nearSounds * 0.25;
  if (u.kind === "tool" && doubt > 0) return { ...u, confidence: Math.max(0.3, 1 - doubt) };
  return u;
}

/**
 * "帮我打上班卡，哦不对，是下班卡", "annual leave Monday, sorry, I meant Tuesday": the words after
 * the correction win; what they leave unsaid (the type, the dates) comes from before it.
 */
function corrected(before: string, after: string, language: Language, local: LocalNow, given: UnderstandContext): Understanding {
  const tail = interpret(after, after, language, local, given);
  const head = interpret(before, before, language, local, given);
  const t = tail.u;
  const h = head.u;
  if (h.kind !== "tool" && h.kind !== "ask") return t.kind === "none" ? h : t;
  const headTool = h.kind === "tool" ? h.tool : h.partial.tool;
  if ((t.kind === "tool" && t.tool !== headTool) || t.kind === "hold") return t;
  if (headTool !== "requestLeave") return t.kind === "tool" || t.kind === "ask" ? t : h;
  // Leave: the tail's slots replace the head's.
  const base = h.kind === "tool" ? h.args : h.partial.args;
  const r = tail.slots.dates.range;
  const args: Record<string, unknown> = { ...base };
  if (r) {
    delete args.halfDay;
    Object.assign(args, { startDate: r.start, endDate: r.end }, r.halfDay ? { halfDay: r.halfDay } : {});
  } else if (tail.slots.dates.halfOnly && tail.slots.dates.halfOnly !== "unspecified") args.halfDay = tail.slots.dates.halfOnly;
  if (tail.slots.leaveType) args.type = tail.slots.leaveType;
  return finishLeave(args, language, r?.halfDayUnspecified === true);
}

/**
 * A sentence as the safety rules read it: repaired, without fillers, normalised, and only what
 * follows a self-correction ("clock me in, no wait, check me out" is judged on "check me out").
 */
export function judgeable(text: string): string {
  const s = collapseRepeats(normalize(stripFillers(hear(text).text)));
  return afterSelfCorrection(s)?.after ?? s;
}
