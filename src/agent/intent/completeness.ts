/**
 * Whether the words heard so far already make a whole request: the voice session ends a turn
 * quickly after a complete one ("check me in", "打卡") and waits for the rest of an unfinished
 * one ("I want to take leave from December..."). Passed to the voice session by the composition
 * root, so src/voice never imports the agent.
 */
import { understand } from "./index.ts";

/** The voice session's verdict on a transcript so far. */
export type Completeness = "complete" | "incomplete" | "unknown";

// A sentence that stops on one of these is still going: "leave from", "annual leave for the"
// ("in" and "on" end requests: "check me in").
const DANGLING_EN = /\b(from|to|through|until|till|for|at|the|a|an|my|and|or|but|of|next|this|last|starting|number|about|with|because|so)$/;
const DANGLING_ZH = /(从|到|至|和|跟|的|请|在|于|因为|所以|还有|号到|月)$/;

/**
 * "complete" when the words are a request the intent model can act on or answer (a tool call
 * or a chat reply); "incomplete" when it understood a request but needs more (dates, a type),
 * or the words stop mid-phrase; "unknown" when it cannot tell (not a request it knows).
 */
export function completeness(text: string, language: "zh" | "en", now: Date = new Date()): Completeness {
  const words = text.trim().toLowerCase();
  if (!words) return "unknown";
  if ((language === "zh" ? DANGLING_ZH : DANGLING_EN).test(words.replace(/[\s.,!?，。！？]+$/u, ""))) return "incomplete";
  const meaning = understand(text, { now, timeZone: "Asia/Shanghai" });
  if (meaning.kind === "tool" || meaning.kind === "chat") return "complete";
  if (meaning.kind === "ask") return "incomplete";
  return "unknown";
}
