/**
 * Sentence templates, hassil style, per intent and language. Kept as data: matcher.ts compiles
 * them to regular expressions once, grammar.ts turns the English ones into a JSGF grammar.
 *
 * Syntax: `(a|b)` one of, `[a|b]` optional, `{date}` `{month}` `{leaveType}` `{leaveId}` slots
 * (filled by the date, month and vocabulary scanners before matching), `*` a short gap (up to
 * three words, or eight Chinese characters; our one addition to hassil, which stays out of the
 * grammar). Templates match anywhere in the normalised sentence: lower case, contractions
 * expanded ("i am", "has not"), numbers as digits. Words must be plain dictionary words so
 * the speech grammar can use them.
 */

/** Tools a template can name. */
export type TemplateTool =
  | "checkIn" | "checkOut" | "getMonthlyAttendance" | "requestLeave" | "cancelLeave"
  | "getLeaveBalance" | "listMyLeaves" | "getTeamAttendance" | "approveLeave" | "rejectLeave"
  | "requestCorrection" | "requestOvertime";

/**
 * Tools the local model calls: the templates' ones, the answers the safety rules turn a
 * question into (today's punches, a policy question), an amendment of a filing, and a change
 * of the last punch's kind.
 */
export type ToolName = TemplateTool | "getTodayPunches" | "getPolicy" | "amendLeave" | "changePunchKind";

/** What a chat (no tool) reply is about. */
export type ChatTopic = "greeting" | "thanks" | "help" | "outOfScope";

/** Everything a sentence can be classified as; "punch" is a check-in or out as an `auto` punch would record. */
export type IntentName = TemplateTool | ChatTopic | "punch";

/** Templates of one intent. */
export interface IntentTemplates {
  en: string[];
  zh: string[];
}

const LEAVE_NOUN = "(leave|{leaveType}|day off|days off|time off|off|vacation|holiday)";
const TEAM = "(team|teams|my group|department|my reports|direct reports|my staff|my people|employees|subordinates|everyone|everybody|anyone|anybody|nobody|people|all staff|colleagues|whole company|entire company|company|whole office)";
// "today's attendance for everyone", "attendance overview across the company".
const DEPARTMENTS = "engineering|sales|marketing|hr|finance|operations|support|product|design|legal|research|it";
const ALL_OF_US = `(everyone|everybody|all|all staff|all employees|the team|my team|the whole team|the company|the whole company|the entire company|the department|my department|the office|the whole office|the organization|my people|my reports|${DEPARTMENTS})`;
const PRESENCE =
  "(checked in|check in|clocked in|clock in|punched in|signed in|late|absent|missing|in {date}|here {date}|off {date}|out {date}|on leave|on {leaveType}|on vacation|away|arrived|showed up|show up|shown up|come in|came in|in the office|at work|present|not in|not here|in yet|here yet|attendance|out sick|off sick)";

const LIST_ZH = "(列|列一下|列下|列个|列出|列出来|看看|看一下|看下|查查|查一下|查看|查询|显示|调出|拉出|翻翻|翻一下|给我看)";

