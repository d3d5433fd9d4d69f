/**
 * What a sentence does with the action it names: asks for it, refuses it ("先别给我打下班卡",
 * "don't check me out yet"), asks about it ("打卡了吗", "did my clock-in go through", "几点之前打卡不
 * 算迟到") or reports it as past ("我昨天忘打卡了"). Only a request may change records; the rest
 * are answered. Used by the local model and, on the user's own words, by the safety layer in
 * front of any model's tool calls.
 *
 * All functions take normalised text (see language.ts: lower case, digits, commas).
 */

/** The action a state-changing request names, for the wording of a hold and for scoping a negation. */
export type ActionKind = "punchIn" | "punchOut" | "punch" | "leave" | "cancel" | "decide" | "correction" | "overtime";

/** How the sentence treats its action. */
export type Mood =
  /** Do it. */
  | "request"
  /** Do not do it (now): "别", "先不", "不用", "don't", "not yet", "hold off". */
  | "negated"
  /** A question about what happened or about the rules: answer, do not act. */
  | "question";

const EN_VERBS: Record<ActionKind, string> = {
  punchIn: "(?:check|clock|punch|sign|log|book)(?:ing|ed)?\\s+(?:me\\s+|myself\\s+|us\\s+)?in|checking|clocking|punching|(?:record|log|mark)\\w*\\s+(?:me|my)|arriv|start",
  punchOut: "(?:check|clock|punch|sign|log)(?:ing|ed)?\\s+(?:me\\s+|myself\\s+|us\\s+)?(?:out|off)|checking|clocking|punching|leav|go(?:ing)?\\s+home|head(?:ing)?\\s+(?:out|home)|(?:record|log|mark)\\w*\\s+(?:me|my)",
  punch: "(?:check|clock|punch|sign)\\w*|(?:record|log|mark)\\w*\\s+(?:me|my)",
  leave: "(?:take|taking|file|filing|book|booking|request|requesting|submit|submitting|put(?:ting)?\\s+in|apply|applying|need|want|send|sending|log|logging)|(?:that|this|the|my|a|any)\\s+(?:leave|request|day off|time off)",
  cancel: "cancel|withdraw|retract|revoke|call(?:ing)?\\s+off|take\\s+back|delete|remove|drop|undo|scrap",
  decide: "approv|reject|deny|denying|declin|refus|sign\\s+off",
  correction: "(?:file|submit|put\\s+in|request|fix|correct)\\w*",
  overtime: "(?:log|file|submit|put\\s+in|request|book)\\w*",
};
// Any verb after a negator stands for the whole request once the sentence names it ("先不弄").
const ZH_VERBS: Record<ActionKind, string> = {
  punchIn: "打|签|帮|给|替|记|录|上班",
  punchOut: "打|签|帮|给|替|记|录|走|下班|撤|离开|回家",
  punch: "打|签|帮|给|替|记|录",
  leave: "请|休|交|提|报|申请|弄|办|搞|帮|给|替|走|递|填",
  cancel: "取消|撤|删|作废|退|帮|给|替|动",
  decide: "批|同意|通过|驳回|拒|帮|给|替|处理|审",
  correction: "补|提|交|报|申请|弄|办|帮|给|替",
  overtime: "报|提|交|申请|弄|办|记|帮|给|替",
};
// Nouns that can stand before the negator ("下班卡不着急打", "假先不请了", "卡先别打").
const ZH_OBJECTS: Record<ActionKind, string> = {
  punchIn: "卡|上班卡|签到",
  punchOut: "卡|下班卡|签退",
  punch: "卡",
  leave: "假|请假|\\{leavetype\\}|申请|假条|的事",
  cancel: "(?!)",
  decide: "申请|假|假条",
  correction: "卡|补卡",
  overtime: "加班",
};

