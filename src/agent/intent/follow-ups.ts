/**
 * Requests about requests already made: "改成下班卡", "make that a check-out" (the kind of the punch
 * just made), and decisions on a correction or overtime request by its number.
 * Read on the normalised sentence (lower case, contractions expanded).
 */

const ZH = /(?:改成|改为|换成|改记为|记成|记为|算成|算作|应该是|其实是|不对.{0,3}是)(?:个|一个)?(上班|下班)(?:打)?卡/;
const EN =
  /\b(?:make|change|switch|turn|mark|record|count) (?:that|it|this|the last one|my last punch|the last punch|my punch|the punch)(?: to| as| into)? (?:a |an )?(?:check|clock|punch|sign)[ -]?(in|out)\b|\bthat (?:was|should be|should have been|is) (?:a |an |my )?(?:check|clock|punch|sign)[ -]?(in|out)\b/;
const REFUSED = /不要|别|don't|do not|never mind/;

/** The kind the speaker wants their last punch to have, or null when the sentence is not that. */
export function punchKindChange(s: string): "in" | "out" | null {
  if (REFUSED.test(s)) return null;
  const zh = ZH.exec(s);
  if (zh) return zh[1] === "上班" ? "in" : "out";
  const en = EN.exec(s);
  if (en) return (en[1] ?? en[2]) as "in" | "out";
  return null;
}

const REJECT = /\b(?:reject|deny|decline|turn down|refuse)\b|驳回|拒绝|不批|不同意|否决|不通过/;
const APPROVE = /\b(?:approve|accept|grant|okay|ok|sign off on|authorize|allow)\b|批准|同意|通过|批了|批一下|准了|核准/;
const HELD = /\b(?:do not|don't|never)\b (?:approve|reject)|先别|别(?:批|驳)|不要(?:批|驳)/;

/**
 * "approve overtime request 5", "驳回7号补卡": a decision on a correction or overtime request by its
 * number, or null (leave decisions and anything else go the usual way).
 */
export function requestDecision(s: string, id: number | null | undefined): { tool: "approveLeave" | "rejectLeave"; kind: "correction" | "overtime" } | null {
  if (id == null || HELD.test(s)) return null;
  const kind = /\bovertime\b|加班/.test(s) ? "overtime" : /\bcorrection\b|\bmissed punch\b|补卡/.test(s) ? "correction" : null;
  if (!kind) return null;
  if (REJECT.test(s)) return { tool: "rejectLeave", kind };
  if (APPROVE.test(s)) return { tool: "approveLeave", kind };
  return null;
}
