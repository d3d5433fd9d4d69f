/**
 * Reading a request back for a yes or no ("要帮你打下班卡吗？", "Should I file annual leave for
 * December 3?") when the words were doubtful, and recognising such a question in a conversation's
 * history, so the next "好的" / "yes" runs what was read back.
 */
import type { Call } from "./intent/dialogue.ts";
import { hasPhrase, leaveTypeName, phrase, phraseTemplates, spokenDates, type Lang } from "./replies.ts";

/** The read-back question for a call, or null when the call needs none (reading and asking). */
export function readBack(lang: Lang, call: Call): string | null {
  const key = `confirm.${call.tool}${call.tool === "cancelLeave" && call.args.leaveId ? ".byId" : ""}`;
  if (!hasPhrase(lang, key)) return null;
  const a = call.args;
  const params: Record<string, unknown> = { ...a };
  if (typeof a.type === "string") params.type = leaveTypeName(lang, a.type);
  if (typeof a.startDate === "string") params.dates = spokenDates(lang, a.startDate, String(a.endDate ?? a.startDate), (a.halfDay as "am" | "pm" | undefined) ?? null);
  if (typeof a.newStartDate === "string") {
    params.oldDates = params.dates ?? "";
    params.dates = spokenDates(lang, a.newStartDate, String(a.newEndDate ?? a.newStartDate), (a.halfDay as "am" | "pm" | undefined) ?? null);
  }
  if (typeof a.date === "string") params.date = spokenDates(lang, a.date, a.date);
  if (a.kind === "in" || a.kind === "out") params.kind = phrase(lang, `punchKind.${a.kind}`);
  // A correction or overtime request is decided by its number as a leave request is.
  if (a.requestId !== undefined) params.leaveId ??= a.requestId;
  return phrase(lang, key, params);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const READ_BACKS: RegExp[] = (["zh", "en"] as const).flatMap((lang) =>
  Object.entries(phraseTemplates(lang))
    .filter(([k]) => k.startsWith("confirm."))
    .map(([, t]) => new RegExp(`^${escape(t).replace(/\\\{\w+\\\}/g, "[\\s\\S]+?")}$`)),
);

/** Whether an assistant reply was a read-back question. */
export function isReadBack(text: string): boolean {
  const t = text.trim();
  return READ_BACKS.some((re) => re.test(t));
}
