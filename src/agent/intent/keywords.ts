/**
 * Keyword cues: the scoring fallback beside the templates. Each cue adds (or, negative, takes
 * away) weight from an intent when it occurs anywhere in the masked sentence, so paraphrases no
 * template foresaw still land ("we are all here? who has not shown up"), and so that words that
 * change the meaning ("did I", 了吗, 谁) pull a sentence away from the obvious reading.
 */
import type { IntentName } from "./templates.ts";
import { DECISION_QUESTION_RE } from "./vocabulary.ts";

/** One weighted cue. */
export interface Cue {
  re: RegExp;
  w: number;
}

// Asking about oneself ("did I check in?", "我今天打卡了吗") is a question, not a command.
const SELF_QUESTION = /\b(did i|have i|had i|when did i|what time did i|was i|am i|do i need to|should i|how do i|how to)\b|了吗|了没|没有\?|几点|什么时候|是不是|要不要|需不需要|怎么打卡/;
// Company-wide questions are team questions too; "到公司了" (I am at the office) is not one.
const TEAM_WORDS = new RegExp(
  "\\b(team|teams|my group|departments?|(?:in|for|of|across) (?:engineering|sales|marketing|hr|finance|operations|support|product|design|legal|research|r&d|it|admin|the \\w+ (?:team|department))|my reports|direct reports|my staff|all staff|my people|employees|subordinates|everyone|everybody|anyone|anybody|nobody|no one|who|whom|colleagues|coworkers|(whole|entire) (company|office|organization)|company (attendance|wide|overview))\\b" +
    "|谁|我们组|组里|团队|部门|(?:研发|销售|人事|人力资源|人力|财务|市场|行政|技术|产品|运营|客服|设计|测试|工程)部|下属|手下|组员|大家|同事|员工|全组|本组|几个人|多少人|哪些人|有人|有没有人|全公司|全员|所有人|全体|每个人|整个公司|(?<![在到去来回进出])公司(?=的|里|整体|总体|\\s*\\{date\\}|今天|出勤|考勤)",
);
// "see you tomorrow" is a goodbye, not a day off.
const FAREWELL = /\b(see you|bye|goodbye|good night|have a good)\b|明天见|再见|拜拜/;
// Withdrawing a request, in its colloquial forms too ("假帮我撤了", "取消掉", "不休了", "call off").
const CANCEL_WORDS =
  /\b(cancel|withdraw|retract|revoke|call off|take back|scrap|undo|drop(?!\s+(?:off|by|in)\b))\b|取消|撤|作废|退掉|删掉|删了|不要了|不(请|休)假?了|不\s*(请|休)?\s*\{leaveType\}\s*了|不(想|要|用)(请|休).{0,12}了/;
// "我还有调休吗", "do I still have any sick days": asking what is left, not asking for it.
const BALANCE_QUESTION =
  /还(有|剩)(没有)?[^,]{0,6}(\{leaveType\}|假)[^,]{0,4}(吗|么|嘛|没有|没|不)|(\{leaveType\}|假)[^,]{0,4}还(有|剩)[^,]{0,3}(吗|么|嘛|没有|没|不|多少|几)|有没有(?!人)[^,]{0,4}(\{leaveType\}|假)|\b(do|have|will) i (still )?(have|got) (any|some|enough|more)\b/;
// Filing a request ("帮我提交一个请假申请", "put in a leave request"): the noun 申请 / request
// alone would read as a listing; "我提交的请假" and "did I submit" are about requests made.
const SUBMIT =
  /(?<!\b(did|have|has|had) i\s+)\b(submit|file|put in|make|raise|create|lodge|start|open|fill out|fill in|write up|send in)\b(?!\s+(?:for|it)\b)[^,]{0,24}\b(leave|time off|day off|days off|vacation|\{leaveType\})\s+(request|application|form)\b|(提交|发起|递交|填|写|交|提个|提一个|打个|开个|开张|打张)(?![了过的])(?:\{\w+\}|[^,]){0,10}(申请|请假|假条|请假单)/;
