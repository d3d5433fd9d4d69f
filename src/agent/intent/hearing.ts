/**
 * Mis-hearing and regional speech, repaired before anything else reads the sentence: a
 * recogniser's homophones ("帮我大个卡", "明天请一天病价", "czech me in"), near-sounds ("掉休",
 * "check me inn", "lock me in") and the words of Cantonese, northern and south-western Mandarin
 * and Taiwan ("唔该", "返工", "今儿个", "查哈", "特休") become the words the templates know.
 *
 * Chinese homophones are found through toneless pinyin (pinyin-pro), so any character with the
 * right sound is caught, not only the ones a table foresaw. A repair needs one character of the
 * word to be right already ("病价" has 病): a whole word of other characters is another word
 * ("念家" is not 年假). Every repair is counted, so the caller can lower its confidence.
 */
import { pinyin } from "pinyin-pro";

/** The repaired text and how much was changed to get it. */
export interface Heard {
  text: string;
  /** Words replaced by a word that sounds the same. */
  homophones: number;
  /** Words replaced by a word that only sounds alike (d/t, n/l, in/ing, zh/z, English near-sounds). */
  nearSounds: number;
}

/** Attendance words a recogniser mishears, by toneless pinyin. */
const WORDS: Array<{ word: string; sound: string[]; before?: RegExp; after?: RegExp }> = [
  { word: "打卡", sound: ["da", "ka"] },
  { word: "打个卡", sound: ["da", "ge", "ka"] },
  { word: "打下卡", sound: ["da", "xia", "ka"] },
  { word: "签到", sound: ["qian", "dao"] },
  { word: "签退", sound: ["qian", "tui"] },
  { word: "签个到", sound: ["qian", "ge", "dao"] },
  { word: "签个退", sound: ["qian", "ge", "tui"] },
  { word: "考勤", sound: ["kao", "qin"] },
  { word: "出勤", sound: ["chu", "qin"] },
  { word: "请假", sound: ["qing", "jia"] },
  { word: "休假", sound: ["xiu", "jia"] },
  { word: "病假", sound: ["bing", "jia"] },
  { word: "年假", sound: ["nian", "jia"] },
  { word: "事假", sound: ["shi", "jia"], before: /[请个天休走]$/ },
  { word: "婚假", sound: ["hun", "jia"] },
  { word: "丧假", sound: ["sang", "jia"] },
  { word: "产假", sound: ["chan", "jia"] },
  { word: "调休", sound: ["tiao", "xiu"] },
  { word: "补卡", sound: ["bu", "ka"], before: /[要想帮我个来能]$/ },
  { word: "缺卡", sound: ["que", "ka"] },
  { word: "早退", sound: ["zao", "tui"] },
  { word: "旷工", sound: ["kuang", "gong"] },
  { word: "假条", sound: ["jia", "tiao"] },
  { word: "加班", sound: ["jia", "ban"], after: /^[^天年月日个场]/ },
];

// Real words that sound like an attendance word: never "repaired".
const KEEP = new Set(["不卡", "实价", "世家", "大咖", "假调", "家教", "加半", "驾照"]);

const ANCHORS = new Set(WORDS.flatMap((w) => [...w.word]));

const FOLDED = new Map<string, string>();
/** Initials and finals recognisers confuse; both sides are folded the same way. */
function fold(syllable: string): string {
  let f = FOLDED.get(syllable);
  if (f === undefined) FOLDED.set(syllable, (f = foldOnce(syllable)));
  return f;
}

function foldOnce(syllable: string): string {
  return syllable
    .replace(/^zh/, "z").replace(/^ch/, "c").replace(/^sh/, "s")
    .replace(/^l/, "n").replace(/^t/, "d").replace(/^p/, "b").replace(/^k/, "g")
    .replace(/ing$/, "in").replace(/eng$/, "en").replace(/ang$/, "an");
}

// Readings per character, every reading of a polyphone (调: diao, tiao), looked up once.
const SOUNDS = new Map<string, string[]>();
function soundsOf(ch: string): string[] {
  let v = SOUNDS.get(ch);
  if (!v) {
    v = /[\u3400-\u9fff]/.test(ch) ? [...new Set(pinyin(ch, { toneType: "none", type: "array", multiple: true, v: true }) as string[])] : [ch];
    SOUNDS.set(ch, v);
  }
  return v;
}

/** 2 when `ch` can sound exactly like `sound`, 1 when only alike, else 0. */
function likeness(ch: string, sound: string): number {
  const all = soundsOf(ch);
  if (all.includes(sound)) return 2;
  const folded = fold(sound);
  return all.some((s) => fold(s) === folded) ? 1 : 0;
}

function repairChinese(text: string): { text: string; homophones: number; nearSounds: number } {
  const chars = [...text];
  if (!chars.some((c) => ANCHORS.has(c))) return { text, homophones: 0, nearSounds: 0 };
  let homophones = 0;
  let nearSounds = 0;
  for (let i = 0; i < chars.length; i++) {
    if (!ANCHORS.has(chars[i]) && !ANCHORS.has(chars[i + 1] ?? "") && !ANCHORS.has(chars[i + 2] ?? "")) continue;
    for (const w of WORDS) {
      const n = w.sound.length;
      if (i + n > chars.length) continue;
      // One character must be right already, and not all of them.
      let right = 0;
      for (let j = 0; j < n; j++) if (chars[i + j] === w.word[j]) right++;
      if (right === 0 || right === n) continue;
      const said = chars.slice(i, i + n);
      if (KEEP.has(said.join(""))) continue;
      let exact = true;
      let near = true;
      for (let j = 0; j < n && near; j++) {
        const l = said[j] === w.word[j] ? 2 : likeness(said[j], w.sound[j]);
        if (l < 2) exact = false;
        if (l === 0) near = false;
      }
      if (!near) continue;
      if (w.before && !w.before.test(chars.slice(0, i).join(""))) continue;
      if (w.after && !w.after.test(chars.slice(i + n).join("") || "。")) continue;
      for (let j = 0; j < n; j++) chars[i + j] = w.word[j];
      if (exact) homophones++;
      else nearSounds++;
      break;
    }
  }
  return { text: chars.join(""), homophones, nearSounds };
}

