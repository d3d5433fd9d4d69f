import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { LeaveType } from "../attendance/types.ts";

import type { Language } from "../attendance/types.ts";

/** The language a reply is spoken in (the domain's Language). */
export type Lang = Language;

const load = (file: string) => JSON.parse(readFileSync(fileURLToPath(new URL(`../../prompts/${file}`, import.meta.url)), "utf8")) as Record<string, string>;
const WORDING: Record<Lang, Record<string, string>> = { en: load("en.json"), zh: load("zh-CN.json") };

/**
 * The worded reply `key` in `lang`, with `{param}`s filled. `{n|one|other}` picks a singular or
 * plural form by the number `n` ("{late|once|# times}"), `#` standing for the number.
 */
export function phrase(lang: Lang, key: string, params: Record<string, unknown> = {}): string {
  const template = WORDING[lang][key] ?? WORDING.en[key] ?? key;
  return template
    .replace(/\{(\w+)\|([^|}]*)\|([^}]*)\}/g, (_, name: string, one: string, other: string) => {
      const n = params[name];
      return (Number(n) === 1 ? one : other).replace(/#/g, String(n));
    })
    .replace(/\{(\w+)\}/g, (_, name: string) => (params[name] === undefined ? "" : String(params[name])));
}

export function hasPhrase(lang: Lang, key: string): boolean {
  return key in WORDING[lang];
}

/** Every template of a language, by key (for recognising the product's own sentences). */
export function phraseTemplates(lang: Lang): Readonly<Record<string, string>> {
  return WORDING[lang];
}

/** The language of what someone said: the product's one detectLanguage. */
export { detectLanguage } from "../attendance/language.ts";

/** A clock time as spoken: "8:57" / "8点57分". */
export function spokenTime(lang: Lang, minuteOfDay: number): string {
  const m = ((minuteOfDay % 1440) + 1440) % 1440;
  const h = Math.floor(m / 60);
  const min = m % 60;
  if (lang === "zh") return min === 0 ? `${h}点` : `${h}点${min}分`;
  return `${h}:${String(min).padStart(2, "0")}`;
}

const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export function monthName(lang: Lang, month: string, thisYear: string): string {
  const [y, m] = month.split("-").map(Number);
  const sameYear = String(y) === thisYear;
  if (lang === "zh") return sameYear ? `${m}月` : `${y}年${m}月`;
  return sameYear ? MONTHS_EN[m - 1] : `${MONTHS_EN[m - 1]} ${y}`;
}

function spokenDate(lang: Lang, date: string, withMonth = true): string {
  const [, m, d] = date.split("-").map(Number);
  if (lang === "zh") return withMonth ? `${m}月${d}日` : `${d}日`;
  return withMonth ? `${MONTHS_EN[m - 1]} ${d}` : String(d);
}

/** A date range as spoken: "December 1 to 3", "12月1日到3日", with the half day if any. */
export function spokenDates(lang: Lang, start: string, end: string, halfDay: "am" | "pm" | null = null): string {
  const half = halfDay ? phrase(lang, `half.${halfDay}`) : "";
  if (start === end) return spokenDate(lang, start) + half;
  const sameMonth = start.slice(0, 7) === end.slice(0, 7);
  return `${spokenDate(lang, start)}${lang === "zh" ? "到" : " to "}${spokenDate(lang, end, !sameMonth)}`;
}

export function leaveTypeName(lang: Lang, type: LeaveType | string): string {
  return phrase(lang, `leaveType.${type}`);
}

/** Numbers as a person reads them: 1.5, not 1.50. */
export function spokenNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 10) / 10);
}
