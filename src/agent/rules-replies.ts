/**
 * Sentences for punches with kinds, corrections (补卡), overtime (加班) and compensatory leave
 * (调休): what the assistant says after each, in the user's language.
 */
import type { CompensatoryBalance } from "../attendance/compensatory.ts";
import type { CorrectionRequest, OvertimeRequest, PunchIntent, PunchKind } from "../attendance/types.ts";
import type { Lang } from "./replies.ts";
import { phrase, spokenDates, spokenNumber, spokenTime } from "./replies.ts";
import type { ToolOutcome } from "./tools.ts";

/** A length of time as spoken: "8小时3分" / "8 hours 3 minutes", "25分钟" / "25 minutes". */
export function spokenDuration(lang: Lang, minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (lang === "zh") return h === 0 ? `${m}分钟` : m === 0 ? `${h}小时` : `${h}小时${m}分`;
  const hours = h === 1 ? "1 hour" : `${h} hours`;
  const mins = m === 1 ? "1 minute" : `${m} minutes`;
  return h === 0 ? mins : m === 0 ? hours : `${hours} ${mins}`;
}

/** A distance as said: "350米" / "350 m" under a kilometre, "1.2公里" / "1.2 km" from one. */
export function spokenDistance(lang: Lang, metres: number): string {
  if (metres < 1000) return phrase(lang, "place.distance.m", { n: Math.round(metres) });
  return phrase(lang, "place.distance.km", { n: spokenNumber(Math.round(metres / 100) / 10) });
}

const clockMinute = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const kindName = (lang: Lang, kind: PunchKind) => phrase(lang, `punchKind.${kind}`);
const other = (kind: PunchKind): PunchKind => (kind === "in" ? "out" : "in");

/** What a punch's reply needs: the punch as recorded, and how its work date now stands. */
export interface PunchFacts {
  kind: PunchKind;
  intent: PunchIntent;
  duplicate: boolean;
  /** Minutes from the work date's midnight. */
  minute: number;
  workday: boolean;
  leaveCover: "am" | "pm" | "full" | null;
  inMinute: number | null;
  lateMinutes: number;
  /** Minutes late of an arrival that made the day half absent (0 otherwise). */
  absentLateMinutes: number;
  earlyLeaveMinutes: number;
  absentEarly: boolean;
  /** Where the punch was judged to be (a site is named; a field punch says it waits for the manager). */
  place?: { kind: "site" | "network" | "field" | "none"; site?: string };
}

/** The sentence saying where a new punch was judged to be, or "" when it was not judged. */
function placeSentence(lang: Lang, r: PunchFacts): string {
  const kind = r.place?.kind;
  if (r.duplicate || !kind || kind === "none") return "";
  return (lang === "zh" ? "" : " ") + phrase(lang, `place.${kind}`, { site: r.place?.site ?? "" });
}

/** What happened with a punch, as one word: it picks the sentence. */
function situation(r: PunchFacts): string {
  if (r.duplicate) return "duplicate";
  if (!r.workday) return "offDay";
  if (r.kind === "in") {
    if (r.inMinute !== null && r.inMinute < r.minute) return "already";
    if (r.absentLateMinutes > 0) return "absentLate";
    return r.lateMinutes > 0 ? "late" : "ok";
  }
  if (r.leaveCover === "pm") return "afternoonLeave";
  if (r.inMinute === null) return "noIn";
  if (r.absentEarly) return "absentEarly";
  return r.earlyLeaveMinutes > 0 ? "early" : "ok";
}

/**
 * The sentence after a check-in or check-out. A punch whose kind was picked for the user (`auto`)
 * names the kind recorded and the words that change it.
 */
