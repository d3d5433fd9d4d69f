/**
 * Slot vocabularies: leave types, leave ids and reasons (statuses are in status.ts).
 *
 * The English phrases double as the spoken vocabulary of the speech grammar (grammar.ts), so
 * every phrase marked `spoken` must use only words in the pocketsphinx dictionary.
 */

/** The leave types of DESIGN.md. */
export type LeaveType =
  | "annual" | "sick" | "personal" | "compensatory" | "marriage" | "maternity" | "paternity" | "bereavement";

/** Statuses a leave request can be listed by. */
export type LeaveStatus = "pending" | "approved" | "rejected" | "cancelled";

interface Phrases {
  /** English phrases a recogniser can hear (dictionary words only). */
  spoken: string[];
  /** Further English ways of writing it (abbreviations, typed forms). */
  written: string[];
  zh: string[];
}

/**
 * Words and phrases per leave type. A phrase naming a reason ("doctor", 发烧) implies the type,
 * because "I have a fever, I need tomorrow off" is a sick-leave request.
 */
export const LEAVE_TYPE_PHRASES: Record<LeaveType, Phrases> = {
  annual: {
    spoken: ["annual leave", "annual", "vacation", "paid time off", "holiday leave", "p t o"],
    written: ["pto", "vacation leave", "annual holiday", "paid leave"],
    zh: ["带薪年假", "带薪假", "年休假", "休年假", "年假", "休假", "度假"],
  },
  sick: {
    spoken: ["sick leave", "sick day", "sick", "medical leave", "doctor", "dentist", "hospital", "fever", "flu", "unwell", "ill"],
    written: ["not feeling well", "feeling ill", "doctors appointment"],
    zh: ["病假", "生病", "生病了", "身体不舒服", "不舒服", "发烧", "感冒", "看病", "看医生", "医院"],
  },
  personal: {
    spoken: ["personal leave", "personal day", "personal time", "personal reasons", "personal matters", "personal business", "unpaid leave", "family emergency"],
    written: ["personal errand", "personal stuff", "personal"],
    zh: ["事假", "私事", "家里有事", "有点事", "有事"],
  },
  compensatory: {
    spoken: ["compensatory leave", "compensatory time", "compensatory day", "compensatory", "comp day", "comp time", "comp leave", "time off in lieu", "day in lieu", "lieu day", "overtime leave"],
    written: ["comp off", "days in lieu", "toil", "comp days", "comp"],
    zh: ["调休假", "调休", "补休", "倒休", "换休", "加班调休"],
  },
  marriage: {
    spoken: ["marriage leave", "wedding leave", "marriage", "getting married", "my wedding"],
    written: [],
    zh: ["婚假", "结婚"],
  },
  maternity: { spoken: ["maternity leave", "maternity"], written: [], zh: ["产假", "生孩子"] },
  paternity: { spoken: ["paternity leave", "paternity"], written: ["parental leave"], zh: ["陪产假", "护理假", "陪护假"] },
  bereavement: {
    spoken: ["bereavement leave", "bereavement", "funeral leave", "funeral", "compassionate leave"],
    written: [],
    zh: ["丧假", "丧事", "葬礼", "奔丧"],
  },
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const TYPE_BY_PHRASE = new Map<string, LeaveType>();
for (const [type, p] of Object.entries(LEAVE_TYPE_PHRASES) as Array<[LeaveType, Phrases]>) {
  for (const w of [...p.spoken, ...p.written, ...p.zh]) TYPE_BY_PHRASE.set(w, type);
}
const EN_PHRASES = [...TYPE_BY_PHRASE.keys()].filter((w) => !/[\u3400-\u9fff]/.test(w)).sort((a, b) => b.length - a.length);
const ZH_PHRASES = [...TYPE_BY_PHRASE.keys()].filter((w) => /[\u3400-\u9fff]/.test(w)).sort((a, b) => b.length - a.length);
// "annual leave days", "a sick day": the trailing noun belongs to the slot, not the sentence.
const LEAVE_TYPE_RE = new RegExp(
  `\\b(${EN_PHRASES.map(escape).join("|")})(?:\\s+(?:leave|days?|time))?\\b|(${ZH_PHRASES.map(escape).join("|")})`,
  "g",
);

/** A slot value found in normalised text, with its span. */
export interface Found<T> {
  value: T;
  index: number;
  end: number;
}

// Phrases that imply a type through its cause rather than name it: a named type wins over them
// ("我老婆生孩子，请陪产假" is paternity leave, not maternity).
const IMPLIED = new Set([
  "doctor", "dentist", "hospital", "fever", "flu", "unwell", "ill", "not feeling well", "feeling ill", "doctors appointment",
  "生病", "生病了", "身体不舒服", "不舒服", "发烧", "感冒", "看病", "看医生", "医院", "私事", "家里有事", "有点事", "有事",
  "family emergency", "getting married", "my wedding", "结婚", "生孩子", "丧事", "葬礼", "奔丧", "funeral",
]);

/** Every leave type mention in normalised text, in order; `answer` as in {@link findLeaveType}. */
export function findLeaveTypes(s: string, answer = false): Array<Found<LeaveType> & { implied: boolean }> {
  const out: Array<Found<LeaveType> & { implied: boolean }> = [];
  LEAVE_TYPE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LEAVE_TYPE_RE.exec(s))) {
    const phrase = m[1] ?? m[2];
    // "ill" inside "will" is guarded by \b; "personal" alone only names leave next to it.
    // A skipped phrase gives its other characters back: "没有事假" still names 事假.
    const skip =
      (phrase === "personal" && !answer && !/\b(leave|day|days|time|off)\b/.test(s.slice(m.index, m.index + 30))) ||
      (phrase === "有事" && /没有事|有事吗|有事情吗/.test(s));
    if (skip) {
      LEAVE_TYPE_RE.lastIndex = m.index + 1;
      continue;
    }
    out.push({ value: TYPE_BY_PHRASE.get(phrase) as LeaveType, index: m.index, end: m.index + m[0].length, implied: IMPLIED.has(phrase) });
  }
  return out;
}

