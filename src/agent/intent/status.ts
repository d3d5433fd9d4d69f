/**
 * Leave-request statuses a listing can ask for: "my pending requests", "which of my leave requests
 * got approved", "my leaves that were approved", "已经批准的假", "还没批的", "撤销了的请假".
 *
 * A status is a filter only where the sentence picks requests out by it: a status word before
 * the noun ("approved leaves", "被驳回的申请"), a relative clause on requests ("requests that were
 * denied"; "leave on Monday that was approved" is not one), or a participle after a selector
 * ("which / any of my requests got approved", "哪些申请已经通过了"). A yes-or-no
 * question about one's own request ("was my leave approved?", "我的假批了吗") names no filter: the
 * answer is the list of requests, whatever their status.
 */
import type { LeaveStatus } from "./vocabulary.ts";

const NOUN = "(?:leaves?|requests?|applications?|ones|time off|days off|vacations?|holidays|bookings|\\{leaveType\\})";
const EN_WORDS: Record<Exclude<LeaveStatus, "pending">, string> = {
  approved: "approved|accepted|granted|okayed|signed off|went through|gone through|got through|came through|come through",
  rejected: "rejected|denied|declined|refused|turned down|disapproved|knocked back",
  cancelled: "cancell?ed|withdrawn|withdrew|revoked|retracted|called off|taken back|pulled",
};
// "which of my requests did my manager approve".
const BASE: Record<Exclude<LeaveStatus, "pending">, string> = {
  approved: "approve|accept|grant|okay|ok|sign off on",
  rejected: "reject|deny|decline|refuse|turn down",
  cancelled: "cancel|withdraw|revoke|retract|call off|take back",
};
const AUX = "(?:are|were|was|is|have been|has been|had been|got|get|gotten|have|had|i)";
const ADVERB = "(?:already\\s+|all\\s+|now\\s+|actually\\s+|since\\s+|been\\s+)*";
// "which of my requests", "any of my leaves", "those", "how many", "what leave requests".
const SELECTOR = `\\b(?:which|any|those|the ones|how many|what\\s+(?:of\\s+)?(?:my\\s+)?${NOUN})\\b[^,]{0,60}?`;

const en = (status: Exclude<LeaveStatus, "pending">) => {
  const w = `(?:${EN_WORDS[status]})`;
  return new RegExp(
    `\\b${w}\\s+${NOUN}` +
      `|(?:${NOUN}|\\b(?:everything|anything|all|those))[^,{]{0,24}?\\b(?:that|which)\\s+(?:${AUX}\\s+)?${ADVERB}${w}\\b` +
      `|${SELECTOR}\\b${w}\\b` +
      `|\\bwhat\\s+(?:${AUX}\\s+)?${ADVERB}${w}\\b` +
      `|${SELECTOR}\\bdid\\s+[^,]{1,20}?\\b(?:${BASE[status]})\\b` +
      (status === "cancelled" ? `|${NOUN}\\s+(?:that\\s+)?i\\s+(?:have\\s+|had\\s+)?(?:already\\s+)?(?:cancell?ed|withdrew|withdrawn|took back|called off)\\b` : ""),
  );
};

// Still open: said anywhere, these mean the request waits for a decision.
const PENDING_EN =
  /\b(pending|awaiting approval|waiting for approval|unapproved|not yet approved|not approved yet|outstanding|under review|in review|undecided)\b|\bstill\s+(?:waiting|open|being reviewed|awaiting|to be approved|unanswered)\b|\bwaiting\s+(?:for|on)\s+(?:a\s+)?(?:approval|decision|review|sign off|my manager|the manager|my boss|hr)\b|\byet to be (?:approved|reviewed|decided|processed|signed off)\b|\b(?:have|has|had)\s+not\s+(?:yet\s+)?been\s+(?:approved|reviewed|decided|processed|signed off)\b|\bnot\s+(?:yet\s+)?(?:been\s+)?(?:reviewed|decided|processed)\b/;
// "which were not approved", "did not go through": turned down (with "yet" it is still open, above).
const REFUSED_EN = /\b(?:were|was|got|did)\s+not\s+(?:get\s+)?(?:approved|accepted|go through|granted)\b(?!\s+yet)/;

const PENDING_ZH =
  /待审批|审批中|待批|未审批|还没(?:有)?(?:被)?(?:批|审批|通过|处理|同意|审核)|没批的|待处理|未批准|待审核|审核中|等(?:待|着)?(?:审批|批准|审核|批)|(?:还|正)在(?:审批|审核|走流程)|尚未(?:批|审批|通过|审核)|没(?:有)?审批的|未处理/;
const APPROVED_ZH =
  /已批准|已通过|已同意|批准了的|通过了的|批了的|已批的?|已经(?:被)?(?:批准|通过|批|同意|批复|批下来)(?:了|过)?的|(?<![没未不])(?:批准|通过|同意|批下来)的(?:假|请假|申请|假条|\{leaveType\}|那些|几个|有)/;
const REJECTED_ZH =
  /被拒|被驳回|已驳回|驳回的|驳回了的|拒绝了的|拒了的|没(?:有)?通过的|未通过|被(?:否决|打回|退回)|(?:否决|打回|退回)(?:了)?的|不(?:给)?批的/;
const CANCELLED_ZH =
  /已取消|取消了的|撤销了的|已撤销|撤回的|撤回了的|已撤回|撤掉的|撤了的|被取消的?|取消掉的|作废的|已作废|撤销的|(?<!要|想)取消的(?:假|请假|申请|假条|\{leaveType\})/;

// "哪些申请已经通过了", "哪几个假被拒了": a decision after 哪些 selects by it.
const zhSelected = (verbs: string) => new RegExp(`哪(?:些|几个|几条|个)[^,]{0,10}?(?:已经|已|都)?(?:被)?(?:${verbs})(?:了|过|掉了|下来了)`);

const RULES: Array<[RegExp, LeaveStatus]> = [
  [PENDING_EN, "pending"],
  [PENDING_ZH, "pending"],
  [REFUSED_EN, "rejected"],
  [en("approved"), "approved"],
  [APPROVED_ZH, "approved"],
  [zhSelected("批准|通过|批|同意"), "approved"],
  [en("rejected"), "rejected"],
  [REJECTED_ZH, "rejected"],
  [zhSelected("驳回|拒绝|拒|否决|打回|退回"), "rejected"],
  [en("cancelled"), "cancelled"],
  [CANCELLED_ZH, "cancelled"],
  [zhSelected("取消|撤销|撤回|撤|作废"), "cancelled"],
];

/** The status a listing asks for in a masked sentence, or null for all requests. */
export function findStatus(s: string): LeaveStatus | null {
  for (const [re, status] of RULES) if (re.test(s)) return status;
  return null;
}
