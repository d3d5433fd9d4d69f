/**
 * Language detection and text normalisation: everything that makes "I'm heading home, clock out",
 * "i am heading home clock out" (a recogniser's output) and "ＩＭ　ＨＥＡＤＩＮＧ…" look alike.
 */
import { chineseNumeralsToDigits, englishNumbersToDigits } from "./numbers.ts";

/** The language a user spoke; replies follow it. */
export type Language = "zh" | "en";

const CJK_RE = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * "zh" when the text contains any Chinese character, else "en". Mixed sentences ("请annual
 * leave") are Chinese speakers using an English word, and get a Chinese reply.
 */
export function detectLanguage(text: string): Language {
  return CJK_RE.test(text) ? "zh" : "en";
}

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
  s = s.replace(/[。！？!?；;：:、"“”（）()【】\[\]<>《》…]+/g, ",");
  s = s.replace(/(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff\d])|(?<=[\u3400-\u9fff\d])\s+(?=[\u3400-\u9fff])/g, "");
  s = englishNumbersToDigits(s);
  s = chineseNumeralsToDigits(s);
  return s.replace(/\s+/g, " ").replace(/\s*,\s*/g, ", ").replace(/^[\s,]+|[\s,.]+$/g, "");
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
