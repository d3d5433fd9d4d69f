/**
 * Slot filling across turns: the reply to a question the assistant asked ("Which days?", "What
 * kind of leave?", "What time did you arrive?") completes the request it left open.
 */
import { localNow } from "./calendar.ts";
import { negates, type ActionKind } from "./guard.ts";
import { hear } from "./hearing.ts";
import { finishLeave, finishRequest, understand, type PendingAsk, type UnderstandContext, type Understanding } from "./index.ts";
import { normalize, stripFillers } from "./language.ts";
import { punchKindOf } from "./requests.ts";
import { extractSlots, rescanDates } from "./slots.ts";
import { findTime, findTimeRange, formatClockTime } from "./times.ts";
import { findLeaveType } from "./vocabulary.ts";

const GIVE_UP =
  "(?:never ?mind|forget (?:it|that|about it)|cancel(?: it| that)?|stop|no|nope|no thanks|not now|skip it|leave it|drop it|scratch that|don'?t bother|算了吧?|不用了|不要了|不需要了|取消吧?|没事了?|那算了|先这样吧?|不了|(?:先)?不[请办弄补报加打要用][了啦]?)";
// The reason given with it: "forget it, I'll come in", "不请了，我明天能来".
const COMING_IN =
  "(?:i will|i can|i am going to|i am|i will just|i can just|i should be able to) (?:come in|be in|make it|be there|work|go in|be at work)(?: after all| anyway| then| tomorrow| that day)*|我?(?:明天|后天|那天|还是)?(?:能|可以|会|要)?(?:来|来上班|上班|去上班|过来)(?:的|了|吧)*";
const ABANDON_RE = new RegExp(
  `^(?:(?:oh|ok|okay|hmm|well|actually|on second thought|那|哦|嗯|好吧|唉)[,\\s]*)*${GIVE_UP}(?:[,\\s]*(?:${GIVE_UP}|吧|了|啊|谢谢|thanks|thank you|please|later|for now))*(?:[,\\s]*${COMING_IN})?[,\\s.!]*$`,
);
const FULL_DAY_RE = /\b(full|whole|all) day\b|全天|一整天|整天/;
// "from my vacation allowance", "take it out of my sick days": a type said as where the days come from.
const TYPE_SOURCE_RE = /\b(from|out of|use|using|as|against|on|put it down as|count it as|make it|charge it to)\b|算|走|用|按|扣|当|记/;

const REQUEST_VERB = /请(?!问)|申请|提交|\b(take|file|book|request|need|want|apply|submit)\b/;

const ACTION_OF: Record<PendingAsk["partial"]["tool"], ActionKind> = {
  requestLeave: "leave", cancelLeave: "cancel", requestCorrection: "correction", requestOvertime: "overtime",
};

/** Whether a reply to an open question gives the request up ("算了", "never mind", "这个先不办了"). */
export function abandons(s: string, pending: PendingAsk): boolean {
  return ABANDON_RE.test(s) || negates(s, ACTION_OF[pending.partial.tool]);
}

/**
 * Continues a question across turns (slot filling). `pending` is the earlier "ask"; `text` the
 * user's reply. A reply that is a full request of its own ("actually, check me in") is taken as
 * such; a terse reply ("December 1 to 3", "annual", "年假", "上午", "八点五十") fills the missing
 * slot; a correction ("哦不对，应该是下礼拜三和礼拜四") replaces what it names; giving up ("算了",
 * "never mind") holds the request; a reply that fills nothing asks again (chat replies such as
 * thanks pass through).
 */
