/**
 * zh-CN and English: the language comes from the saved choice, else the browser's, and can be
 * switched at any time (screens re-render on change). Only the person's language's words are
 * fetched before the first render (loadWords); the other's come when they switch, to keep the
 * first load small (web/README.md, "Bundle size").
 */
import type { Language } from "../../../src/attendance/types.ts";
import type { en } from "./en.ts";

/** The page's language: the domain's one word for it. */
export type Lang = Language;
export type Key = keyof typeof en;

const STORE_KEY = "attendance.lang";
/** One language's sentences and its words for the API's error codes (errors.ts). */
interface Words {
  words: Record<Key, string>;
  errors: Record<string, string>;
}
/** Each language's words in a chunk of its own (words-<lang>.ts), fetched when first needed. */
const fetchWords: Record<Lang, () => Promise<Words>> = {
  en: () => import("./words-en.ts"),
  zh: () => import("./words-zh.ts"),
};
const dictionaries: Partial<Record<Lang, Words>> = {};
const listeners = new Set<(lang: Lang) => void>();

function initialLang(): Lang {
  const saved = localStorage.getItem(STORE_KEY);
  if (saved === "zh" || saved === "en") return saved;
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    if (/^zh\b/i.test(tag)) return "zh";
    if (/^en\b/i.test(tag)) return "en";
  }
  return "en";
}

let lang: Lang = initialLang();
document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";

export function getLang(): Lang {
  return lang;
}

/** The BCP 47 tag for Intl and the `lang` attribute. */
export function locale(): string {
  return lang === "zh" ? "zh-CN" : "en";
}

/** Fetches `which` language's words (the page's by default); render only once they are here. */
export async function loadWords(which: Lang = lang): Promise<void> {
  dictionaries[which] ??= await fetchWords[which]();
}

/** Switches the page's language once its words are here, so no key ever shows in their place. */
export async function setLang(next: Lang): Promise<void> {
  if (next === lang) return;
  await loadWords(next);
  lang = next;
  localStorage.setItem(STORE_KEY, next);
  document.documentElement.lang = locale();
  document.title = t("app.title");
  for (const listener of listeners) listener(next);
}

export function onLangChange(listener: (lang: Lang) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The page's language's words for the API's error codes (empty before loadWords). */
export function errorWords(): Record<string, string> {
  return dictionaries[lang]?.errors ?? {};
}

/** The string for `key` in the current language with `{param}`s filled in. */
export function t(key: Key, params?: Record<string, string | number>): string {
  const text = dictionaries[lang]?.words[key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
}

/** Minutes after midnight as HH:MM (a punch after midnight belongs to the previous work day). */
export function fmtMinute(minute: number | null | undefined): string {
  if (minute === null || minute === undefined) return "";
  return `${String(Math.floor(minute / 60) % 24).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

const utc = (date: string) => new Date(`${date}T00:00:00Z`);

/** "YYYY-MM-DD" as "Tue, 1 Sep" / "9月1日 周二". */
export function fmtDate(date: string, options: Intl.DateTimeFormatOptions = { month: "short", day: "numeric", weekday: "short" }): string {
  return new Intl.DateTimeFormat(locale(), { ...options, timeZone: "UTC" }).format(utc(date));
}

/** A date range, or one date. */
export function fmtRange(start: string, end: string): string {
  return start === end ? fmtDate(start) : `${fmtDate(start)} – ${fmtDate(end)}`;
}

/** "YYYY-MM" as "September 2026" / "2026年9月". */
export function fmtMonth(month: string): string {
  return new Intl.DateTimeFormat(locale(), { year: "numeric", month: "long", timeZone: "UTC" }).format(utc(`${month}-01`));
}

/** Days with at most one decimal (half days). */
export function fmtNumber(n: number): string {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(n);
}

/** Weekday names Monday first, short. */
export function weekdayNames(): string[] {
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => fmtDate(`2024-01-0${i + 1}`, { weekday: "short" }));
}