export function punchReply(lang: Lang, r: PunchFacts): ToolOutcome {
  const what = situation(r);
  const params: Record<string, unknown> = {
    time: spokenTime(lang, r.minute),
    first: r.inMinute === null ? "" : spokenTime(lang, r.inMinute),
    late: spokenDuration(lang, r.absentLateMinutes || r.lateMinutes),
    early: spokenDuration(lang, r.earlyLeaveMinutes),
    minutes: r.kind === "in" ? r.lateMinutes : r.earlyLeaveMinutes,
    kind: kindName(lang, r.kind),
    other: kindName(lang, other(r.kind)),
  };
  const base = r.kind === "in" ? "checkIn" : "checkOut";
  const where = placeSentence(lang, r);
  if (r.intent !== "auto" || what === "duplicate") return { ok: true, say: phrase(lang, `${base}.${what}`, params) + where, data: r };
  const detail = phrase(lang, `punch.detail.${r.kind}.${what}`, params);
  return { ok: true, say: phrase(lang, "punch.auto", { ...params, detail }) + where, data: r };
}

/** The last punch's kind, changed by its owner. */
export function kindChanged(lang: Lang, r: { kind: PunchKind; minute: number }): ToolOutcome {
  return { ok: true, say: phrase(lang, "punch.kindChanged", { time: spokenTime(lang, r.minute), kind: kindName(lang, r.kind) }), data: r };
}

/** A correction request filed: when it is for, who decides, and how many are left this month. */
export function correctionFiled(lang: Lang, c: CorrectionRequest, quota: { used: number; max: number }): ToolOutcome {
  const params = {
    date: spokenDates(lang, c.date, c.date),
    kind: kindName(lang, c.kind),
    time: spokenTime(lang, clockMinute(c.time)),
    left: Math.max(0, quota.max - quota.used),
    id: c.id,
  };
  return { ok: true, say: phrase(lang, "correction.filed", params), data: c };
}

export function correctionDecided(lang: Lang, c: CorrectionRequest, name: string): ToolOutcome {
  const params = { name, date: spokenDates(lang, c.date, c.date), kind: kindName(lang, c.kind), time: spokenTime(lang, clockMinute(c.time)) };
  return { ok: true, say: phrase(lang, `correction.${c.status}`, params), data: c };
}

const hoursOf = (minutes: number) => spokenNumber(Math.round((minutes / 60) * 100) / 100);

/** An overtime request filed: its hours, category and compensation. */
export function overtimeFiled(lang: Lang, o: OvertimeRequest): ToolOutcome {
  const params = {
    date: spokenDates(lang, o.date, o.date),
    start: spokenTime(lang, clockMinute(o.start)),
    end: spokenTime(lang, clockMinute(o.end)),
    hours: hoursOf(o.minutes),
    category: phrase(lang, `overtimeCategory.${o.category}`),
    compensation: phrase(lang, `compensation.${o.compensation}`),
    id: o.id,
  };
  return { ok: true, say: phrase(lang, "overtime.filed", params), data: o };
}

export function overtimeDecided(lang: Lang, o: OvertimeRequest, name: string): ToolOutcome {
  const params = { name, date: spokenDates(lang, o.date, o.date), hours: hoursOf(o.minutes), compensation: phrase(lang, `compensation.${o.compensation}`) };
  return { ok: true, say: phrase(lang, `overtime.${o.status}`, params), data: o };
}

/** A request withdrawn by the person who made it. */
export function requestCancelled(lang: Lang, what: "correction" | "overtime", date: string): ToolOutcome {
  return { ok: true, say: phrase(lang, `${what}.cancelled`, { date: spokenDates(lang, date, date) }), data: { what, date } };
}

/** The compensatory balance, and what expires next: "调休还剩1.5天，其中0.5天12月31日到期。" */
export function compensatoryLeft(lang: Lang, b: CompensatoryBalance): ToolOutcome {
  const next = b.expiring[0];
  const params = { remaining: spokenNumber(b.remaining ?? 0), days: next && spokenNumber(next.days), date: next && spokenDates(lang, next.expiresOn, next.expiresOn) };
  const key = next && next.days < (b.remaining ?? 0) ? "balance.compensatory.partExpiring" : next ? "balance.compensatory.allExpiring" : "balance.compensatory";
  return { ok: true, say: phrase(lang, key, params), data: b };
}
