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

/** Weight of a status filter (status.ts) as a cue for listing one's requests. */
const STATUS_CUE = 3;

const CHAT: ChatTopic[] = ["greeting", "thanks", "help", "outOfScope"];
// On equal scores the more specific request wins: cancelling or listing leave mentions leave too.
const PRIORITY: IntentName[] = [
  "approveLeave", "rejectLeave", "cancelLeave", "requestOvertime", "requestCorrection", "getLeaveBalance", "listMyLeaves",
  "getTeamAttendance", "getMonthlyAttendance", "requestLeave", "checkOut", "checkIn", "punch",
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
    // A status filter ("that were approved", "已经批准的") picks out requests already made.
    // Asking for the cancelled ones is not cancelling ("我撤回的请假有哪些").
    let sum = intent === "listMyLeaves" && slots.status ? STATUS_CUE : 0;
    if (intent === "cancelLeave" && slots.status === "cancelled") sum -= 10;
    for (const c of cues) if (c.re.test(slots.masked)) sum += c.w;
    if (base !== undefined) scores.set(intent, base + sum);
    else if (sum >= 4) scores.set(intent, sum + 1);
  }
  if (slots.leaveId === null) {
    scores.delete("approveLeave");
    scores.delete("rejectLeave");
  }
  const tool = best(PRIORITY, scores, MIN_TOOL_SCORE);
  if (tool) return { intent: tool, scores };
  return { intent: best(CHAT, scores, TEMPLATE_BASE), scores };
}

/** The candidate scoring highest and at least `least` (to within 0.001); the earliest wins a tie. */
function best<T extends IntentName>(candidates: readonly T[], scores: Map<IntentName, number>, least: number): T | null {
  let winner: T | null = null;
  let winnerScore = least - 0.001;
  for (const candidate of candidates) {
    const sc = scores.get(candidate);
    if (sc !== undefined && sc > winnerScore) {
      winner = candidate;
      winnerScore = sc;
    }
  }
  return winner;
}