const ZH_NEGATOR = "(?:先别|别|不要|不用|甭|无需|不必|用不着|不需要|没必要|先不用|先不|暂时不|暂不|还不|不着急|不急着|不急|还没到|先缓缓|不想|不打算|没打算)";
// "别忘了帮我打卡" asks for the punch.
const ZH_NOT_NEGATION = /别忘|不要忘|别漏|不要漏|别让我忘/;
const ZH_LATER = /(?:等|待)[^,]{0,8}再(?:打|签|请|报|弄|说)|回头再(说|弄|办|请|打|讲)|以后再(说|弄|办|请|打)|晚点再|过会儿?再|等会儿?再|待会儿?再|一会儿再|改天再|到时候再|稍后再|再说吧/;

const EN_NEGATOR = "(?:do not|does not|did not|dont|no need to|skip|forget about|never mind|not yet|not now|hold off(?:\\s+on)?|wait (?:on|with)|no,? (?:do not|not)|you (?:do not|need not) (?:need|have) to|there is no need to|i (?:do not|did not) (?:want|need) (?:you )?to|not going to|i am not|i will not|i would not|please do not|never|stop|no longer|not)";
const EN_NOT_NEGATION = /\b(do not|dont|never) forget\b|\bnot (?:feeling|well|sure|coming in|be in|able)\b/;
const EN_LATER = /\b(later(?! than)|not yet|for now|not now|hold off|in a (?:bit|while|minute))\b/;

function enNegates(said: string, action: ActionKind): boolean {
  // "don't forget to check me out" asks for it.
  const s = said.replace(/\b(?:do not|dont|never) forget(?: to)?\b/g, "remember to");
  if (EN_NOT_NEGATION.test(s) && !/\b(do not|dont) (check|clock|punch|sign|file|submit|book|cancel|approve|reject)\b/.test(s)) {
    // "don't forget to check me out" asks for it; "not feeling well, ..." is a reason.
    if (!new RegExp(`\\b(?:do not|dont|no need to|hold off|not yet)\\b(?:\\s+\\S+){0,3}?\\s+(?:${EN_VERBS[action]})`).test(s)) return false;
  }
  // A negator, up to three words, then the action's verb, in one clause.
  const re = new RegExp(`\\b${EN_NEGATOR}\\b((?:\\s+[^\\s,]+){0,3}?)\\s+(?:${EN_VERBS[action]})`);
  const m = re.exec(s);
  if (m && !/\b(so|because|but|and then|then|since)\b/.test(m[1])) return true;
  // "I'm not leaving yet, I'll clock out later": the action put off.
  if ((action === "punchOut" || action === "punch") && /\b(not|never) (leaving|going home|heading out|done|finished|off)\b|\bstill (here|working|at work|in the office)\b/.test(s)) return true;
  return EN_LATER.test(s) && new RegExp(`(?:${EN_VERBS[action]})[^,]*\\b(later(?! than)|not yet|for now|in a (?:bit|while|minute))\\b`).test(s);
}

function zhNegates(said: string, action: ActionKind): boolean {
  if (ZH_NOT_NEGATION.test(said)) return false;
  // "要不要打卡", "用不用签退", "需不需要": A-not-A asks, it does not refuse.
  const s = said.replace(/([要用需能想该可是])不\1/g, "？");
  const verbs = ZH_VERBS[action];
  if (new RegExp(`${ZH_NEGATOR}[^,]{0,6}?(?:${verbs})`).test(s)) return true;
  if (new RegExp(`(?:${ZH_OBJECTS[action]})[^,]{0,3}?(?:先|还|暂时|就)?${ZH_NEGATOR}[^,]{0,2}(?:${verbs}|了|$)`).test(s)) return true;
  if ((action === "punchOut" || action === "punch") && /还(没|不)(走|下班|到点|忙完|弄完|干完)|还要加[^,]{0,3}班|还在加班|还得加班/.test(s)) return true;
  return ZH_LATER.test(s);
}

/** Whether the sentence refuses or puts off `action` rather than asking for it. */
export function negates(s: string, action: ActionKind): boolean {
  return /[\u3400-\u9fff]/.test(s) ? zhNegates(s, action) || enNegates(s, action) : enNegates(s, action);
}

