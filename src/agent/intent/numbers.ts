/**
 * Spelled-out numbers to digits, in both languages.
 *
 * Speech recognisers write "december first" and "十二月一号"; everything downstream (dates, leave
 * ids, durations) only has to understand digits once these run.
 */

const EN_CARDINAL: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19,
};
const EN_ORDINAL: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9,
  tenth: 10, eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15,
  sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20, thirtieth: 30,
};
const EN_TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};

/** English cardinal words 1-19 and tens, in order, for grammars. */
export const EN_UNIT_WORDS = Object.keys(EN_CARDINAL).filter((w) => w !== "zero");
/** English tens words (twenty ... ninety), for grammars. */
export const EN_TENS_WORDS = Object.keys(EN_TENS);
/** English ordinal words 1st-19th plus twentieth and thirtieth, for grammars. */
export const EN_ORDINAL_WORDS = Object.keys(EN_ORDINAL);

const UNIT_ALT = Object.keys(EN_CARDINAL).concat(Object.keys(EN_ORDINAL)).join("|");
const EN_NUMBER_RE = new RegExp(
  `\\b(?:(${Object.keys(EN_TENS).join("|")})(?:[\\s-]+(${UNIT_ALT}))?|(${UNIT_ALT}))\\b`,
  "g",
);

/** "1st", "2nd", "3rd", "4th", "11th", "21st". */
export function ordinalSuffix(n: number): string {
  const t = n % 100;
  if (t >= 11 && t <= 13) return `${n}th`;
  return `${n}${["th", "st", "nd", "rd"][n % 10] ?? "th"}`;
}

/**
 * Rewrites English number words as digits: "twenty first" -> "21st", "three days" -> "3 days".
 * Ordinals keep their suffix so "the first" stays distinguishable from "one" (a date, not a count).
 */
export function englishNumbersToDigits(text: string): string {
  return text.replace(EN_NUMBER_RE, (whole, tens: string | undefined, unit: string | undefined, alone: string | undefined, offset: number) => {
    // "no one", "every one": pronouns, not counts.
    if (alone === "one" && /\b(no|every|any|some)\s+$/.test(text.slice(Math.max(0, offset - 6), offset))) return whole;
    if (tens) {
      const base = EN_TENS[tens];
      if (!unit) return String(base);
      if (unit in EN_ORDINAL) return EN_ORDINAL[unit] < 10 ? ordinalSuffix(base + EN_ORDINAL[unit]) : `${base} ${ordinalSuffix(EN_ORDINAL[unit])}`;
      return EN_CARDINAL[unit] < 10 && EN_CARDINAL[unit] > 0 ? String(base + EN_CARDINAL[unit]) : `${base} ${EN_CARDINAL[unit]}`;
    }
    const w = alone as string;
    return w in EN_ORDINAL ? ordinalSuffix(EN_ORDINAL[w]) : String(EN_CARDINAL[w]);
  });
}

const ZH_DIGIT: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/**
 * Value of a Chinese numeral: 一 .. 九十九, 百, 两, 廿 (20); digit-by-digit years such as
 * 二〇二六 read as 2026. Null when `s` is not a numeral.
 */
export function chineseNumeral(s: string): number | null {
  if (!s || !/^[零〇一二两三四五六七八九十廿百]+$/.test(s)) return null;
  if (!/[十廿百]/.test(s)) {
    // Without a place word a run is read digit by digit, as years and ids are spoken.
    let v = 0;
    for (const ch of s) v = v * 10 + ZH_DIGIT[ch];
    return v;
  }
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch === "百") {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch === "十") {
      total += (current || 1) * 10;
      current = 0;
    } else if (ch === "廿") {
      total += 20;
      current = 0;
    } else current = ZH_DIGIT[ch];
  }
  return total + current;
}

const ZH_RUN = "[零〇一二两三四五六七八九十廿百]+";
// Only numerals that count or name something are rewritten: 一下 (a moment), 一起, 统一 are left
// alone, which a blanket rewrite would garble.
const ZH_UNIT_RE = new RegExp(`(${ZH_RUN})(?=[月号號日天个個次周年条份位星礼])`, "g");
// "一到三号": the first numeral of a range has no unit of its own.
const ZH_RANGE_RE = new RegExp(`(${ZH_RUN})(?=\\s*(?:到|至|-|~)\\s*\\d+[号號日天])`, "g");
// "十二月廿五": the day after a month needs no unit either.
const ZH_AFTER_MONTH_RE = new RegExp(`(?<=\\d月)(${ZH_RUN})`, "g");
// "单号二十一", "编号十二": an id needs no unit after it.
const ZH_AFTER_ID_RE = new RegExp(`(?<=编号|单号|号码|申请号|序号|id|ID)\\s*(${ZH_RUN})`, "g");
const WEEKDAY_PREFIX_RE = /(?:周|星期|礼拜)$/;

/**
 * Rewrites Chinese numerals that precede a unit as digits: 十二月一号 -> 12月1号, 两天 -> 2天.
 * Weekday names stay words (下周一), but in 周一一天 the second 一 is a count and is rewritten.
 */
export function chineseNumeralsToDigits(text: string): string {
  const rewrite = (run: string, offset: number, src: string): string => {
    let head = "";
    let rest = run;
    if (WEEKDAY_PREFIX_RE.test(src.slice(Math.max(0, offset - 2), offset)) && /^[一二三四五六七]/.test(run)) {
      head = run[0];
      rest = run.slice(1);
      if (!rest) return run;
    }
    const v = chineseNumeral(rest);
    return v === null ? run : head + String(v);
  };
  const once = text.replace(ZH_UNIT_RE, (run: string, _g: string, offset: number, src: string) => rewrite(run, offset, src));
  const twice = once.replace(ZH_AFTER_MONTH_RE, (run: string) => String(chineseNumeral(run) ?? run)).replace(ZH_AFTER_ID_RE, (run: string) => String(chineseNumeral(run.trim()) ?? run));
  return twice.replace(ZH_RANGE_RE, (run: string, _g: string, offset: number, src: string) => rewrite(run, offset, src));
}
