import { DomainError } from "./errors.ts";
import type { Policy, Shift } from "./types.ts";
import { parseClock } from "./time.ts";

/** The code of the policy's own shift, which everyone works unless assigned another. */
export const DEFAULT_SHIFT_CODE = "DEFAULT";

/** The shift everyone works unless assigned another: the policy's start, end, grace and flex. */
export function defaultShift(policy: Policy): Shift {
  return {
    code: DEFAULT_SHIFT_CODE,
    name: "标准班",
    nameEn: "Standard",
    start: policy.shiftStart,
    end: policy.shiftEnd,
    flexMinutes: policy.flexMinutes,
    graceMinutes: policy.graceMinutes,
  };
}

/** A shift in minutes from its work date's midnight, as the rules use it. */
export interface ShiftTimes {
  code: string;
  startMinute: number;
  /** After `startMinute`: past 1440 when the shift runs past midnight. */
  endMinute: number;
  flexMinutes: number;
  graceMinutes: number;
  /** The clock times as written, for day records. */
  start: string;
  end: string;
}

export function shiftTimes(shift: Shift): ShiftTimes {
  const startMinute = parseClock(shift.start);
  let endMinute = parseClock(shift.end);
  if (endMinute <= startMinute) endMinute += 1440;
  return { code: shift.code, startMinute, endMinute, flexMinutes: shift.flexMinutes, graceMinutes: shift.graceMinutes, start: shift.start, end: shift.end };
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const CODE = /^[A-Za-z0-9_-]{1,32}$/;

/** A clock time "HH:MM" (00:00-23:59), or INVALID_INPUT naming the field. */
export function checkClock(field: string, value: unknown): string {
  const s = typeof value === "string" && /^\d:\d\d$/.test(value) ? `0${value}` : value;
  if (typeof s !== "string" || !CLOCK.test(s)) throw new DomainError("INVALID_INPUT", `${field} must be a clock time HH:MM`, { field });
  return s;
}

function checkMinutes(field: string, value: unknown, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > max)
    throw new DomainError("INVALID_INPUT", `${field} must be a whole number of minutes from 0 to ${max}`, { field, max });
  return value;
}

/** Validates a shift as HR writes it; flex and grace default to 0 and 5. */
export function checkShift(input: { code: unknown; start: unknown; end: unknown; flexMinutes?: unknown; graceMinutes?: unknown; name?: unknown; nameEn?: unknown }): Shift {
  if (typeof input.code !== "string" || !CODE.test(input.code))
    throw new DomainError("INVALID_INPUT", "A shift code is 1-32 letters, digits, - or _", { field: "code" });
  const start = checkClock("start", input.start);
  const end = checkClock("end", input.end);
  if (start === end) throw new DomainError("INVALID_INPUT", "A shift cannot end when it starts", { field: "end" });
  const times = shiftTimes({ code: input.code, name: "", nameEn: "", start, end, flexMinutes: 0, graceMinutes: 0 });
  const length = times.endMinute - times.startMinute;
  const flexMinutes = checkMinutes("flexMinutes", input.flexMinutes ?? 0, 720);
  const graceMinutes = checkMinutes("graceMinutes", input.graceMinutes ?? 5, 240);
  if (flexMinutes >= length) throw new DomainError("INVALID_INPUT", "Flex must be shorter than the shift", { field: "flexMinutes" });
  const name = typeof input.name === "string" && input.name.trim() ? input.name.trim() : input.code;
  const nameEn = typeof input.nameEn === "string" && input.nameEn.trim() ? input.nameEn.trim() : name;
  return { code: input.code, name, nameEn, start, end, flexMinutes, graceMinutes };
}