/** Regional words and spoken forms to the Mandarin the templates use; [pattern, replacement]. */
const REGIONAL: Array<[RegExp, string]> = [
  // Cantonese
  [/唔该(?:晒)?/g, "请"], [/返工/g, "上班"], [/放工/g, "下班"], [/收工/g, "下班"], [/冇/g, "没有"], [/咗/g, "了"],
  [/嘅/g, "的"], [/唔使|唔洗|唔駛/g, "不用"], [/唔好/g, "不要"], [/唔/g, "不"], [/乜嘢|咩/g, "什么"], [/几时/g, "什么时候"],
  [/点样/g, "怎么"], [/睇/g, "看"], [/今个月/g, "这个月"], [/(?<=[请休放])([一二两三四五六七八九十\d]+)日(?![期子])/g, "$1天"], [/(?<=[请休])一日/g, "一天"], [/俺/g, "我"], [/听日/g, "明天"], [/琴日|寻日|尋日/g, "昨天"], [/今日/g, "今天"], [/我哋/g, "我们"], [/畀我/g, "给我"],
  [/系唔系/g, "是不是"], [/(?<=[卡假])先(?=$|[,，。!！?？])/g, ""], [/[喇啰咯嘞噃啦呀咧噻哒]+(?=$|[,，。!！?？])/g, ""],
  // Northern and south-western Mandarin
  [/(今|明|昨)儿个?/g, "$1天"], [/咋整|咋办|咋弄/g, "怎么办"], [/咋/g, "怎么"], [/啥/g, "什么"], [/没得/g, "没有"],
  [/(?<=[查看弄搞整打问瞅瞧])哈(?=[卡下子儿]|$|[,，。!！?？吧])/g, "一下"], [/(?<=[大打达搭])哈(?=卡)/g, "一下"], [/瞅瞅|瞧瞧/g, "看看"],
  [/整(?=(?:个|一个|张|一下)?(?:上班|下班)?卡)/g, "打"], [/签个(到|退)/g, "签$1"], [/签一下(到|退)/g, "签$1"], [/礼拜天/g, "礼拜日"],
  // Taiwan
  [/特休/g, "年假"], [/请特休假/g, "请年假"],
];

/** English near-sounds a recogniser (or a phone keyboard) makes of attendance words. */
const EN_NEAR: Array<[RegExp, string]> = [
  [/\b(?:czech|cheque|chek|chuck|chick|chekc|jack|shack|chalk)(?=\s+(?:me\s+|myself\s+|us\s+)?(?:in|inn|out|off)\b)/gi, "check"],
  [/\b(?:clog|clogged|glock|clark|cloak|clack|lock|block|clok|clocke)(?=\s+(?:me|myself)\s+(?:in|inn|out)\b)/gi, "clock"],
  [/\b(?:sine|sighn)(?=\s+(?:me\s+)?(?:in|out|off)\b)/gi, "sign"],
  [/\b(check|clock|punch|sign)(\s+(?:me\s+|myself\s+)?)(?:inn|end|and|inch)(?=\s*(?:please|now|thanks|thank you|for me|[,.!?]|$))/gi, "$1$2in"],
  [/\b(check|clock|punch|sign)\s+my\s+(?=(?:in|out)\b)/gi, "$1 me "],
  [/\battend(?:ants|ents|ence|ance's|ances|ants')\b/gi, "attendance"],
  [/\bpersonnel(?=\s+(?:day|days|leave|time|reasons?|matters?|business))/gi, "personal"],
  [/\b(sick|annual|personal|compensatory|bereavement|marriage|maternity|paternity|unpaid|medical)\s+leaf\b/gi, "$1 leave"],
  [/\bbere(?:a)?ve?ment\b/gi, "bereavement"],
  [/\bvacay\b/gi, "vacation"],
  [/\btime of(?=\s+(?:for|on|next|tomorrow|this|from)\b)/gi, "time off"],
  [/\boutta here\b/gi, "out of here"],
];

/**
 * The sentence with mis-heard and regional words replaced; `raw` is what was said or typed.
 *
 * @example hear("帮我大个卡").text // "帮我打个卡"
 * @example hear("czech me in please").text // "check me in please"
 */
export function hear(raw: string): Heard {
  let text = raw;
  let nearSounds = 0;
  for (const [re, rep] of EN_NEAR) {
    const before = text;
    text = text.replace(re, rep);
    if (text !== before) nearSounds++;
  }
  if (!/[\u3400-\u9fff]/.test(text)) return { text, homophones: 0, nearSounds };
  for (const [re, rep] of REGIONAL) text = text.replace(re, rep);
  const zh = repairChinese(text);
  // A repair can make a spoken form the rules know ("签个推" -> "签个退" -> "签退").
  if (zh.homophones + zh.nearSounds > 0) for (const [re, rep] of REGIONAL) zh.text = zh.text.replace(re, rep);
  return { text: zh.text, homophones: zh.homophones, nearSounds: nearSounds + zh.nearSounds };
}