// "did my clock-in go through", "have I checked out", "am I checked in", "what time do I have to".
const EN_QUESTION =
  /^(?:(?:so|and|but|hey|ok|okay|um|quick question)\s*,?\s+)?(?:did|have|has|had|was|were|am|is|are)\s+(?:i|my|you|it|the|that)\b|\b(?:did|have|has) (?:i|you|my)\b[^,]*\b(?:check|clock|punch|sign|go through|register|record)|\b(?:do|does) i (?:need|have|got) to\b|\b(?:should|must|shall) i\b|\b(?:what time|when|how late|how early|by when|until when|how long|how many|how much|how often|how do i|how can i|how to|why|what happens|what if|is it ok(?:ay)?|am i allowed|is there a (?:limit|cap|deadline|rule|maximum))\b|\bgo through\?|\b(?:is|was) (?:my|it|that) [^,]*\b(?:recorded|registered|saved|logged)\b/;
// 打卡了吗, 签到成功了没有, 卡打上了没, 几点之前打卡, 怎么打卡, 能补吗, 打没打, 有没有打卡.
const ZH_QUESTION =
  /(?:打|签|弄|记|补|交|提|请|批)[^,]{0,6}?(?:了吗|了么|了没有?|了不|没有?(?:$|[,?])|成功|上了吗|上没|好了吗)|(?:打|签)没(?:打|签)|有没有(?:打|签|记|成功)|是不是(?:打|签|已经)|几点(?:之前|以前|前|之后|以后|后)|几点(?:打|签|到|走|上班|下班|能|可以|才)|什么时候(?:打|签|能|可以|才|要)|最早几点|最晚几点|多久|怎么(?:打|签|补|请|算|弄|操作|才)|为什么|为啥|能补吗|可以补吗|能不能补|可不可以补|最多(?:能|可以)?|几次|多少次|算不算|算迟到|会不会|要不要(?:打|签)|需不需要|用不用打|是否/;
// A polite imperative is still a request: "能不能帮我打个卡", "could you check me in".
const ZH_POLITE = /^(?:请|麻烦)?(?:你)?(?:能不能|可不可以|可以|能|帮我|给我|替我|麻烦)[^,]{0,3}(?:帮|给|替)?(?:我)?(?:打|签|请|提|交)/;
const EN_POLITE =
  /^(?:please\s+)?(?:can|could|would|will) you\b|^(?:can|could|may) i (?:have|take|get|book|request)\b|^(?:is it|would it be) (?:possible|ok|okay|alright|fine) (?:to|for me to|if i) (?:take|have|get|book)\b|\bplease\b(?! do not)/;

/** Whether the sentence asks about its action (or the rules around it) instead of asking for it. */
export function asks(s: string): boolean {
  if (/[\u3400-\u9fff]/.test(s)) {
    if (ZH_POLITE.test(s) && !/(了吗|了没|几点|怎么|为什么|多少次|几次)/.test(s)) return false;
    return ZH_QUESTION.test(s) || EN_QUESTION.test(s) || PERMISSION.test(s);
  }
  if (EN_POLITE.test(s) && !/^(?:can|could) (?:you|i) (?:tell|explain|say|let me know)\b/.test(s) && !/\b(what time|when|how (?:many|much|late|early|long|often)|why|what happens|go through)\b/.test(s)) return false;
  return EN_QUESTION.test(s) || PERMISSION.test(s);
}

/** How the sentence treats `action`; a refusal wins over a question ("不用打卡吧？" is a refusal too). */
export function moodOf(s: string, action: ActionKind): Mood {
  if (negates(s, action)) return "negated";
  if (asks(s)) return "question";
  return "request";
}