export function complete(pending: PendingAsk, text: string, given: UnderstandContext): Understanding {
  const raw = stripFillers(hear(text).text);
  const s = normalize(raw);
  const language = /[\u3400-\u9fff]/.test(text) ? "zh" : /[a-z]/i.test(text) ? "en" : pending.language;
  if (abandons(s, pending)) return { kind: "hold", language, action: ACTION_OF[pending.partial.tool] };
  const fresh = understand(text, given);
  const target = pending.partial.tool;
  if (target === "requestCorrection" || target === "requestOvertime") return completeRequest(pending, s, raw, fresh, given);
  const base = pending.partial.args;
  const local = localNow(given.now, given.timeZone);
  const slots = extractSlots(s, raw, local.today, { calendar: given.calendar });
  // "from my vacation allowance, please" answers "what kind?"; it is not a balance question.
  const typeAnswer =
    pending.missing === "leaveType" && target === "requestLeave" && fresh.kind === "tool" &&
    (fresh.tool === "getLeaveBalance" || fresh.tool === "listMyLeaves") && !!slots.leaveType && TYPE_SOURCE_RE.test(s) && !/\b(how|left|remaining)\b|剩|多少|几天|\?/.test(s);
  const datesFrom = (args: Record<string, unknown>) =>
    args.startDate ? { startDate: args.startDate, endDate: args.endDate, ...(args.halfDay ? { halfDay: args.halfDay } : {}) } : null;
  const withoutDates = ({ startDate: _s, endDate: _e, halfDay: _h, ...rest }: Record<string, unknown>) => rest;

  // "是下礼拜三的事假那条" answers "which leave?": naming a leave is not asking for one.
  const namesLeave = target === "cancelLeave" && (fresh.kind === "tool" || fresh.kind === "ask") && (fresh.kind === "tool" ? fresh.tool : fresh.partial.tool) === "requestLeave" && !REQUEST_VERB.test(s);
  if (!typeAnswer && !namesLeave) {
    if ((fresh.kind === "tool" && fresh.tool !== target) || fresh.kind === "hold") return fresh;
    if (fresh.kind === "ask" && fresh.partial.tool !== target) return fresh;
    if (fresh.kind === "tool" || fresh.kind === "ask") {
      if (target === "cancelLeave") return fresh;
      const got = fresh.kind === "tool" ? fresh.args : fresh.partial.args;
      const dates = datesFrom(got);
      const merged = dates ? { ...withoutDates(base), ...withoutDates(got), ...dates } : { ...base, ...got };
      return finishLeave(merged, language, fresh.kind === "ask" && fresh.missing === "dates" && !!dates);
    }
  }

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

/** Fills a correction's day, kind or time, or overtime's day or hours, from a reply. */
function completeRequest(pending: PendingAsk, s: string, raw: string, fresh: Understanding, given: UnderstandContext): Understanding {
  const target = pending.partial.tool as "requestCorrection" | "requestOvertime";
  const language = fresh.language;
  // "上班卡" answers "check-in or check-out?": naming the punch is not asking for one.
  const namesKind = target === "requestCorrection" && fresh.kind === "tool" && (fresh.tool === "checkIn" || fresh.tool === "checkOut") && !!punchKindOf(s) && !/帮我|给我|打一下|\b(me|now|please)\b/.test(s);
  if (fresh.kind === "tool" && fresh.tool !== target && fresh.tool !== "getPolicy" && !namesKind) return fresh;
  if (fresh.kind === "ask" && fresh.partial.tool !== target) return fresh;
  const same = (fresh.kind === "tool" && fresh.tool === target) || (fresh.kind === "ask" && fresh.partial.tool === target);
  const args: Record<string, unknown> = { ...pending.partial.args, ...(same ? (fresh.kind === "tool" ? fresh.args : (fresh as PendingAsk).partial.args) : {}) };
  const local = localNow(given.now, given.timeZone);
  const slots = extractSlots(s, raw, local.today, { calendar: given.calendar });
  let filled = !namesKind && (fresh.kind === "tool" || fresh.kind === "ask");
  if (target === "requestCorrection") {
    const day = rescanDates(slots, local.today).range;
    if (day && day.start <= local.today) (args.date = day.start), (filled = true);
    const kind = punchKindOf(s);
    if (kind) (args.kind = kind), (filled = true);
    const lean = args.kind === "out" ? "evening" : "morning";
    const bare = /^(?:at\s+|about\s+|around\s+|大概|差不多|大约)?(\d{1,2})(?::(\d{2}))?\s*(?:点|o'?clock)?$/.exec(s);
    const time = findTime(s, lean) ?? (bare ? formatClockTime(settleBare(Number(bare[1]), Number(bare[2] ?? 0), lean)) : null);
    if (time) (args.time = time), (filled = true);
    if (!filled) return fresh.kind === "chat" ? fresh : { ...pending, language };
    const missing = !args.date ? "date" : !args.kind ? "punchKind" : !args.time ? "time" : null;
    return finishRequest(target, order(args, ["date", "kind", "time", "reason"]), missing, language);
  }
  if (slots.dates.range) (args.date = slots.dates.range.start), (filled = true);
  const hours = findTimeRange(s, "evening");
  if (hours) (args.start = hours.start), (args.end = hours.end), (filled = true);
  if (!filled) return fresh.kind === "chat" ? fresh : { ...pending, language };
  const missing = !args.date ? "date" : !args.start ? "timeRange" : null;
  return finishRequest(target, order(args, ["date", "start", "end", "compensation", "reason"]), missing, language);
}

function settleBare(h: number, m: number, lean: "morning" | "evening"): number {
  if (h >= 12) return h * 60 + m;
  if (lean === "evening" ? h >= 1 && h <= 11 : h >= 1 && h <= 6) return (h + 12) * 60 + m;
  return h * 60 + m;
}

function order(args: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (args[k] !== undefined) out[k] = args[k];
  return out;
}
