/**
 * Someone other than the speaker, or a department, named in a question: "王小明这个月考勤怎么样",
 * "how is Wang doing this month", "李雷今天来了吗", "研发部今天出勤怎么样". The tools resolve the name
 * against what the speaker may see (a manager's team, HR's company); an employee is told they
 * cannot see a colleague's records. Here only the words are found.
 */

/** People and departments the speaker's organisation has, when known (lower-case matching). */
export interface Directory {
  people: ReadonlyArray<{ login: string; name: string; nameEn: string }>;
  departments: ReadonlyArray<{ code: string; name: string; nameEn: string }>;
}

// The commonest Chinese surnames; a name is one of them and one or two more characters.
const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤艾";
// What is said about them: their month, their day, their attendance.
const ABOUT = "(?:这个月|本月|上个月|上月|今天|昨天|这周|本周|最近|[0-9]{1,2}月份?)?(?:的)?(?:考勤|出勤|迟到|早退|缺卡|请假|打卡|情况|表现|怎么样|来了[吗没]|到了[吗没]|来没来|到没到|在不在|上班了[吗没])";
const ZH_NAME_RE = new RegExp(`(?:^|[查看问]|一下|帮我)((?:小|老)[${SURNAMES}]|[${SURNAMES}][\\u4e00-\\u9fff]{1,2}?)(?=${ABOUT})`);
const NOT_NAMES = /^(我|你|他|她|大家|我们|他们|团队|部门|公司|组里|全员|全组|本组|今天|明天|本月|同事|员工|下属|手下|高层|周[一二三四五六日天]|马上|江湖|程序|万一|金额|方面)/;
// "how is Wang doing", "Chen Jing's attendance", "is Li Lei in today", "did Zhang come in".
const EN_NAME_RES = [
  /\bhow (?:is|was|has) ([A-Za-z][a-z]+(?: [A-Z][a-z]+)?) (?:been )?doing\b/,
  /\b([A-Z][a-z]+(?: [A-Z][a-z]+)?)['’]s (?:attendance|record|month|punches|leave)\b/,
  /\b(?:attendance|record|numbers) (?:of|for) ([A-Z][a-z]+(?: [A-Z][a-z]+)?)\b/,
  /\b(?:is|was|has|did) ([A-Z][a-z]+(?: [A-Z][a-z]+)?) (?:in|here|late|absent|off|on leave|come in|came in|checked in|check in|clocked in|arrived|been late)\b/,
];
const EN_NOT_NAMES = /^(i|you|he|she|it|we|they|my|the|this|that|everyone|everybody|anyone|anybody|team|my team|sales|engineering|hr|attendance)$/i;

/** The person a sentence asks about (as said: a name, a surname, an English name), or null. */
export function findPerson(raw: string, directory?: Directory): string | null {
  if (directory) {
    const lower = raw.toLowerCase();
    for (const p of directory.people) {
      for (const n of [p.name, p.nameEn, p.nameEn.split(" ")[0]]) {
        if (n && n.length >= 2 && (/[\u3400-\u9fff]/.test(n) ? raw.includes(n) : new RegExp(`\\b${n.toLowerCase()}\\b`).test(lower))) return n;
      }
    }
  }
  const zh = ZH_NAME_RE.exec(raw.replace(/\s+/g, ""));
  if (zh && !NOT_NAMES.test(zh[1])) return zh[1];
  for (const re of EN_NAME_RES) {
    const m = re.exec(raw);
    if (m && !EN_NOT_NAMES.test(m[1])) return m[1];
  }
  return null;
}

const ZH_DEPT_RE = /((?:研发|销售|人事|人力资源|人力|财务|市场|行政|技术|产品|运营|客服|设计|测试|工程)部)/;
const EN_DEPT_RE = /\b(engineering|sales|marketing|hr|human resources|finance|operations|support|product|design|legal|research|r&d)\b(?:\s+(?:team|department|dept))?/;

/** The department a sentence names, as said ("研发部", "engineering"), or null. */
export function findDepartment(s: string, directory?: Directory): string | null {
  if (directory) {
    for (const d of directory.departments) for (const n of [d.name, d.nameEn.toLowerCase(), d.code.toLowerCase()]) if (n && s.includes(n)) return n;
  }
  return ZH_DEPT_RE.exec(s)?.[1] ?? EN_DEPT_RE.exec(s)?.[1] ?? null;
}

/** Which figure of a month a question is about, when it is about one. */
export type MonthFocus = "missing" | "late" | "early" | "absent";

const FOCUS: Array<[MonthFocus, RegExp]> = [
  ["missing", /缺卡|没打卡|忘打卡|忘了打卡|漏打|没签|\b(miss|missed|missing|forgot|forget|forgotten)\b/],
  ["early", /早退|\b(left early|leave early|leaving early|early leaves?|early departures?)\b/],
  ["late", /迟到|\b(late|tardy|lateness)\b/],
  ["absent", /旷工|缺勤|\b(absent|absences?|no[- ]shows?)\b/],
];

/** The one figure a month question asks about ("我这个月有几天没打卡" -> missing), or null. */
export function monthFocus(s: string): MonthFocus | null {
  const hits = FOCUS.filter(([, re]) => re.test(s));
  return hits.length === 1 ? hits[0][0] : null;
}
