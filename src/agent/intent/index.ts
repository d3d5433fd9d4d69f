/**
 * The local bilingual intent model's understanding core: text in, the tool call (or question,
 * or chat topic) it stands for out. Pure and synchronous; the LanguageModelV3 wrapper and the
 * tools live elsewhere.
 *
 * Pipeline: detect language -> drop fillers ("um", 嗯, 那个) -> normalise (width, case,
 * contractions, number words) -> extract slots (leave id, dates, month, leave type) and mask
 * them -> score templates and keyword cues -> build the tool arguments, or ask for what is missing. Nothing is filed on a guess: a leave
 * request without dates, or without a type, or with "half a day" but no half, is a question.
 */
import { localNow, type LocalNow } from "./calendar.ts";
import { classify } from "./classify.ts";
import { detectLanguage, normalize, stripFillers, type Language } from "./language.ts";
import { extractSlots, rescanDates, type Slots } from "./slots.ts";
import type { ChatTopic, ToolName } from "./templates.ts";
import { findLeaveType } from "./vocabulary.ts";

export type { Language } from "./language.ts";
export type { ChatTopic, ToolName } from "./templates.ts";
export type { LeaveType, LeaveStatus } from "./vocabulary.ts";
export { parseDateRange, type DateRange, type DateOptions } from "./dates.ts";
export { parseMonth } from "./months.ts";
export { localNow } from "./calendar.ts";
export { jsgfGrammar } from "./grammar.ts";

/** What a sentence means to the assistant. */
export type Understanding =
  /** Call `tool` with `args` (arguments exactly as DESIGN.md names them). */
  | { kind: "tool"; language: Language; tool: ToolName; args: Record<string, unknown> }
  /** A request with something missing: ask for it, keep `partial`, and pass the reply to {@link complete}. */
  | {
      kind: "ask";
      language: Language;
      missing: "dates" | "leaveType";
      partial: { tool: "requestLeave" | "cancelLeave"; args: Record<string, unknown> };
    }
  /** No tool: answer in a sentence (out of scope: say what the assistant can do). */
  | { kind: "chat"; language: Language; topic: ChatTopic }
  /** Nothing matched: the configured LLM, if any, takes the sentence. */
  | { kind: "none"; language: Language };

/** A question waiting for its answer. */
export type PendingAsk = Extract<Understanding, { kind: "ask" }>;

/** When and where the user speaks. */
export interface UnderstandContext {
  /** The instant of the utterance. */
  now: Date;
  /** The user's IANA time zone, e.g. "Asia/Shanghai"; "today" is computed in it. */
  timeZone: string;
}

// A bare "打卡" / "punch me" is an in-punch before the shift midpoint (13:30), an out-punch after,
// exactly as the attendance rules classify punches.
const SHIFT_MIDPOINT_MINUTES = 13 * 60 + 30;

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
function finishLeave(given: Record<string, unknown>, language: Language, halfUnknown = false): Understanding {
  // Arguments in the order DESIGN.md lists them, whatever order the turns supplied them in.
  const args: Record<string, unknown> = {};
  for (const k of ["type", "startDate", "endDate", "halfDay", "reason"]) if (given[k] !== undefined) args[k] = given[k];
  if (!args.startDate || halfUnknown) return { kind: "ask", language, missing: "dates", partial: { tool: "requestLeave", args } };
  if (!args.type) return { kind: "ask", language, missing: "leaveType", partial: { tool: "requestLeave", args } };
  return { kind: "tool", language, tool: "requestLeave", args };
}

