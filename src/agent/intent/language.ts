/**
 * Language detection and text normalisation: everything that makes "I'm heading home, clock out",
 * "i am heading home clock out" (a recogniser's output) and "ＩＭ　ＨＥＡＤＩＮＧ…" look alike.
 */
import { chineseNumeralsToDigits, englishNumbersToDigits } from "./numbers.ts";

/** The language a user spoke (replies follow it), and how it is told: the product's one of each. */
export { detectLanguage, type Language } from "../../attendance/language.ts";

// Only the contractions whose expansion is a word we match on; "wang's" just loses its apostrophe.
const CONTRACTIONS: Array<[RegExp, string | ((m: string) => string)]> = [
  [/\bcan't\b/g, "can not"],
  [/\bwon't\b/g, "will not"],
  [/\bain't\b/g, "is not"],
  [/\b(\w+)n't\b/g, "$1 not"],
  [/\b(what|it|that|who|how|where|there|here|he|she)'s\b/g, "$1 is"],
  [/\blet's\b/g, "let us"],
  [/\bi'm\b/g, "i am"],
  [/\b(\w+)'re\b/g, "$1 are"],
  [/\b(\w+)'ve\b/g, "$1 have"],
  [/\b(\w+)'ll\b/g, "$1 will"],
  [/\b(\w+)'d\b/g, "$1 would"],
  // Possessives go: "tomorrow's leave" is about tomorrow, "my team's attendance" about the team.
  [/'s\b/g, ""],
  [/\bwanna\b/g, "want to"],
  [/\bgonna\b/g, "going to"],
  [/\bgotta\b/g, "got to"],
  [/\b(pls|plz)\b/g, "please"],
  [/\b(im)\b(?=\s+(?:here|in|at|heading|going|leaving|off|out|done|sick|taking))/g, "i am"],
  [/\b(check|clock|sign|punch)-(me|myself|us)-(in|out)\b/g, "$1 $2 $3"],
  [/\bclock-(in|out)\b/g, "clock $1"],
  [/\bcheck-(in|out)\b/g, "check $1"],
  [/\b(checkin|checkout|clockin|clockout|signin|signout)\b/g, (m) => m.replace(/(in|out)$/, " $1")],
  [/\bhalf-day\b/g, "half day"],
  [/\bday-off\b/g, "day off"],
];

/**
 * Lower-cased, width-folded text with English contractions expanded, sentence punctuation turned
 * into commas, spaces between Chinese characters removed (recognisers insert them), and
 * number words in both languages rewritten as digits.
 */
export function normalize(text: string): string {
  let s = text.normalize("NFKC").toLowerCase();
  s = s.replace(/[\u2018\u2019\u02bc`´]/g, "'").replace(/[\u201c\u201d]/g, '"');
  s = s.replace(/[\u2013\u2014\u2015\u301c\uff5e]/g, "-");
  for (const [re, rep] of CONTRACTIONS) s = typeof rep === "string" ? s.replace(re, rep) : s.replace(re, rep);
  // Keep "-", "~", "/", "." and "#": they are part of dates (12/1, 12.1-12.3) and ids (#12).
  // A colon between digits is a clock time (9:30); elsewhere it ends a clause.
  s = s.replace(/(?<=\d)[：:](?=\d)/g, "\u0000");
  s = s.replace(/[。！？!?；;：:、"“”（）()【】\[\]<>《》…]+/g, ",").replace(/\u0000/g, ":");
  s = s.replace(/(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff\d])|(?<=[\u3400-\u9fff\d])\s+(?=[\u3400-\u9fff])/g, "");
  s = englishNumbersToDigits(s);
  s = chineseNumeralsToDigits(s);
  // Spoken short forms of days: 明后两天 (tomorrow and the day after), 明早 (tomorrow morning).
  s = daysOfAWeek(s);
  s = s.replace(/明后(?:2|两)?天/g, "明天到后天").replace(/今明(?:2|两)?天/g, "今天到明天").replace(/明早(?!上)/g, "明天早上").replace(/今早(?!上)/g, "今天早上").replace(/今晚(?!上)/g, "今天晚上");
  return s.replace(/\s+/g, " ").replace(/\s*,\s*/g, ", ").replace(/^[\s,]+|[\s,.]+$/g, "");
}

const EN_WD = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const ZH_WD = ["一", "二", "三", "四", "五", "六", "日"];

/**
 * "the first three days of next week" -> "monday to wednesday next week", "下周前三天" -> "下周一到下周三",
 * "the last two days of this week" -> "thursday to friday this week": said as a span of a working week.
 */
function daysOfAWeek(s: string): string {
  return s
    .replace(/\b(?:the\s+)?(first|1st|last)\s+(\d)\s+(?:working\s+|work\s+)?days\s+of\s+(next|this|the following)\s+week\b/g, (m, side: string, n: string, week: string) => {
      const k = Number(n);
      if (k < 1 || k > 5) return m;
      const [a, b] = side !== "last" ? [0, k - 1] : [5 - k, 4];
      const w = week === "this" ? "this" : "next";
      return `${EN_WD[a]} to ${EN_WD[b]} ${w} week`;
    })
    .replace(/(下下|下|这|本)(?:个)?(周|星期|礼拜)(?:的)?(前|后|最后)(\d)(?:个工作日|天)/g, (m, q: string, unit: string, side: string, n: string) => {
      const k = Number(n);
      if (k < 1 || k > 5) return m;
      const [a, b] = side === "前" ? [0, k - 1] : [5 - k, 4];
      return `${q}${unit}${ZH_WD[a]}到${q}${unit}${ZH_WD[b]}`;
    });
}

// Hesitations carry no meaning anywhere; discourse openers ("so", 那个, 就是, 麻烦) only at the start.
const HESITATION_RE = /(?:^|[\s,，、]+)(?:u+m+|u+h+|uhm|erm|hmm+|mm+)(?=[\s,，、.。…!?！？]|$)[\s,，、.。…]*|[嗯呃]+[,，、.。…\s]*/gi;
const OPENER_RE =
  /^(?:\s*(?:well|so|oh|ah|please|那个|就是说?|然后|麻烦(?:[你您](?![能会是好可]))?|请问|哦|噢|啊|诶|哎|唉)(?:\s*[,，、.。…]+\s*|\s+|(?<=[\u3400-\u9fff])(?=[\u3400-\u9fff\d])))+/i;

/**
 * The raw text without fillers ("um, list my leave", "嗯，那个，我还有年假吗", "麻烦帮我签到"),
 * which never change what is asked. Text that is nothing but fillers is returned as it was.
 */
export function stripFillers(raw: string): string {
  const out = raw.replace(HESITATION_RE, " ").trim().replace(OPENER_RE, "").trim();
  return /[\p{L}\p{N}]/u.test(out) ? out : raw;
}