/**
 * The leave type named in normalised text: the first named one, else the first implied one.
 * `answer` is set when the text answers "which type?", where a bare "personal" is enough.
 */
export function findLeaveType(s: string, answer = false): Found<LeaveType> | null {
  const all = findLeaveTypes(s, answer);
  return all.find((t) => !t.implied) ?? all[0] ?? null;
}

const APPROVAL_CONTEXT_RE = /\b(approve|accept|grant|ok|okay|authori[sz]e|reject|deny|decline|refuse|disapprove|turn down|veto)\b|批准|同意|通过|准了|批了|批一下|批掉|准假|核准|驳回|拒绝|拒了|拒掉|否决|不批|不准|打回|退回|审批/;
/** "12号的请假批了吗", "申请通过了没有": asking how a decision went, not making one. */
export const DECISION_QUESTION_RE = /(?:批|批准|通过|同意|准|驳回|拒绝|拒|审批|批复)(?:了|过)?(?:下来)?(?:了)?(?:吗|么|嘛|没有?|不)(?![批准过])|是否|有没有(?:被)?(?:批|通过|驳回|拒)/;
const MONTH_AFTER = "(?!\\s*(?:st|nd|rd|th|days?|weeks?|times?|/|\\.\\d|-\\d|:|月|天|日|个|周|点|(?:of\\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)))";
const STRONG_ID_RES = [
  new RegExp(`(?:#\\s*|\\b(?:leave|request|application|ticket)\\s+(?:request\\s+|application\\s+)?(?:#|number|no\\.?|id)?\\s*|\\b(?:number|no\\.|id)\\s*)(\\d+)\\b${MONTH_AFTER}`, "g"),
  /(?:编号|单号|id|第|申请单|申请编号|请假单|假条)\s*(?:为|是)?\s*(\d+)(?!\s*[\d月日天个周.\/])\s*(?:号)?/g,
  /(?<![\d月.])(\d+)\s*号?\s*(?=申请|假条|单子|请假单)/g,
];
const APPROVAL_ID_RES = [
  new RegExp(`\\b(?:approve|accept|grant|ok|okay|reject|deny|decline|refuse|disapprove)\\s+(?:it\\s+)?#?\\s*(\\d+)\\b${MONTH_AFTER}`, "g"),
  /(?<![\d月.\/])(\d+)\s*号?(?![\d月天日个周点.\/]|\s*(?:days?|st|nd|rd|th))/g,
];

