/**
 * Slot extraction: finds the leave id, dates, month and leave type in a normalised sentence and
 * replaces each with its slot token ("{date}"), so templates and cues see the sentence's shape
 * ("取消我{date}的请假") rather than its particular values.
 */
import { scanDates, type DateOptions, type DateScan } from "./dates.ts";
import { scanMonth } from "./months.ts";
import { findStatus } from "./status.ts";
import { findLeaveId, findLeaveType, findLeaveTypes, findReason, type LeaveStatus, type LeaveType } from "./vocabulary.ts";

/** What a sentence said, slot by slot. */
export interface Slots {
  /** The sentence with slots replaced by `{date}`, `{month}`, `{leaveType}`, `{leaveId}`. */
  masked: string;
  /** The normalised sentence before masking, minus any reason clause. */
  text: string;
  dates: DateScan;
  month: string | null;
  leaveType: LeaveType | null;
  leaveId: number | null;
  status: LeaveStatus | null;
  reason: string | null;
  /** How the dates were read (the calendar), for a second reading. */
  dateOptions: DateOptions;
}

function mask(s: string, spans: Array<[number, number]>, token: string): string {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const sp of sorted) {
    const last = merged[merged.length - 1];
    // Spans that overlap or touch become one token: "明天" + "上午" is one {date}.
    if (last && sp[0] <= last[1]) last[1] = Math.max(last[1], sp[1]);
    else merged.push([sp[0], sp[1]]);
  }
  let out = "";
  let at = 0;
  for (const [a, b] of merged) {
    out += `${s.slice(at, a)} ${token} `;
    at = b;
  }
  return (out + s.slice(at)).replace(/ {2,}/g, " ").trim();
}

/**
 * Extracts every slot from normalised text `s` (see normalize) for a user whose local date is
 * `today`; `raw` is the original text, used for the reason's wording.
 */
export function extractSlots(s: string, raw: string, today: string, options: DateOptions = {}): Slots {
  const reasonFound = findReason(raw);
  let text = s;
  if (reasonFound?.leading) {
    const comma = s.indexOf(",");
    if (comma > 0) text = s.slice(comma + 1).trim();
  } else if (reasonFound) {
    // The reason clause is free text: its dates and numbers are not the request's.
    const at = s.indexOf(reasonFound.marker);
    if (at > 0) text = s.slice(0, at).replace(/[\s,]+$/, "");
  }
  const id = findLeaveId(text);
  let masked = id ? mask(text, [[id.index, id.end]], "{leaveId}") : text;
  const dates = scanDates(masked, today, options);
  masked = mask(masked, dates.spans, "{date}");
  const month = scanMonth(masked, today);
  if (month) masked = mask(masked, [[month.index, month.end]], "{month}");
  const type = findLeaveType(masked);
  if (type) masked = mask(masked, findLeaveTypes(masked).map((t) => [t.index, t.end] as [number, number]), "{leaveType}");
  return {
    masked,
    text,
    dates,
    month: month?.month ?? null,
    leaveType: type?.value ?? null,
    leaveId: id?.value ?? null,
    status: findStatus(masked),
    reason: reasonFound && text !== s ? reasonFound.reason : null,
    dateOptions: options,
  };
}

/** Dates again, read as the past: for questions such as "who was absent on Monday". */
export function rescanDates(slots: Slots, today: string): DateScan {
  const id = findLeaveId(slots.text);
  const base = id ? mask(slots.text, [[id.index, id.end]], "{leaveId}") : slots.text;
  return scanDates(base, today, { ...slots.dateOptions, prefer: "past" });
}