// The action a sentence names, when no template took it (the refusal or question around it can
// sink every score): "卡先别打", "hold off on submitting my vacation request", "should I clock out now".
const NAMED: Array<[ActionKind, RegExp]> = [
  ["correction", /补卡|补签|补打|\bcorrections?\b/],
  ["overtime", /加班|\bovertime\b|\bot\b/],
  ["punchOut", /下班卡|签退|打下班|\b(?:clock|check|sign|punch)(?:ing|ed)?\s+(?:me\s+)?out\b/],
  ["punchIn", /上班卡|签到|打上班|\b(?:clock|check|sign|punch)(?:ing|ed)?\s+(?:me\s+)?in\b/],
  ["punch", /打.{0,2}卡|卡.{0,3}打|\bpunch\b/],
  ["cancel", /取消|撤回|撤销|\b(?:cancel|withdraw)\b/],
  ["decide", /批|驳回|\b(?:approve|reject|decline)\b/],
  ["leave", /请假|假|\{leavetype\}|\b(?:leave|vacation|time off|day off|days off)\b/],
];

/** The action a sentence names, by its words alone. */
export function namedAction(s: string): ActionKind | null {
  for (const [kind, re] of NAMED) if (re.test(s)) return kind;
  return null;
}

// "我现在可以打卡了吗", "should I clock out now", "要不要打下班卡": may I, should I.
const PERMISSION =
  /(可以|能)[^,]{0,3}(打|签)[^,]{0,6}(吗|么|嘛)|(要不要|该不该|能不能|可不可以|需不需要|用不用|是不是该)[^,]{0,3}(打|签)|\b(should|can|could|may|shall) i (now |already |just )?(clock|check|punch|sign)|\bis it (ok|okay|time|alright) (for me )?to (clock|check|punch|sign)|\b(do i|should i) need to (clock|check|punch|sign)/;

/** Whether the sentence asks leave to do the action ("can I clock out now?") rather than for it. */
export function asksPermission(s: string): boolean {
  return PERMISSION.test(s);
}

// A punch that should have happened: "忘打卡了", "卡没打上", "forgot to clock out", "never registered".
const MISSED =
  /忘(?:了|记)?(?:打|签|刷)|漏打|漏了|(?<!有)没(?:有)?打(?:上|成|到|卡)|卡没打|(?<!有)没(?:有)?(?:签到|签退|刷上|记上|记录)|打卡失败|缺(?:了)?(?:一次|个)?卡|\bforgot(?:ten)?\s+to\s+(?:check|clock|punch|sign|badge|swipe)|\b(?:did not|never|didnt)\s+(?:get\s+)?(?:check|clock|punch|sign|swipe|badge)|\b(?:never|did not|didnt)\s+(?:register|registered|go through|record|recorded|show up|showed up)|\bmissing\s+punch|\b(?:punch|clock in|clock out|check in|check out|sign in|sign out)\w*\b[^,]{0,25}\b(?:is|was|are|were|went|gone) missing\b|\bmissed\s+(?:a\s+|my\s+|the\s+)?punch|\bpunch\w*\s+(?:is\s+|was\s+)?missing\b|\bmissed\s+(?:clocking|checking|signing)/;

/** Whether the sentence reports a punch that was missed (a correction, never a punch now). */
export function reportsMissedPunch(s: string): boolean {
  return MISSED.test(s);
}

// Someone else the user would act for: a colleague, a relative, a pronoun, a name (小王, 王小明).
const ZH_OTHER =
  "(?:我?(?:同事|同学|老板|领导|经理|主管|组长|组员|下属|手下|老公|老婆|爱人|媳妇|朋友|室友|家人|徒弟|实习生|新人|新同事)|他们|她们|他|她|[小老][\\u4e00-\\u9fff]|[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范石廖贾夏韦付邹孟熊秦邱尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃戴莫孔汤艾][\\u4e00-\\u9fff]{1,2}?)";
