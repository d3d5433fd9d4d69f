/**
 * Keyword cues: the scoring fallback beside the templates. Each cue adds (or, negative, takes
 * away) weight from an intent when it occurs anywhere in the masked sentence, so paraphrases no
 * template foresaw still land ("we are all here? who has not shown up"), and so that words that
 * change the meaning ("did I", 了吗, 谁) pull a sentence away from the obvious reading.
 */
import type { IntentName } from "./templates.ts";

/** One weighted cue. */
export interface Cue {
  re: RegExp;
  w: number;
}

// Asking about oneself ("did I check in?", "我今天打卡了吗") is a question, not a command.
const SELF_QUESTION = /\b(did i|have i|had i|when did i|what time did i|was i|am i|do i need to|should i|how do i|how to)\b|了吗|了没|没有\?|几点|什么时候|是不是|要不要|需不需要|怎么打卡/;
const TEAM_WORDS = /\b(team|teams|my group|department|my reports|direct reports|my staff|my people|employees|subordinates|everyone|everybody|anyone|anybody|nobody|no one|who|whom)\b|谁|我们组|组里|团队|部门|下属|手下|组员|大家|同事|员工|全组|本组|几个人|多少人|哪些人|有人|有没有人/;
// "see you tomorrow" is a goodbye, not a day off.
const FAREWELL = /\b(see you|bye|goodbye|good night|have a good)\b|明天见|再见|拜拜/;
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
  ],
  checkOut: [
    { re: /\b(check|checked|checking|clock|clocked|clocking|punch|punched|sign|signed|log|logging)\s+(me\s+)?(out|off)\b/, w: 2 },
    { re: /\b(home|leaving|heading out|done for|off for the day)\b/, w: 2 },
    { re: /下班|签退|回家/, w: 2 },
    { re: FAREWELL, w: 3 },
    { re: SELF_QUESTION, w: -8 },
    { re: TEAM_WORDS, w: -6 },
    { re: /\{leaveType\}/, w: -3 },
    { re: /\{date\}/, w: -1 },
    { re: /\b(late|absent|attendance)\b|迟到|考勤|出勤|早退/, w: -3 },
  ],
  punch: [
    { re: /打.{0,2}卡|\bpunch\b/, w: 1 },
    { re: /\b(record|log|mark|take)\s+my\s+attendance\b/, w: 2 },
    { re: SELF_QUESTION, w: -8 },
    { re: TEAM_WORDS, w: -6 },
    { re: /记录|情况|次数|\b(record|records|history)\b/, w: -3 },
  ],
  getMonthlyAttendance: [
    { re: /\{month\}/, w: 2 },
    { re: /\b(attendance|late|tardy|absent|absences|absence|punctual|punctuality|early leaves?|left early|missed punch|missing punch|full attendance|perfect attendance|timesheet)\b/, w: 2 },
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
    { re: /\b(how many|how much|left|remaining|balance|history|records|status|approved|pending|rejected)\b|剩|余额|额度|记录|批了|审批|状态|几天假|还有(多少|几天)|请过|休过|哪些/, w: -3 },
    { re: /\{leaveId\}/, w: -3 },
    { re: FAREWELL, w: -5 },
    { re: /\b(cancel|withdraw|retract|revoke|call off|take back|scrap|undo)\b|取消|撤销|撤回|撤掉|作废|不(请|休)假?了|不(想|要|用)(请|休).{0,12}了/, w: -6 },
  ],
  cancelLeave: [
    { re: /\b(cancel|withdraw|retract|revoke|call off|take back|scrap|undo)\b|取消|撤销|撤回|撤掉|作废/, w: 2 },
    { re: /\{leaveId\}|\{date\}/, w: 1 },
    { re: LEAVE_WORDS, w: 1 },
    { re: /\b(cancell?ed|withdrawn)\s+(leaves?|requests?|ones)|已取消|取消了的|撤销了的/, w: -10 },
    { re: /\b(check|clock|punch)\w*\s+(in|out)\b|打卡|签到/, w: -6 },
  ],
  getLeaveBalance: [
    { re: /\b(left|remaining|balance|entitlement|allowance|quota|available)\b|剩|余额|额度|还有(多少|几天)/, w: 3 },
    { re: /\bhow (many|much)\b|几天|多少/, w: 1 },
    { re: /\b(left early|leave early)\b|早退/, w: -6 },
    { re: TEAM_WORDS, w: -4 },
  ],
  listMyLeaves: [
    { re: /\b(requests|applications|history|records|status|upcoming|pending|approved|rejected|denied)\b|记录|审批|申请|批了|批准了|状态|列表/, w: 2 },
    { re: /\b(show|list|see|view|display)\b|看看|查看|查一下|查询|看一下|看下/, w: 1 },
    { re: LEAVE_WORDS, w: 1 },
    { re: /请过|休过|哪些假/, w: 2 },
    { re: TEAM_WORDS, w: -4 },
    { re: /\{leaveId\}/, w: -4 },
  ],
  approveLeave: [
    { re: /\b(approve|accept|grant)\b|批准|同意|通过/, w: 2 },
    { re: /\b(do not|don't|not)\s+approve\b|不同意|不批|不准|不通过/, w: -12 },
  ],
  rejectLeave: [{ re: /\b(reject|deny|decline|refuse)\b|驳回|拒绝|否决|不同意|不批/, w: 2 }],
  greeting: [{ re: /^(hi|hello|hey|yo|morning)\b|^(你好|您好|嗨|哈喽|早)/, w: 1 }],
  thanks: [{ re: /\b(thanks|thank you)\b|谢/, w: 1 }],
};