export const TEMPLATES: Record<IntentName, IntentTemplates> = {
  checkIn: {
    en: [
      "(check|clock|punch|sign|log|book) [me|myself|us] in",
      "(checking|clocking|punching|signing|logging) [me] in",
      "i am (here|in|at work|at the office|in the office|at my desk|on site|on the clock|in now)",
      "i [have] (just|now) (arrived|got in|got here|got to work|got to the office|made it)",
      "i have arrived",
      "(start|starting|begin|beginning) [my|the] (day|shift|work|workday|work day)",
      "[i|i have|i just|just] arrived",
      "(record|log|register|mark) my (arrival|start time|check in|clock in)",
      "mark me [as] (present|here|in)",
      "(put|get|start) me on the clock",
      "(arrived|here) at (work|the office)",
      "time to (start|begin) work",
      "[i|i have|i just|just] (started|begun|began) (work|working|my day|my shift|my workday|the day)",
      "(record|log|note|register) that i [have] (arrived|started|got in|am here|am in)",
    ],
    zh: [
      "(上班|早上|早班|进门|到岗)打卡", "上班卡", "打卡上班", "打上班卡", "签到", "签个到", "签一下到",
      "到(公司|单位|办公室|岗|工位|了公司)了", "我到了", "开始上班", "(上班|开工)(了|啦)", "来上班了", "到岗", "报到",
    ],
  },
  checkOut: {
    en: [
      "(check|clock|punch|sign|log) [me|myself|us] (out|off)",
      "(checking|clocking|punching|signing|logging) [me] (out|off)",
      "[i am] (heading|going|off) home",
      "(take|get) me off the clock",
      "i am (leaving|heading out|off now|out of here|done|finished|off)",
      "(leaving|leave) (now|work|the office|for the day|for {date})",
      "(done|finished|through) (for the day|for {date}|with work|working)",
      "(end|ending|finish|finishing|wrap|wrapping) [up] [my] (day|shift|work|workday)",
      "call [it] a day", "calling it a day",
      "that is it for {date}",
      "(record|log|mark) my (departure|exit|end time|check out|clock out)",
      "time to go home",
    ],
    zh: [
      "下班打卡", "打下班卡", "打卡下班", "签退", "下班(了|啦)", "我[要|先|准备](走|撤)了", "回家(了|啦)", "(准备|要)下班",
      "收工", "下班", "离开公司",
    ],
  },
  punch: {
    en: ["(punch|clock) me [please]", "(punch|clock) [my] (card|time|attendance)", "punch the clock", "(record|log) my (punch|attendance)", "take my attendance"],
    zh: ["打卡", "打个卡", "打一下卡", "帮我打[个]卡"],
  },
  getMonthlyAttendance: {
    en: [
      "[my] attendance [record|records|summary|report|stats|statistics|history|status] (for|in|of) {month}",
      "(what is|how is|how was|what was|show|show me|check|tell me|give me|get|see|view|pull up|how does) * [my] attendance",
      "my (attendance|time sheet|punctuality|punch record|punch records|work record)",
      "how (many|often) * (late|early|absent|absences|missed|miss|tardy)",
      "(was|were|am|have) i [been] (late|absent|tardy)",
      "(late|left early|leave early|absent|absence|absences|missed punch|missing punch|missed punches|missing punches) * {month}",
      "(full|perfect) attendance",
      "how many (days|hours) (did i|have i) (work|worked|been at work|attended|come in)",
      "{month} attendance",
      "attendance summary",
    ],
    zh: [
      "考勤", "出勤", "迟到", "早退", "缺卡", "旷工", "全勤", "缺勤",
      "打卡(记录|情况|次数)", "上了几天班", "出了几天勤", "上班[了](几|多少)天",
    ],
  },
  getTeamAttendance: {
    en: [
      "who [on my team|in my team] (is|was|has|has not|is not|did not|have not) " + PRESENCE + " [{date}|yet]",
      "(who|whom|which people|how many people|anyone|anybody|nobody|no one) * " + PRESENCE,
      "[my] " + TEAM + " * " + PRESENCE,
      "(team|teams|department|group) (attendance|status)",
      "(is|are) (everyone|everybody|my team|the team|all my people|all my reports) * (in|here|present|checked in|at work)",
      "how (is|was|are) my (team|people|reports|department) [doing]",
      "who is (out|off|in|here)",
      "(attendance|overview|status|summary|report|roll call) * (for|of|across|in) " + ALL_OF_US,
      "(how is|how was|how are|how were) (" + DEPARTMENTS + ") [doing|today|{date}]",
      "(how is|how was|how are|how were) [the|my|our] (" + DEPARTMENTS + ") (team|department|group|people) [doing|today|{date}]",
    ],
    zh: [
      "谁 * (没|迟到|请假|缺勤|旷工|来|到|打卡|早退|休假|不在|在|{leaveType})",
      "(我们组|组里|团队|部门|下属|手下|组员|大家|同事|员工|全组|本组|我的团队|我的组) * (考勤|出勤|打卡|迟到|请假|到齐|来了|到了|情况|缺勤|没来|早退|休假)",
      "(几个人|多少人|哪些人|有人|有没有人) * (没|迟到|请假|打卡|缺勤|来|到|{leaveType})",
      "(都|全)到(了|齐)",
      "(全公司|全员|所有人|全体|每个人|各部门|整个公司|整个部门|公司的|公司里|公司整体|公司 {date}|{date} 公司) * (考勤|出勤|打卡|迟到|请假|到齐|情况|缺勤|没来|早退|休假)",
      "公司(出勤|考勤)",
      "(研发|销售|人事|人力资源|人力|财务|市场|行政|技术|产品|运营|客服|设计|测试|工程)部 * (考勤|出勤|打卡|迟到|请假|到齐|情况|缺勤|没来|早退|休假|怎么样)",
    ],
  },
  requestLeave: {
    en: [
      "(take|taking|request|requesting|file|filing|book|booking|submit|schedule|use|apply for|applying for|ask for|put in for|need|want|would like|like|get) * " + LEAVE_NOUN,
      "(submit|file|put in|make|raise|create|lodge|start|open|fill out|fill in|send in) * " + LEAVE_NOUN + " (request|application|form)",
      "(i am|i will be|i would be|put me|mark me) [down] [as] (off|out|away|on leave|on {leaveType}|{leaveType}|out {leaveType}|on vacation) * {date}",
      "i (will|would|can) not (be in|be coming in|come in|make it|be at work|be working|work) * {date}",
      "(can|could|may) i (have|take|get) * off",
      "{date} off",
      "i am {leaveType}",
      "(call|calling) in {leaveType}",
      "(see|go to|visit) (a|the|my) {leaveType}",
      "{leaveType} (on|for|from|starting) {date}",
      "{leaveType} (on|for|from|starting|next|this)",
      "(take|request|file|book|apply for) {leaveType}",
      "i (need|want|would like) [a|an|to take] ({leaveType}|day off|time off|leave)",
      "(take|taking|book|booking) [just|only] {date} [off]",
      "(take|taking|book|booking|need|want|like|get|have) [just|only] (half a day|a half day|half day|a day|the day|a few days|a couple of days|a couple days|some days|a week)",
      "(days|day|time|week|weeks) away from (work|the office)",
    ],
    zh: [
      "请 * 假", "请{leaveType}", "请 * {leaveType}", "休{leaveType}", "休 * 假", "申请 * ({leaveType}|假)",
      "(想|要|需要|得) * 休息", "(想|要|打算|准备|计划|得|需要)(休|歇) * ({date}|天|周|礼拜|星期)", "(走|办|弄) * 请假流程", "(提交|发起|递交|填|写|交|提个|提一个|打个|开个|开张|打张) * (申请|请假|假条|请假单|{leaveType})", "不(来|去)(上班|公司)了", "(来|去)不了[公司]", "请假", "{leaveType}",
    ],
  },
  cancelLeave: {
    en: [
      "(cancel|withdraw) my (leave|{leaveType}|request|leave request|day off|vacation) [on|for] [{date}]",
      "(cancel|withdraw|retract|revoke|call off|take back|delete|remove|drop|undo|scrap|scratch) * (leave|leaves|request|requests|application|{leaveType}|day off|days off|time off|{leaveId}|{date}|booking|vacation)",
      "i (do not|no longer) (need|want) * (leave|{leaveType}|day off|time off|off|vacation)",
      "(never mind|forget) (my|the) * (leave|{leaveType}|day off|vacation)",
    ],
    zh: [
      "(取消|撤销|撤回|撤掉|撤|作废|删掉|删除|不要) * (假|申请|{leaveType}|{date}|{leaveId})",
      "(假|申请|{leaveType}|{leaveId}) * (撤|取消|作废|删了|删掉|退掉|不要了|不请了|不休了)",
      "(不|不用)(请|休)[假]了", "不 [请|休] {leaveType} 了", "假不(请|休)了", "(取消|撤销|撤回)", "不(想|要|用)(请|休) * 了",
    ],
  },
  getLeaveBalance: {
    en: [
      "how (many|much) * (leave|{leaveType}|days off|time off|vacation|holiday|holidays|days) * (left|remaining|remain|available|do i have|have i got|can i take|can i use|is left|are left|do i get|have i)",
      "(leave|{leaveType}|vacation|time off) (balance|balances|remaining|left|entitlement|allowance|quota)",
      "(do i have|have i got|is there|are there) (any|enough|some) * (leave|{leaveType}|days off|vacation|time off) * (left|remaining)",
      "my (leave|{leaveType}) (balance|entitlement|allowance|quota)",
      "(left|remaining|remains) (of|in) my (leave|{leaveType}|vacation|time off)",
      "how many (leave|vacation|sick) days",
      "how (many|much) [days of] ({leaveType}|leave|vacation) (do i have left|is left|are left|do i have|have i got|remaining)",
      "(remaining|leftover|unused) (leave|{leaveType}|vacation|days off|time off)",
      "(do i|have i|will i) [still] (have|got) (any|some|enough|more) [more] (leave|{leaveType}|days off|vacation|vacation days|leave days|time off|holiday|holidays)",
      "(is there|are there|any) [still] [any|some] [more] (leave|{leaveType}|days off|vacation|vacation days|leave days|time off|holiday|holidays) (left|remaining)",
    ],
    zh: [
      "(还剩|剩下|剩余|还有|剩)(几天|多少|几个|多少天)", "(还剩|剩下|剩余|还有|剩) * (几天|多少)",
      "(假期|{leaveType}|假)(余额|额度|还有多少|剩多少|有几天|有多少)", "余额", "额度",
      "(还能|还可以|能|可以)(请|休)(几天|多少)", "有(几天|多少天|多少){leaveType}",
      "(还有|还剩|还有没有|有没有) * ({leaveType}|假|假期) [可以|能] [请|休|用] (吗|么|嘛|没有|没|不)", "(还有没有|有没有) * ({leaveType}|假|假期)", "({leaveType}|假|假期) * 还(有|剩) [多少|几天] (吗|么|嘛|没有|没)",
    ],
  },
  listMyLeaves: {
    en: [
      "(show|list|see|view|check|display|get|pull up|tell me|what are|give me|look at) [me] [all] [of] my * (leave|leaves|{leaveType}|time off|vacation|holiday) (requests|request|applications|application|history|records|record|status|bookings)",
      "my (leave|{leaveType}|time off) (requests|applications|history|records|status)",
      "(show|list|see|view|display) [me] [all] [of] (my|the) [past|previous|recent|upcoming|current] (leaves|requests|applications|days off|time off|vacations|holidays|leave|{leaveType}|leave requests)",
      "(show|list|see|view|display|check|pull up|give me|tell me|what is|what are|what) [me] * (leave|leaves|{leaveType}|time off|days off|requests|applications|vacation|holidays) * (i|i have|i had|that i) (requested|applied for|booked|taken|took|used|had|filed|submitted|put in|asked for)",
      "(did|has|have) (they|my manager|my boss|the boss|hr|anyone|someone|somebody) [already] (approve|approved|reject|rejected|sign off on|signed off on|deny|denied) my * (leave|request|application|{leaveType}|day off|days off|time off|vacation)",
      "where is my * (leave|request|application|{leaveType}|time off|vacation)",
      "(did|have|had) i [already] (submit|submitted|file|filed|request|requested|apply for|applied for|book|booked|put in|send|sent) * (leave|request|application|{leaveType}|time off|day off|days off|vacation)",
      "(leave|time off) (history|records|requests|applications)",
      "(status|progress) of my * (leave|request|application|{leaveType}|time off|day off|days off|vacation)",
      "(is|was|has|have|did|does) my * (leave|request|application|{leaveType}|day off|time off|vacation|leaves|requests) * (approved|accepted|rejected|denied|pending|gone through|processed)",
      "my * (leave|request|application|{leaveType}|day off|time off|vacation|leaves|requests) (got|get|has been|have been|was|were|is|are) [already|all] (approved|accepted|rejected|denied|declined|processed|gone through)",
      "when is my (next|upcoming) * (leave|{leaveType}|day off|time off|vacation|holiday)",
      "(any|my|upcoming) (upcoming|pending|approved|rejected|cancelled|canceled) (leave|leaves|requests|{leaveType}|time off|vacation)",
      "(what|which) (leave|leaves|requests|days off) (do i have|have i|did i)",
      "(do|will|did) i have (any|some) * (leave|leaves|{leaveType}|days off|day off|time off|vacation) * {date}",
    ],
    zh: [
      "请假(记录|申请|情况|列表|历史|状态|单|进度|审批)", "(假期|休假|{leaveType})(记录|申请|列表|历史|状态)",
      "请过 * 假", "(请|休)过(哪些|几次|什么)", "(批|批准|通过|审批)了(吗|没)", "审批(进度|状态|结果)", "(看看|查看|查一下|查询|看下|看一下)我的(请假|假条|申请|假)",
      "{date} * (有没有|有) * (请假|假|{leaveType}) [吗]", "{date} * (请|休)了 * (假|{leaveType}) (吗|没有|没)", "哪些假", "(待审批|审批中|已批准|被驳回|已取消|已通过)的",
      "(请假|假|申请) * (审批|进度|状态|批了|到哪)",
      "我(请|申请|提交|休|报)的 * (假|请假|申请|{leaveType}|假条) * (批|审批|通过|怎么样|状态|进度|到哪|结果|下来|驳回)",
      "(批|批准|通过)下来了", "(批|批准|通过)[了]没[有]", "我有(哪些|什么) * (假|请假|申请)",
      // "列一下我的请假", "查查我还没批的假": a listing verb before my leave is a listing, not a request.
      LIST_ZH + " * 我 * (假|请假|假条|申请|休假|{leaveType})", LIST_ZH + " * (请假|休假|假期|{leaveType})(记录|申请|单|列表|历史)",
      "(请假|假|休假|假期|{leaveType}|申请) * (列一下|列下|列出来|列出|列个|显示一下|显示出来)",
    ],
  },
  requestCorrection: {
    en: [
      "(put in|submit|file|request|raise|make|need|want|get) * (correction|fix|punch correction|attendance correction)",
      "(fix|correct|amend) my (punch|punches|clock in|clock out|check in|check out|attendance|record)",
      "(forgot|forgotten) to (check|clock|punch|sign) [me] (in|out)",
      "(punch|punches|check in|clock in|check out|clock out|sign in) (is|was|are|were) missing",
      "(missing|missed) (punch|punches|check in|clock in|check out|clock out)",
      "correction for (my|the|a) (punch|clock in|clock out|check in|check out|missed punch|missing punch)",
    ],
    zh: [
      "补卡", "补 * 卡", "补打", "补签", "补(个|一个|一下)[上班|下班](卡|签到|签退)", "(申请|提交|提|交) * 补卡",
      "忘[了|记]打 * 卡", "漏打 * 卡", "卡没打上", "(上班|下班)卡(漏|忘)[了]打", "(卡|签到|签退) * (补|补打|补签)", "没[有]打[到|上|成]卡", "卡没打(到|成)",
    ],
  },
  requestOvertime: {
    en: [
      "(log|file|submit|request|book|record|put in|claim|apply for|register) * (overtime|ot)",
      "overtime (request|pay|for|on|from|tonight|today|this)",
      "(work|working|worked) overtime",
    ],
    zh: [
      "(报|申请|提|登记|记|提交|交|走) * 加班", "加班(申请|费|单)", "加班 * (到|至)",
    ],
  },
  approveLeave: {
    en: [
      "(approve|accept|grant) [leave|request|leave request|application] [number] {leaveId}",
      "(approve|accept|grant|okay|ok|sign off on|authorize|allow) * {leaveId}", "{leaveId} (is|is now) approved",
      "{leaveId} * (approve|accept|grant) (it|that|this|that one|this one)"],
    // The verb may come last: "把编号8的申请批了吧", "42号请假通过一下".
    zh: ["(批准|同意|通过|准了|批了|批一下|准假|核准|允许) * {leaveId}", "{leaveId} * (批准|同意|通过|批了|批一下|批掉|批下|给批|准了|核准|放行)"],
  },
  rejectLeave: {
    en: [
      "(reject|deny|decline|refuse) [leave|request|leave request|application] [number] {leaveId}",
      "(reject|deny|decline|refuse|turn down|disapprove|do not approve|veto) * {leaveId}", "{leaveId} (is|is now) (rejected|denied|declined)",
      "{leaveId} * (reject|deny|decline|refuse) (it|that|this|that one|this one)"],
    zh: ["(驳回|拒绝|不同意|否决|不批|不准|打回|退回|拒了) * {leaveId}", "{leaveId} * (驳回|拒绝|不同意|否决|拒了|拒掉|不批|不准|不通过|打回|退回)"],
  },
  greeting: {
    en: ["(hi|hello|hey|howdy|greetings)", "good (morning|afternoon|evening)"],
    zh: ["你好", "您好", "嗨", "哈喽", "早上好", "早安", "上午好", "下午好", "晚上好", "在吗", "在不在"],
  },
  thanks: {
    en: ["(thank you|thanks|thank|cheers|much appreciated|appreciate it)"],
    zh: ["谢谢", "多谢", "感谢", "辛苦(了|啦)", "谢(了|啦)"],
  },
  help: {
    en: [
      "what (can|do) you do", "what are you", "who are you", "how (do|can) i use (you|this)", "help",
      "what (commands|features|functions)", "what can i (ask|say)", "how does this work",
    ],
    zh: [
      "你(能|会|可以)(做|干)(什么|啥)", "你是谁", "怎么用", "有(什么|哪些)功能", "帮助", "能帮我[做|干](什么|啥)",
      "你(有|都有)什么(功能|本事)", "使用说明",
    ],
  },
  outOfScope: {
    en: [
      "weather", "joke", "news", "stock", "stocks", "sing", "song", "music", "play (some|a|me)", "story", "recipe",
      "movie", "sports", "translate", "capital of", "who won", "what time is it", "traffic", "flight", "restaurant",
      "poem", "meaning of life", "how old are you", "temperature", "rain", "snow", "lunch", "dinner", "order food",
    ],
    zh: [
      "天气", "笑话", "新闻", "股票", "唱 * 歌", "音乐", "讲 * 故事", "电影", "翻译", "几点了", "下雨", "气温", "温度",
      "菜谱", "吃什么", "比赛", "诗", "彩票", "星座", "午饭", "晚饭",
    ],
  },
};