// "帮王小明请个假", "替小李打个卡", "给他签个到"; 给 an approver is asking them ("给领导请个假").
const ZH_FOR_OTHER = new RegExp(
  `(?:帮|替|代|(?<![因作成认以])为)${ZH_OTHER}(?:一下|下)?(?:请|休|打|签|提|报|补|申请|取消|撤|办|弄|交)|给(?!我?(?:领导|老板|经理|主管|组长))${ZH_OTHER}(?:一下|下)?(?:打|签|补|提|报|申请|取消|撤|办|弄|交|请[^,]{0,4}假)`,
);
const EN_RELATION = "(?:him|her|them|my (?:colleague|coworker|co-worker|teammate|team mate|boss|manager|report|employee|intern|wife|husband|friend|partner)s?)";
// "file sick leave for my colleague", "check him in", "book her a day off".
const EN_FOR_OTHER = new RegExp(
  `\\b(?:check|clock|punch|sign|file|submit|book|request|put in|cancel|withdraw)\\b[^,]{0,30}\\bfor\\s+${EN_RELATION}\\b|\\b(?:check|clock|punch|sign)\\s+(?:him|her|them)\\s+(?:in|out)\\b|\\b(?:book|get|give)\\s+(?:him|her|them)\\s+(?:a|an|some|the|\\d)`,
);
// A name as written (capitalised): "check in for Chen", "clock Wang out", "file leave for Li Lei".
const EN_NAMED_OTHER =
  /\b(?:check|clock|punch|sign)(?:ing)?\s+(?:in|out|off)\s+for\s+(?!I\b)[A-Z][a-z]+\b|\b(?:check|clock|punch|sign)\s+(?!I\b)[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+(?:in|out)\b|\b(?:file|submit|book|request|put in|cancel)\b[^,.]{0,30}\bfor\s+(?!I\b|[A-Z][a-z]+day\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|January|February|March|April|May|June|July|August|September|October|November|December|Christmas|Easter|National|Spring|New|Labou?r|Dragon|Mid|Qingming|Tomb|Chinese|Lunar|Golden|Today|Tonight|Tomorrow|Next|This|That|The|An?|My|Personal|Sick|Annual|Family|Medical|Maternity|Paternity|Marriage|Bereavement|Comp|Compensatory|Half|One|Two|Three|Four|Five|All|Both|Every|Mon|Tues?|Wed|Thu|Thurs|Fri|Sat|Sun)\b)[A-Z][a-z]+\b/;

/**
 * Whether the sentence asks to act for someone else ("帮王小明请个假", "check in for Chen"): the
 * tools act as the user only. `s` is normalised; `said`, when given, keeps the capitals of names.
 */
export function actsForOther(s: string, said = ""): boolean {
  return ZH_FOR_OTHER.test(s) || EN_FOR_OTHER.test(s) || EN_NAMED_OTHER.test(said);
}

// Self-corrections inside one sentence: the words after the marker replace what came before.
const SELF_CORRECTION =
  /(?:^|[,\s])(?:哦|噢|啊|呃)?\s*(?:不对|不是|说错了|搞错了|错了|口误|更正一下|应该是|我是说|我的意思是)(?:[,\s]*(?:说错了|搞错了|不对|应该是|是))*[,\s]*|(?:^|[,\s])(?:no wait|wait no|no no|sorry|oops|actually|or rather|scratch that|i mean|i meant|make that|no,? (?=i mean))[,\s]+(?:(?:no|wait|sorry|i mean|i meant|make (?:that|it))[,\s]+)*/g;

/**
 * The part of a sentence after its last self-correction ("帮我打上班卡，哦不对，说错了，是下班卡" ->
 * "下班卡"; "clock me in, no wait, I mean clock me out" -> "clock me out"), or null when there is none.
 */
export function afterSelfCorrection(s: string): { before: string; after: string } | null {
  let last: RegExpExecArray | null = null;
  SELF_CORRECTION.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SELF_CORRECTION.exec(s))) {
    if (m[0].length === 0) {
      SELF_CORRECTION.lastIndex++;
      continue;
    }
    last = m;
  }
  if (!last || last.index === 0) return null;
  const after = s.slice(last.index + last[0].length).trim().replace(/^是/, "");
  if (!after) return null;
  return { before: s.slice(0, last.index).replace(/[,\s]+$/, ""), after };
}
