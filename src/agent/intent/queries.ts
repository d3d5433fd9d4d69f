/**
 * Questions that name an action without asking for it: the rules ("几点之前打卡不算迟到", "is there a
 * cap on corrections"), today's own punches ("今天几点打的卡", "did my clock-in go through") and a
 * month's figures ("我这个月有几天没打卡", "did I miss any punches last month"). Each gets an answer,
 * never the action. Normalised text in, as everywhere in intent/.
 */

/** What a policy question is about. */
export type PolicyTopic = "hours" | "lateness" | "corrections" | "leave" | "overtime";

const TOPICS: Array<[PolicyTopic, RegExp]> = [
  [
    "corrections",
    /补卡[^,]{0,8}(几次|多少次|次数|额度|规则|规定|上限|限制|最多|期限|多久|几天内)|(1个月|一个月|每月|每个月|本月|这个月)[^,]{0,6}(能|可以)?补[^,]{0,4}(几次|多少次)|还能补[^,]{0,3}(几次|多少)|\b(cap|limit|maximum|max|quota)\b[^,]{0,40}\b(corrections?|missed punches|missing punches|fixes|punch fixes)\b|\bhow many\b[^,]{0,30}\b(corrections?|fixes|missed punches|missing punches)\b[^,]{0,30}\b(can|may|allowed|left|remaining|fixed|fix|correct)\b|\b(corrections?|punch fixes?)\b[^,]{0,20}\b(limit|cap|quota|allowed|per month|a month|each month|rules?|policy|deadline)\b|\bhow (far|long) back can i (fix|correct)/,
  ],
  [
    "lateness",
    /(不算|算不算|算)迟到|迟到[^,]{0,6}(怎么算|标准|规定|规则|多久算|几分钟)|几点(之前|以前|前)[^,]{0,4}(打卡|签到|到|上班)|宽限|弹性[^,]{0,4}(时间|几分钟|多久)|\b(grace period|counts? as late|considered late|how late can i|by when do i|what time do i (have|need) to (clock|check|punch|sign|be)|what time (should|must) i (clock|check|punch|sign|be|get)|latest i can (arrive|clock in|check in|come in))\b/,
  ],
  [
    "hours",
    /最早几点|最晚几点|几点(上班|下班|能走|可以走|才能走|下班才)|上班时间|下班时间|工作时间|班次|什么时候(能|可以)(走|下班)|\b(what time does (my|the) (shift|work|day) (start|end)|what are (my|the|our) (working|work|office|shift) hours|(earliest|when) (can|could) i (leave|go home|clock out|check out)|when does my shift (start|end)|my shift (hours|times?))\b/,
  ],
  [
    "leave",
    /提前(几天|多久|多少天)|需要提前|(请假|年假|病假|事假|调休|婚假|丧假|产假)[^,]{0,6}(规定|规则|要求|流程(是什么|是啥|怎么走|怎么弄|是怎样)|制度|怎么算|需要什么|要什么材料|证明)|(年假|调休)[^,]{0,6}(过期|清零|作废|有效期)|\b(how much notice|how far in advance|how many days (in advance|ahead|before)|do i need (a doctor|a note|approval|a certificate)|(leave|vacation|sick) (policy|rules)|when do .* expire|does .* (leave|vacation) (expire|carry over|roll over))\b/,
  ],
  [
    "overtime",
    /加班[^,]{0,6}(怎么算|规则|规定|标准|多少钱|几倍|怎么换|能换)|\b(overtime (policy|rules|rate)|how is overtime (paid|counted|calculated))\b/,
  ],
];

/** The policy a sentence asks about, or null when it asks about something else. */
export function policyTopic(s: string): PolicyTopic | null {
  for (const [topic, re] of TOPICS) if (re.test(s)) return topic;
  return null;
}

// "今天几点打的卡", "我打卡了吗", "签到成功了没有", "did my clock-in go through", "have I checked in".
const TODAY_PUNCHES =
  /(今天|今早|早上|上午|下午|刚才|刚刚)?[^,]{0,4}几点(打|签|刷)的|(打|签|刷|搞|弄|做|check in|clock in|check out|clock out|checked in|clocked in)[^,]{0,4}(了吗|了么|了没有?|了不|成功|上了吗|上没|好了吗|记上|记录上)|(打|签)没(打|签)|有没有(打|签|刷|成功)|是不是[^,]{0,4}(打|签)(过|了)|\b(did|have|has)\s+(i|my|you)\b[^,]{0,30}\b(check|clock|punch|sign|badge|swipe)|\b(go|went|gone)\s+through\b|\b(am|was)\s+i\s+(checked|clocked|signed|punched)\b|\b(is|was)\s+my\s+(check|clock|punch|sign)[^,]*\b(recorded|registered|saved|logged|there|in)\b|\bwhat time did i\b|\bwhen did i (check|clock|punch|sign|arrive|come in)|\b(my|today) punch(es)?\b/;

/** Whether the sentence asks about today's own punches. */
export function asksTodayPunches(s: string): boolean {
  return TODAY_PUNCHES.test(s) && !/(可以|能|能不能|可不可以|要不要|该不该)[^,]{0,3}(打|签)|\b(should|can|could|may) i\b/.test(s);
}

// Counting the month's slips: "几天没打卡", "缺卡的情况", "did I miss any punches", "how many times did I forget".
const MONTH_FIGURES =
  /(几|多少)(天|次|回)[^,]{0,4}(没打卡|没有打卡|没签|缺卡|忘打卡|忘了打卡|漏打|迟到|早退|旷工)|(没打卡|缺卡|忘打卡|漏打卡|迟到|早退|旷工)[^,]{0,6}(几|多少)(天|次|回)|(缺卡|迟到|早退|旷工)[^,]{0,4}(情况|记录)|有没有(缺卡|迟到|早退|旷工|漏打|没打卡)|(缺卡|迟到|早退|旷工)(过)?(没有|吗|没)|\b(how many|how often|any|count)\b[^,]{0,30}\b(missed|missing|forgot|forgotten|late|early|absent|absences|early leaves?|early departures?|left early)\b|\bdid i (miss|forget|leave early|come in late|have any)\b|\b(missed|missing) punch(es)?\b[^,]{0,20}\b(in|for|last|this)\b/;

/** Whether the sentence counts the month's missed punches, late arrivals or early leaves. */
export function asksMonthFigures(s: string): boolean {
  return MONTH_FIGURES.test(s);
}
