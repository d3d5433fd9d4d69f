/**
 * A conversation's state, rebuilt from its turns: what the assistant is waiting for (a missing
 * part, a yes or no) and what it just did (so "不对，改成下周四" / "sorry, I meant Thursday" amends
 * the filing, and "算了不请了" withdraws it). The history is all there is (an OpenAI-compatible
 * client sends the whole conversation each time), so every turn is replayed in order; the
 * assistant's own words say where it read a request back instead of acting.
 */
import { abandons, complete } from "./complete.ts";
import { afterSelfCorrection, type ActionKind } from "./guard.ts";
import { hear } from "./hearing.ts";
import { finishLeave, understand, type PendingAsk, type UnderstandContext, type Understanding } from "./index.ts";
import { detectLanguage, normalize, stripFillers, type Language } from "./language.ts";
import { localNow } from "./calendar.ts";
import { extractSlots } from "./slots.ts";
import type { ToolName } from "./templates.ts";

/** One tool call. */
export interface Call {
  tool: ToolName;
  args: Record<string, unknown>;
}

/** One exchange: what the user said, and what the assistant answered (its words and the tools it called). */
export interface Turn {
  user: string;
  reply?: { text: string; calls?: Array<{ name: string; args: Record<string, unknown> }> };
}

/** What to do with the last turn. */
export type Decision =
  /** Run these tools, in order (an amendment is a cancel and a new filing). */
  | { kind: "act"; language: Language; calls: Call[]; confidence: number; amends?: boolean; confirmed?: boolean }
  | Exclude<Understanding, { kind: "tool" }>;

type State =
  | { kind: "idle" }
  | { kind: "asking"; pending: PendingAsk }
  | { kind: "confirming"; calls: Call[] }
  | { kind: "acted"; calls: Call[] };

const YES = /^(?:(?:嗯|好|对|是|行|可以|没错|确认|确定|要|好的|好啊|对的|是的|对对|是啊|没问题|打吧|提交吧|请吧|办吧|可以的|好嘞|好滴|当然|麻烦了|ok|okay|yes|yeah|yep|yup|sure|sure thing|of course|alright|all right|fine|right|correct|go ahead|go for it|do it|do that|please do|please|confirm|confirmed|that is right|sounds good|affirmative|absolutely|uh huh)[\s,.!。！，]*)+(?:吧|啊|呀|的)?(?:please|thanks|谢谢)?$/;
const NO = /^(?:先不用|暂时不用|不用|不要|不是|不了|不|别|算了|取消|不对|先不|no|nope|nah|do not|dont|cancel|stop|never ?mind|not now|not yet|wait)(?:了|啦|吧|啊)?(?:[\s,.!。！，]|$)/;

const ACTION_OF_TOOL: Partial<Record<ToolName, ActionKind>> = {
  checkIn: "punchIn", checkOut: "punchOut", requestLeave: "leave", cancelLeave: "cancel", approveLeave: "decide",
  rejectLeave: "decide", requestCorrection: "correction", requestOvertime: "overtime",
};

// Words that add days to what was just filed: "还有周二", "再加一天", "and Tuesday too", "extend it to Friday".
const EXTEND = /还有|加上|再加|再请|也请|多请|也要|延长到|延到|一直到|\b(also|too|as well|plus|add|extend(?:ed)?(?: it)?(?: to| through| until| till)?)\b/;
// Words that replace instead: "make it Monday and Tuesday", "改成周一周二".
const REPLACE = /改成|改为|换成|不对|应该是|其实是|搞错了|弄错了|说错了|我是说|\b(i meant|i mean|make it|make that|change it|change that|switch it|move it|instead|rather)\b/;

// Words that amend what was just done: "不对", "改成", "应该是", "I meant", "make it", "only the morning".
const AMEND =
  /不对|改成|改为|改到|换成|换到|应该是|其实是|搞错了|弄错了|说错了|写错了|记错了|我是说|我的意思是|不是.{0,8}是|还有|加上|再加|延长|延到|\b(i meant|i mean|make it|make that|change it to|change that to|switch it to|move it to|instead|actually|sorry|wait|oops|only the|just the|not the whole day|rather|too|as well|also|extend)\b/;

// A conversation is replayed on every turn: its earlier sentences are understood from here,
// one cache per calendar (the same words can mean other days under another one).
const NO_CALENDAR = {};
const SEEN = new WeakMap<object, Map<string, Understanding>>();
function understood(text: string, given: UnderstandContext): Understanding {
  const owner = given.calendar ?? NO_CALENDAR;
  let seen = SEEN.get(owner);
  if (!seen) SEEN.set(owner, (seen = new Map()));
  const key = `${Math.floor(given.now.getTime() / 60_000)}|${given.timeZone}|${given.bareKind ?? ""}|${text}`;
  let u = seen.get(key);
  if (!u) {
    u = understand(text, given);
    if (seen.size >= 500) seen.delete(seen.keys().next().value as string);
    seen.set(key, u);
  }
  return u;
}

/** Whether a reply says yes ("好的", "是的", "yes please", "go ahead"); raw text in. */
export function isYes(text: string): boolean {
  return YES.test(normalize(stripFillers(hear(text).text)));
}

function asDecision(u: Understanding): Decision {
  if (u.kind !== "tool") return u;
  return { kind: "act", language: u.language, calls: [{ tool: u.tool, args: u.args }], confidence: u.confidence ?? 1 };
}

function languageOf(text: string, fallback: Language): Language {
  return /[\u3400-\u9fff]/.test(text) ? "zh" : /[a-z]/i.test(text) ? detectLanguage(text) : fallback;
}