/**
 * The leave id in normalised text. "12号" is a date ("取消12号的请假") unless it is marked as an
 * id (编号12, 12号申请, #12, leave 12) or the sentence approves or rejects: approvals act on
 * requests, so there a bare number is the request's id ("批准12号的申请", "approve 12", "把42号请假批了吧"),
 * unless the sentence asks how a decision went ("12号的请假批了吗": the 12th).
 */
export function findLeaveId(s: string): Found<number> | null {
  const approving = APPROVAL_CONTEXT_RE.test(s) && !DECISION_QUESTION_RE.test(s);
  const res = approving ? [...STRONG_ID_RES, ...APPROVAL_ID_RES] : STRONG_ID_RES;
  for (const re of res) {
    re.lastIndex = 0;
    const m = re.exec(s);
    // Only the number becomes the slot: "reject 22" keeps its verb, "leave 12" its noun.
    if (m) return { value: Number(m[1]), index: m.index + m[0].lastIndexOf(m[1]), end: m.index + m[0].lastIndexOf(m[1]) + m[1].length };
  }
  return null;
}

const EN_REASON_RE = /\b(?:because(?:\s+of)?|due\s+to|the\s+reason\s+is|reason\s*:?|cause)\s+(.+)$/i;
const ZH_REASON_RE = /(?:因为|由于|原因是|理由是|原因[:：])\s*(.+)$/;
// "因为孩子生病，明天请一天事假": the reason comes first and ends at the first comma.
const LEADING_REASON_RE = /^\s*(?:因为|由于|because(?:\s+of)?|(?:since|as)(?=\s+(?:i|my|we|our|the|there)\b))\s*(.+?)\s*[,，]\s*\S/i;

const POLITE_TAIL_RE = /[\s,，]+(?:please|thanks|thank you|谢谢(?:你|您|啦)?|多谢|麻烦(?:你|您)?了|拜托(?:了|啦)?)[\s.!。！~]*$/i;

/** A reason clause: its text, and whether it leads the sentence (then it ends at a comma). */
export interface Reason {
  reason: string;
  /** The word that starts the clause, lower-cased ("because", "因为"). */
  marker: string;
  leading: boolean;
}

/**
 * The reason given for a leave request, cut from the raw text so its casing survives, and the
 * marker word it starts with (so the caller can stop scanning slots there: "because my sister
 * marries on the 5th" must not add a date).
 */
export function findReason(raw: string): Reason | null {
  const lead = LEADING_REASON_RE.exec(raw);
  if (lead) return { reason: lead[1], marker: lead[0].trim().split(/\s|(?<=因为|由于)/)[0].toLowerCase(), leading: true };
  const m = ZH_REASON_RE.exec(raw) ?? EN_REASON_RE.exec(raw);
  if (!m) return null;
  // A closing "please" / 谢谢 is said to the assistant, not part of the reason.
  const reason = m[1].trim().replace(POLITE_TAIL_RE, "").replace(/[\s,.;!?，。；！？]+$/, "");
  if (!reason) return null;
  const marker = m[0].slice(0, m[0].length - m[1].length).trim().toLowerCase();
  return { reason, marker, leading: false };
}