// "the time off I requested", "我请的假批了吗": requests already made.
const MADE =
  /\b(i|i have|i had|that i)\s+(requested|applied for|booked|filed|submitted|put in|asked for)\b|\b(did|have|had) i (already )?(submit|file|request|apply|book|put in)\b|我(请|申请|提交|休|报)的|已经(请|申请|提交)|(提交|申请)(了|过)/;
const MY_LEAVE_ZH = /^我的(所有|全部)?(请假|假|假条|请假单)(?=$|都|有|呢)/;
// "补个签到", "帮我补一下周一的下班卡": making up a punch is a correction, never a punch now.
const MAKE_UP = /补(?:一下|个|打|签|卡|录)|补[^,]{0,8}(?:卡|签到|签退)|(?:卡|签到|签退)[^,]{0,4}补/;
// "他明天请病假", "我同事明天请假": someone else's leave or punch is not the user's to file.
const THIRD_PERSON = /^(?:他|她|他们|她们|我同事|同事|我老板|老板|领导|我们经理|经理)(?!.{0,6}(?:让我|叫我|要我|帮我))/;
const LEAVE_WORDS = /\{leaveType\}|\b(leave|leaves|day off|days off|time off|vacation|holiday)\b|请假|休假|假/;

export const CUES: Partial<Record<IntentName, Cue[]>> = {
  checkIn: [
    { re: /\b(check|checked|checking|clock|clocked|clocking|punch|punched|sign|signed)\s+(me\s+)?in\b/, w: 2 },
    { re: /\b(arrived|arrive|got in|just got here|made it in)\b/, w: 2 },
    { re: /上班|签到|到公司|到单位|到岗/, w: 2 },
    { re: SELF_QUESTION, w: -8 },
    { re: TEAM_WORDS, w: -6 },
    { re: /\b(late|absent|attendance)\b|迟到|考勤|出勤/, w: -3 },
    { re: /下班|签退/, w: -4 },
    { re: /(上|出)了?几天班|上班.{0,2}(几|多少)/, w: -8 },
    { re: /不(来|去)?上班|不来了|来不了|去不了/, w: -8 },
    { re: MAKE_UP, w: -8 },
    { re: /\b(the|a|this|that) clock\b/, w: -8 },
    { re: /\b(put|get|start) me on the clock\b/, w: 10 },
    // "I'm in a meeting", "I'm here for the interview": being somewhere is not arriving at work.
    { re: /\bi am (?:in|here) (?:a|an|for|with|on|to|at a|the (?!office|building|workplace|company))\b/, w: -8 },
    { re: THIRD_PERSON, w: -8 },
  ],
  checkOut: [
    { re: /\b(check|checked|checking|clock|clocked|clocking|punch|punched|sign|signed|log|logging)\s+(me\s+)?(out|off)\b/, w: 2 },
    { re: /\b(home|leaving|heading out|done for|off for the day)\b/, w: 2 },
    { re: /下班|签退|回家/, w: 2 },
    { re: FAREWELL, w: 3 },
    { re: SELF_QUESTION, w: -8 },
    { re: TEAM_WORDS, w: -6 },
    { re: /\{leaveType\}|请假|休假|的假|假条|申请/, w: -3 },
    { re: /\{date\}/, w: -1 },
    { re: /\b(late|absent|attendance)\b|迟到|考勤|出勤|早退/, w: -3 },
    { re: /\b(the|a|this|that) clock\b/, w: -8 },
    // "take me off the clock": the clock is the person's time, not a thing asked about.
    { re: /\b(take|get|put) me off the clock\b/, w: 10 },
    { re: MAKE_UP, w: -8 },
  ],
  punch: [
    { re: /打.{0,2}卡|\bpunch\b/, w: 1 },
    { re: /\b(record|log|mark|take)\s+my\s+attendance\b/, w: 2 },
    { re: SELF_QUESTION, w: -8 },
    { re: TEAM_WORDS, w: -6 },
    { re: /记录|情况|次数|\b(record|records|history)\b/, w: -3 },
    { re: MAKE_UP, w: -8 },
  ],
  getMonthlyAttendance: [
    { re: /\{month\}/, w: 2 },
    { re: /\b(attendance|late|tardy|absent|absences|absence|punctual|punctuality|early leaves?|early departures?|left early|missed punch|missing punch|full attendance|perfect attendance|timesheet)\b/, w: 2 },
    { re: /考勤|出勤|迟到|早退|缺卡|旷工|全勤|缺勤/, w: 2 },
    { re: /\bhow (many|often)\b|几次|多少次|几天|怎么样|情况|如何/, w: 1 },
    { re: /(上|出)了?几天班|上班.{0,2}(几|多少)/, w: 6 },
    { re: TEAM_WORDS, w: -4 },
    { re: /\{leaveType\}/, w: -2 },
    { re: /\b(record|log|mark|take)\s+my\s+attendance\b/, w: -6 },
  ],
  getTeamAttendance: [
    { re: TEAM_WORDS, w: 2 },
    { re: /\b(who|whom)\b|谁|哪些人|几个人|多少人/, w: 1 },
    { re: /\b(who are you|who won|who is the|who made you)\b|你是谁/, w: -12 },
    { re: /\b(my|our)\s+(teams?|departments?|groups?)\b|我们组|我的团队|团队|部门/, w: 2 },
  ],
  requestLeave: [
    { re: /\{leaveType\}/, w: 2 },
    { re: /\{date\}/, w: 1 },
    { re: /\{leaveType\}[\s\S]*\{date\}|\{date\}[\s\S]*\{leaveType\}/, w: 3 },
    { re: /\b(day off|days off|time off|take off|be off|leave)\b|请假|休假|请.{0,8}假/, w: 2 },
    { re: TEAM_WORDS, w: -5 },
    { re: /\b(how many|how much|left|remaining|balance|history|records|status|approved|pending|rejected)\b|剩|余额|额度|记录|审批|状态|进度|到哪|(批|批准|通过)(了|没|下来)|几天假|还有(多少|几天)|请过|休过|哪些/, w: -3 },
    { re: /\{leaveId\}/, w: -3 },
    { re: BALANCE_QUESTION, w: -4 },
    { re: SUBMIT, w: 3 },
    { re: MADE, w: -4 },
    { re: /^(列|查查|显示|调出)|列(一下|下|个|出)/, w: -3 },
    { re: MY_LEAVE_ZH, w: -3 },
    { re: FAREWELL, w: -5 },
    { re: CANCEL_WORDS, w: -6 },
    { re: THIRD_PERSON, w: -8 },
    { re: /加班|\bovertime\b|\bot\b/, w: -5 },
    { re: /补卡|\b(correction|missed punch|missing punch)\b/, w: -5 },
  ],
  cancelLeave: [
    { re: CANCEL_WORDS, w: 2 },
    { re: /\{leaveId\}|\{date\}/, w: 1 },
    { re: LEAVE_WORDS, w: 1 },
    { re: /\b(cancell?ed|withdrawn)\s+(leaves?|requests?|ones)|已取消|取消了的|撤销了的/, w: -10 },
    { re: /\b(check|clock|punch)\w*\s+(in|out)\b|打卡|签到/, w: -6 },
    { re: /\bdrop(ping)?\s+(off|by|in)\b/, w: -6 },
  ],
  getLeaveBalance: [
    { re: BALANCE_QUESTION, w: 2 },
    // "do I have any leave next week" asks about the requests on a day, not what is left.
    { re: /\{date\}/, w: -3 },
    { re: /\b(left|remaining|balance|entitlement|allowance|quota|available)\b|剩|余额|额度|还有(多少|几天)/, w: 3 },
    { re: /\bhow (many|much)\b|几天|多少/, w: 1 },
    { re: /\b(left early|leave early)\b|早退/, w: -6 },
    { re: TEAM_WORDS, w: -4 },
  ],
  listMyLeaves: [
    { re: /\b(requests|applications|history|records|status|upcoming|pending|approved|rejected|denied|approval)\b|记录|审批|申请|批了|批准了|状态|列表/, w: 2 },
    { re: /\b(show|list|see|view|display)\b|看看|查看|查一下|查询|看一下|看下|列|查查|显示|调出|翻翻/, w: 1 },
    { re: LEAVE_WORDS, w: 1 },
    { re: /请过|休过|哪些假/, w: 2 },
    // "我的请假", "我的假呢": my leave as a thing I have is the list of it.
    { re: MY_LEAVE_ZH, w: 3 },
    { re: MADE, w: 2 },
    { re: /批下来|怎么样了|到哪|结果|\b(go|went|get|got|gotten|come|came) through\b/, w: 1 },
    { re: SUBMIT, w: -6 },
    { re: TEAM_WORDS, w: -4 },
    { re: /\{leaveId\}/, w: -4 },
    // "cancel my pending request" acts on a request; "my cancelled requests", "已取消的" list them.
    { re: /\b(cancel|withdraw|retract|revoke|call off|take back|scrap|undo)\b|(?<![已被])(取消|撤销|撤回|撤掉|作废)(?![了掉]?的)/, w: -6 },
  ],
  requestCorrection: [
    { re: /补卡|补打|补签|补一下|\b(correction|correct|fix)\b/, w: 2 },
    // The missing-punch reminder's own answer, "correct 18:05" (as "补卡 18:05" is in Chinese).
    { re: /^(correct|correction|fix)\s+(it\s+)?(to\s+|at\s+)?\d{1,2}(:\d{2})?\s*(am|pm)?[.!]?$/, w: 2 },
    { re: MAKE_UP, w: 2 },
    { re: /忘(了|记)?(打|签)|漏打|没打上|卡没打|\b(forgot|forgotten|never registered|did not register|never went through|missing punch|missed punch|punch (is|was) missing)\b/, w: 2 },
    { re: /\d{1,2}(:\d{2}|点)|\b\d{1,2}\s*(am|pm|sharp)\b/, w: 1 },
    { re: /加班|\bovertime\b/, w: -6 },
    { re: TEAM_WORDS, w: -4 },
  ],
  requestOvertime: [
    { re: /加班|\bovertime\b|\bot\b/, w: 3 },
    { re: /\d{1,2}(:\d{2})?\s*(点|am|pm)?\s*(到|至|-|to|till|until)\s*\d/, w: 2 },
    { re: /\b(how|policy|rules?|rate)\b|怎么算|规则/, w: -2 },
    { re: TEAM_WORDS, w: -4 },
  ],
  approveLeave: [
    { re: /\b(approve|accept|grant)\b|批准|同意|通过|批了|批一下|批掉|准了/, w: 2 },
    { re: /\b(do not|don't|not)\s+approve\b|不同意|不批|不准|不通过/, w: -12 },
    { re: DECISION_QUESTION_RE, w: -8 },
  ],
  rejectLeave: [
    { re: /\b(reject|deny|decline|refuse)\b|驳回|拒绝|否决|不同意|不批|拒了|拒掉|打回|退回|不通过/, w: 2 },
    { re: DECISION_QUESTION_RE, w: -8 },
  ],
  greeting: [{ re: /^(hi|hello|hey|yo|morning)\b|^(你好|您好|嗨|哈喽|早)/, w: 1 }],
  thanks: [{ re: /\b(thanks|thank you)\b|谢/, w: 1 }],
};