// What a correction denies is not what it asks for: "不是事假，是年假", "是年假不是事假", "annual, not personal".
const ZH_DENIED_FIRST = /^(?:哦|啊|呃)?不是[^,]{1,12}?[,\s]*(?:而)?是(?=.)/;
const ZH_DENIED_AFTER = /[,\s]*(?:而)?不是[^,]{1,12}$/;
const EN_DENIED = /[,\s]*\b(?:not|instead of|rather than)\s+(?:a\s+|an\s+|the\s+)?(?:\w+\s+)?(?:leave|day off|day)\b(?:\s*,\s*(?:but\s+)?)?/g;

/** A correction without the part it denies. */
function withoutDenied(s: string): string {
  const t = s.replace(ZH_DENIED_FIRST, "").replace(ZH_DENIED_AFTER, "").replace(EN_DENIED, " ").trim();
  return t || s;
}

/** A new filing from the last one and the words that amend it, or null when they change nothing. */
function amended(last: Call, text: string, given: UnderstandContext): Record<string, unknown> | null {
  const raw = stripFillers(hear(text).text);
  let s = normalize(raw);
  const split = afterSelfCorrection(s);
  if (split) s = split.after;
  s = withoutDenied(s);
  const slots = extractSlots(s, raw, localNow(given.now, given.timeZone).today, { calendar: given.calendar, anchor: String(last.args.startDate) });
  const args: Record<string, unknown> = { ...last.args };
  const r = slots.dates.range;
  if (r && EXTEND.test(s) && !REPLACE.test(s)) {
    // "还有周二", "and Tuesday too": the filing grows to cover both.
    const start = [String(last.args.startDate), r.start].sort()[0];
    const end = [String(last.args.endDate ?? last.args.startDate), r.end].sort()[1];
    delete args.halfDay;
    Object.assign(args, { startDate: start, endDate: end });
  } else if (r) {
    delete args.halfDay;
    Object.assign(args, { startDate: r.start, endDate: r.end }, r.halfDay ? { halfDay: r.halfDay } : {});
  } else if (slots.dates.halfOnly && slots.dates.halfOnly !== "unspecified" && args.startDate === args.endDate) {
    args.halfDay = slots.dates.halfOnly;
  } else if (/\b(full|whole) day\b|全天|一整天|整天/.test(s) && args.halfDay && !/\bnot the (full|whole) day\b|不要全天|不是全天/.test(s)) delete args.halfDay;
  if (slots.leaveType) args.type = slots.leaveType;
  const same = ["type", "startDate", "endDate", "halfDay"].every((k) => args[k] === last.args[k]);
  return same ? null : args;
}

function step(state: State, text: string, given: UnderstandContext, language: Language): Decision {
  const s = normalize(stripFillers(hear(text).text));
  if (state.kind === "confirming") {
    if (YES.test(s)) return { kind: "act", language, calls: state.calls, confidence: 1, confirmed: true };
    if (NO.test(s)) return { kind: "hold", language, action: ACTION_OF_TOOL[state.calls[0].tool] ?? "punch" };
    return asDecision(understood(text, given));
  }
  if (state.kind === "asking") return asDecision(complete(state.pending, text, given));
  if (state.kind === "acted") {
    const last = state.calls[state.calls.length - 1];
    if (last.tool === "requestLeave" && typeof last.args.startDate === "string") {
      const fresh = understood(text, given);
      const pending: PendingAsk = { kind: "ask", language, missing: "dates", partial: { tool: "requestLeave", args: last.args } };
      // "算了不请了", "actually never mind", "撤回吧": withdraw what was just filed.
      const withdraw: Decision = { kind: "act", language, calls: [{ tool: "cancelLeave", args: { startDate: last.args.startDate } }], confidence: 1 };
      if (abandons(s, pending) || (fresh.kind === "ask" && fresh.partial.tool === "cancelLeave")) return withdraw;
      const ownRequest = fresh.kind === "tool" && fresh.tool !== "requestLeave";
      if (!ownRequest && (AMEND.test(s) || fresh.kind === "none" || fresh.kind === "ask")) {
        const args = amended(last, text, given);
        if (args) {
          const refile = finishLeave(args, language);
          if (refile.kind === "tool")
            return { kind: "act", language, calls: [{ tool: "cancelLeave", args: { startDate: last.args.startDate } }, { tool: "requestLeave", args: refile.args }], confidence: 1, amends: true };
        }
      }
      return asDecision(fresh);
    }
  }
  return asDecision(understood(text, given));
}

function after(decision: Decision, reply: Turn["reply"], readBack: (text: string) => boolean): State {
  if (decision.kind === "act") {
    if (reply && readBack(reply.text)) return { kind: "confirming", calls: decision.calls };
    const made = reply?.calls?.filter((c) => ACTION_OF_TOOL[c.name as ToolName]).map((c) => ({ tool: c.name as ToolName, args: c.args }));
    return { kind: "acted", calls: made && made.length ? made : decision.calls };
  }
  if (decision.kind === "ask") return { kind: "asking", pending: decision };
  return { kind: "idle" };
}

/**
 * What to do with the last turn of a conversation, given the ones before it. `readBack` says
 * whether an assistant reply was a request read back for a yes or no.
 */
export function decide(turns: Turn[], given: UnderstandContext, readBack: (text: string) => boolean = () => false): Decision {
  let state: State = { kind: "idle" };
  let language: Language = "en";
  let decision: Decision = { kind: "none", language };
  turns.forEach((turn, i) => {
    language = languageOf(turn.user, language);
    decision = step(state, turn.user, given, language);
    if (i < turns.length - 1) state = after(decision, turn.reply, readBack);
  });
  return decision;
}
