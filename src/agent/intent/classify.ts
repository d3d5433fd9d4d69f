/**
 * Decides what a masked sentence asks for: template scores plus keyword cues, then the slot
 * rules that no score can override (an approval needs a leave id).
 */
import { CUES } from "./keywords.ts";
import type { Language } from "./language.ts";
import { matchTemplates, TEMPLATE_BASE } from "./matcher.ts";
import type { Slots } from "./slots.ts";
import type { ChatTopic, IntentName } from "./templates.ts";

/** Least score for acting: a one-word template plus one supporting cue. */
export const MIN_TOOL_SCORE = TEMPLATE_BASE + 1;

const CHAT: ChatTopic[] = ["greeting", "thanks", "help", "outOfScope"];
// On equal scores the more specific request wins: cancelling or listing leave mentions leave too.
const PRIORITY: IntentName[] = [
  "approveLeave", "rejectLeave", "cancelLeave", "getLeaveBalance", "listMyLeaves", "getTeamAttendance",
  "getMonthlyAttendance", "requestLeave", "checkOut", "checkIn", "punch",
];

/** The winning intent, or null; `scores` is kept for debugging and tests. */
export interface Classification {
  intent: IntentName | null;
  scores: Map<IntentName, number>;
}

/** Scores every intent for the slots of one sentence and picks the winner. */
export function classify(slots: Slots, lang: Language): Classification {
  const scores = matchTemplates(slots.masked, lang);
  for (const [intent, cues] of Object.entries(CUES) as Array<[IntentName, { re: RegExp; w: number }[]]>) {
    const base = scores.get(intent);
    // Cues sharpen a template match; on their own they need a clear majority (see below).
    let sum = 0;
    for (const c of cues) if (c.re.test(slots.masked)) sum += c.w;
    if (base !== undefined) scores.set(intent, base + sum);
    else if (sum >= 4) scores.set(intent, sum + 1);
  }
  if (slots.leaveId === null) {
    scores.delete("approveLeave");
    scores.delete("rejectLeave");
  }
  let best: IntentName | null = null;
  let bestScore = MIN_TOOL_SCORE - 0.001;
  for (const intent of PRIORITY) {
    const sc = scores.get(intent);
    if (sc !== undefined && sc > bestScore) {
      best = intent;
      bestScore = sc;
    }
  }
  if (best) return { intent: best, scores };
  let chat: ChatTopic | null = null;
  let chatScore = TEMPLATE_BASE - 0.001;
  for (const topic of CHAT) {
    const sc = scores.get(topic);
    if (sc !== undefined && sc > chatScore) {
      chat = topic;
      chatScore = sc;
    }
  }
  return { intent: chat, scores };
}