function build(slots: Slots, language: Language, local: LocalNow, intent: ReturnType<typeof classify>["intent"]): Understanding {
  const tool = (name: ToolName, args: Record<string, unknown> = {}): Understanding => ({ kind: "tool", language, tool: name, args });
  switch (intent) {
    case null:
      return { kind: "none", language };
    case "greeting": case "thanks": case "help": case "outOfScope":
      return { kind: "chat", language, topic: intent };
    case "punch":
      return tool(local.hour * 60 + local.minute < SHIFT_MIDPOINT_MINUTES ? "checkIn" : "checkOut");
    case "checkIn": case "checkOut":
      return tool(intent);
    case "getMonthlyAttendance":
      return tool(intent, { month: slots.month ?? slots.dates.range?.start.slice(0, 7) ?? local.today.slice(0, 7) });
    case "getTeamAttendance": {
      const past = rescanDates(slots, local.today).range;
      return tool(intent, { date: past?.start ?? local.today });
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
  }
}

/**
 * Understands one utterance (typed, or a recogniser's transcript) in English or Chinese.
 *
 * @example understand("file sick leave for today", { now, timeZone: "Asia/Shanghai" })
 * // { kind: "tool", language: "en", tool: "requestLeave", args: { type: "sick", startDate: "2026-11-26", endDate: "2026-11-26" } }
 */
export function understand(text: string, ctx: UnderstandContext): Understanding {
  const language = detectLanguage(text);
  const local = localNow(ctx.now, ctx.timeZone);
  const clean = stripFillers(text);
  const slots = extractSlots(normalize(clean), clean, local.today);
  return build(slots, language, local, classify(slots, language).intent);
}

const ABANDON_RE = /^(never ?mind|forget (it|that|about it)|cancel( it| that)?|stop|no|nope|no thanks|算了吧?|不用了|不要了|取消|不请了|没事了?)$/;
const FULL_DAY_RE = /\b(full|whole|all) day\b|全天|一整天|整天/;

/**
 * Continues a question across turns (slot filling). `pending` is the earlier "ask"; `text` the
 * user's reply. A reply that is a full request of its own ("actually, check me in") is taken as
 * such; a terse reply ("December 1 to 3", "annual", "年假", "上午") fills the missing slot; a
 * reply that fills nothing asks again (chat replies such as thanks pass through); "never mind"
 * / 算了 drops the question and yields kind "none".
 */
export function complete(pending: PendingAsk, text: string, ctx: UnderstandContext): Understanding {
  const fresh = understand(text, ctx);
  const language = fresh.language;
  const target = pending.partial.tool;
  const base = pending.partial.args;
  const datesFrom = (args: Record<string, unknown>) =>
    args.startDate ? { startDate: args.startDate, endDate: args.endDate, ...(args.halfDay ? { halfDay: args.halfDay } : {}) } : null;
  const withoutDates = ({ startDate: _s, endDate: _e, halfDay: _h, ...rest }: Record<string, unknown>) => rest;

  if (fresh.kind === "tool" && fresh.tool !== target) return fresh;
  if (fresh.kind === "ask" && fresh.partial.tool !== target) return fresh;
  if (fresh.kind === "tool" || fresh.kind === "ask") {
    if (target === "cancelLeave") return fresh;
    const got = fresh.kind === "tool" ? fresh.args : fresh.partial.args;
    const dates = datesFrom(got);
    const merged = dates ? { ...withoutDates(base), ...withoutDates(got), ...dates } : { ...base, ...got };
    return finishLeave(merged, language, fresh.kind === "ask" && fresh.missing === "dates" && !!dates);
  }

  const raw = stripFillers(text);
  const s = normalize(raw);
  if (ABANDON_RE.test(s)) return { kind: "none", language };
  const local = localNow(ctx.now, ctx.timeZone);
  const slots = extractSlots(s, raw, local.today);
  const range = slots.dates.range;
  if (target === "cancelLeave") {
    const bare = /^(?:#|number|no\.?|id|leave|request)?\s*(\d+)$/.exec(s);
    const leaveId = slots.leaveId ?? (bare ? Number(bare[1]) : null);
    if (leaveId !== null) return { kind: "tool", language, tool: "cancelLeave", args: { leaveId } };
    if (range) return { kind: "tool", language, tool: "cancelLeave", args: { startDate: range.start } };
    return fresh.kind === "chat" ? fresh : { ...pending, language };
  }

  const args: Record<string, unknown> = { ...base };
  let filled = false;
  let halfUnknown = false;
  if (range) {
    Object.assign(args, { startDate: range.start, endDate: range.end });
    delete args.halfDay;
    if (range.halfDay) args.halfDay = range.halfDay;
    halfUnknown = range.halfDayUnspecified === true;
    filled = true;
  } else if (slots.dates.halfOnly && slots.dates.halfOnly !== "unspecified") {
    args.halfDay = slots.dates.halfOnly;
    filled = true;
  } else if (FULL_DAY_RE.test(s) && args.startDate) {
    delete args.halfDay;
    filled = true;
  } else if (pending.missing === "dates" && args.startDate && !args.halfDay) {
    // Still waiting for which half of the day.
    halfUnknown = true;
  }
  const type = slots.leaveType ?? (pending.missing === "leaveType" ? findLeaveType(s, true)?.value : null);
  if (type) {
    args.type = type;
    filled = true;
  }
  if (slots.reason) args.reason = slots.reason;
  if (!filled) return fresh.kind === "chat" ? fresh : { ...pending, language };
  return finishLeave(args, language, halfUnknown && !args.halfDay);
}
