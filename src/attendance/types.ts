/** Domain types of the attendance system of record. Dates are "YYYY-MM-DD" in the company zone. */

export type Role = "employee" | "manager" | "hr" | "admin";
export const ROLES: readonly Role[] = ["employee", "manager", "hr", "admin"];

export type Language = "zh" | "en";
export const LANGUAGES: readonly Language[] = ["zh", "en"];

/** The chat platforms a person can have a user id on. */
export const IM_PLATFORMS = ["wecom", "feishu", "dingtalk", "slack"] as const;
export type ImPlatform = (typeof IM_PLATFORMS)[number];
/** A person's user id on each chat platform they use (none by default). */
export type ImIds = Partial<Record<ImPlatform, string>>;

export interface Department {
  id: number;
  /** Short and stable, as files and URLs name it ("ENG"). */
  code: string;
  name: string;
  nameEn: string;
  /** The department above this one in the tree; null at the top. */
  parentId: number | null;
  /** The manager heading it; null while nobody does. */
  headId: number | null;
  /** Inactive departments take no new members and are kept for their history. */
  active: boolean;
}

/** Whether someone works here: `left` people keep their history and cannot sign in. */
export type EmployeeStatus = "active" | "left";
export const EMPLOYEE_STATUSES: readonly EmployeeStatus[] = ["active", "left"];

/** A finished stretch of employment of someone who later rejoined; dates inclusive. */
export interface EmploymentPeriod {
  hireDate: string;
  leavingDate: string;
}

export interface Employee {
  id: number;
  login: string;
  /** Name as colleagues say it, e.g. 王小明. */
  name: string;
  nameEn: string;
  departmentId: number;
  managerId: number | null;
  role: Role;
  hireDate: string;
  /** Start of the working career, for annual-leave seniority; defaults to the hire date. */
  careerStart: string;
  language: Language;
  /** Work email, lower case; how single sign-on finds the person by default. */
  email: string | null;
  phone: string | null;
  status: EmployeeStatus;
  /** The last day worked once `status` is `left`; null while active. */
  leavingDate: string | null;
  /** Earlier stretches of someone who left and rejoined, oldest first (`hireDate` starts the current one). */
  pastEmployment: EmploymentPeriod[];
}

/** How a punch was made; `meeting`: by joining a meeting inside its check-in window. */
export type PunchMethod = "voice" | "web" | "api" | "correction" | "im" | "meeting";
export const PUNCH_METHODS: readonly PunchMethod[] = ["voice", "web", "api", "correction", "im", "meeting"];

/** Where a device says it is: WGS-84 degrees. */
export interface Location {
  latitude: number;
  longitude: number;
  /** Radius of uncertainty in metres; unknown (a point picked on a chat platform's map) counts as exact. */
  accuracyM?: number;
  /** The device reports a mock location provider (mobile wrappers do): such a punch is refused. */
  mocked?: boolean;
}

/** An office: a geofence around its coordinates and the public networks it reaches the server from. */
export interface Site {
  id: number;
  name: string;
  /** WGS-84 degrees. */
  latitude: number;
  longitude: number;
  /** The geofence radius in metres (100-3000; default 300). */
  radiusM: number;
  /** CIDR ranges of the site's public addresses ("203.0.113.0/24"). */
  networks: string[];
  active: boolean;
}

/** Where a department's people must punch: anywhere, on an assigned site, or a site or else a field punch. */
export type LocationRule = "none" | "site" | "siteOrField";
export const LOCATION_RULES = ["none", "site", "siteOrField"] as const satisfies readonly LocationRule[];

/**
 * A meeting that counts as presence (音视频连接): joining it inside its window records a check-in
 * (method `meeting`) for a participant.
 */
export interface Meeting {
  id: number;
  name: string;
  /** `workdays` (the company calendar's), or weekdays 0 (Sunday) to 6. */
  days: "workdays" | number[];
  /** The check-in window, "HH:MM" in the company's zone. */
  start: string;
  end: string;
  /** Participants: whole departments (codes) and single people (logins). */
  departments: string[];
  logins: string[];
  /** The Agora channel it happens in; null: the product's own local call. */
  channel: string | null;
  active: boolean;
}

/** How a punch's place was judged: on a site's fence, from a site's network, a field punch (外勤), or not judged. */
export type PlaceKind = "site" | "network" | "field" | "none";
/** The manager's review of a field punch, or of one that arrived late for its claimed instant: it counts unless rejected. */
export type FieldReview = "pending" | "confirmed" | "rejected";

/** Where a punch was judged to be, as recorded with it. */
export interface PunchPlace {
  kind: PlaceKind;
  /** The site it was on (or, for a field punch, the nearest one) and its name at the time. */
  siteId: number | null;
  site: string | null;
  /** Metres from that site's centre; null without a location. */
  distanceM: number | null;
  /** The field punch's remark (required for one). */
  remark: string | null;
  /** The review of a field punch or a late arrival; null for others. */
  review: FieldReview | null;
  /** Whether a photo came with it (the photo itself is read separately). */
  hasPhoto: boolean;
}

export interface Punch {
  id: number;
  employeeId: number;
  /** The instant, ms since epoch, truncated to the minute. */
  atMs: number;
  method: PunchMethod;
  /** Where the device was: shown to its owner and HR only (see AttendanceService.punches); erased after the retention window. */
  location: Location | null;
  /** Where the punch was judged to be. */
  place: PunchPlace;
  /** Who recorded it: the employee themself, or HR for a correction. */
  recordedBy: number;
  /** When it was recorded (ms); differs from atMs for corrections and by the dropped seconds. */
  recordedAtMs: number;
  note: string | null;
  /** Arrived or left, as the person said (or as `auto` picked); stored, never inferred from the clock. */
  kind: PunchKind;
  /** The correction request an approval recorded this punch for. */
  correctionId: number | null;
}

export const LEAVE_TYPES = [
  "annual",
  "sick",
  "personal",
  "compensatory",
  "marriage",
  "maternity",
  "paternity",
  "bereavement",
] as const;
export type LeaveType = (typeof LEAVE_TYPES)[number];
export type HalfDay = "am" | "pm";
export type LeaveStatus = "pending" | "approved" | "rejected" | "cancelled";
export const LEAVE_STATUSES = ["pending", "approved", "rejected", "cancelled"] as const satisfies readonly LeaveStatus[];

export interface LeaveRequest {
  id: number;
  employeeId: number;
  type: LeaveType;
  startDate: string;
  endDate: string;
  halfDay: HalfDay | null;
  /** Leave days the request draws: working days (calendar days for maternity/paternity), 0.5 for a half day. */
  days: number;
  status: LeaveStatus;
  approverId: number | null;
  reason: string | null;
  createdAtMs: number;
  decidedAtMs: number | null;
}

/** The work policy. Every number is HR-editable; defaults are DESIGN.md's. */
export interface Policy {
  timeZone: string;
  /** The default shift (code DEFAULT): start and end "HH:MM", grace minutes; its flex is flexMinutes. */
  shiftStart: string;
  shiftEnd: string;
  graceMinutes: number;
  seriousLateMinutes: number;
  maxLatesForFullAttendance: number;
  /** How many days back an employee may start a leave request. */
  maxBackdateDays: number;
  /** A second punch within this many seconds returns the first. */
  duplicatePunchSeconds: number;
  /** Annual leave by seniority: [years, days]; the first tier whose years the employee has not reached applies. */
  annualTiers: { underYears: number | null; days: number }[];
  /** Yearly entitlements of the other types, in days; personal is unlimited, compensatory is granted. */
  entitlements: { sick: number; marriage: number; maternity: number; paternity: number; bereavement: number };
  /** The default shift's flex minutes (its start, end and grace are shiftStart, shiftEnd and graceMinutes). */
  flexMinutes: number;
  /** A work date's punch window opens this many minutes before its shift starts, and lasts 24 hours. */
  windowLeadMinutes: number;
  /** Late by this many minutes or more: half a day absent instead of late; 0 turns it off. */
  absentLateMinutes: number;
  /** Leaving this many minutes early or more: half a day absent instead of early leave; 0 turns it off. */
  absentEarlyMinutes: number;
  /** How many days back an employee may ask to correct a punch. */
  correctionWindowDays: number;
  /** Correction requests (pending and approved) per calendar month of the corrected date. */
  maxCorrectionsPerMonth: number;
  /** The rest break ("HH:MM"), not counted as overtime where an overtime interval overlaps it. */
  restStart: string;
  restEnd: string;
  /** Overtime hours making one compensatory day. */
  hoursPerDay: number;
  /** A compensatory grant can be taken through this many days after its overtime date. */
  compensatoryExpiryDays: number;
  /** How long after a punch its owner may still change its kind, in minutes. */
  punchKindChangeMinutes: number;
  /** A web session unused this many hours ends (ASVS 3.3.2). */
  sessionIdleHours: number;
  /** A web session ends this many days after sign-in, used or not. */
  sessionMaxDays: number;
  /** Punch coordinates and photos are erased this many days after the punch (the site and field flag stay). */
  locationRetentionDays: number;
  /** Reminders and notifications: each rule on or off with its time, quiet hours, department overrides. */
  reminders: ReminderPolicy;
}

/** The reminder and notification rules, in the order HR's settings list them. */
export const REMINDER_RULES = ["beforeStart", "notCheckedIn", "notCheckedOut", "missingPunchYesterday", "approvalPending", "decision", "teamDigest", "departmentDigest", "monthlyReport"] as const;
export type ReminderRule = (typeof REMINDER_RULES)[number];

/** The rules an employee may turn off for themselves; the others always reach them. */
export const OPTIONAL_REMINDERS: readonly ReminderRule[] = ["beforeStart", "notCheckedOut", "monthlyReport"];

/**
 * One rule's setting. `minutes`: the offset from its shift moment (beforeStart: before the start;
 * notCheckedIn: after start + flex + grace; notCheckedOut: after the required leaving time).
 * `at`: the local clock time of a daily rule ("09:30").
 */
export interface ReminderRuleSetting {
  on: boolean;
  minutes?: number;
  at?: string;
}

export interface ReminderPolicy {
  rules: Record<ReminderRule, ReminderRuleSetting>;
  /** Local clock times; from quietStart to quietEnd nothing but approvalPending is sent (held until quietEnd). */
  quietStart: string;
  quietEnd: string;
  /** By department code: the settings that differ from the company's. */
  departments: Record<string, Partial<Record<ReminderRule, Partial<ReminderRuleSetting>>>>;
}

export const DEFAULT_REMINDERS: ReminderPolicy = {
  rules: {
    beforeStart: { on: false, minutes: 10 },
    notCheckedIn: { on: true, minutes: 5 },
    notCheckedOut: { on: true, minutes: 30 },
    missingPunchYesterday: { on: true, at: "09:30" },
    approvalPending: { on: true, at: "10:00" },
    decision: { on: true },
    teamDigest: { on: true, at: "09:45" },
    departmentDigest: { on: false, at: "10:00" },
    monthlyReport: { on: true, at: "09:00" },
  },
  quietStart: "22:00",
  quietEnd: "08:00",
  departments: {},
};

export const DEFAULT_POLICY: Policy = {
  timeZone: "Asia/Shanghai",
  shiftStart: "09:00",
  shiftEnd: "18:00",
  graceMinutes: 5,
  seriousLateMinutes: 30,
  maxLatesForFullAttendance: 3,
  maxBackdateDays: 30,
  duplicatePunchSeconds: 60,
  annualTiers: [
    { underYears: 10, days: 5 },
    { underYears: 20, days: 10 },
    { underYears: null, days: 15 },
  ],
  entitlements: { sick: 12, marriage: 3, maternity: 98, paternity: 15, bereavement: 3 },
  flexMinutes: 0,
  windowLeadMinutes: 300,
  absentLateMinutes: 240,
  absentEarlyMinutes: 240,
  correctionWindowDays: 30,
  maxCorrectionsPerMonth: 3,
  restStart: "12:00",
  restEnd: "13:00",
  hoursPerDay: 8,
  compensatoryExpiryDays: 180,
  punchKindChangeMinutes: 10,
  sessionIdleHours: 8,
  sessionMaxDays: 7,
  locationRetentionDays: 90,
  reminders: DEFAULT_REMINDERS,
};

/** The monthly summary, with the exact fields of DESIGN.md. */
export interface MonthlySummary {
  month: string;
  login: string;
  requiredDays: number;
  attendedDays: number;
  lateCount: number;
  lateMinutes: number;
  seriousLateCount: number;
  earlyLeaveCount: number;
  earlyLeaveMinutes: number;
  missingPunchCount: number;
  absentDays: number;
  /** Days made half absent by an arrival `absentLateMinutes` late or later (not counted as late). */
  absentLateCount: number;
  /** Days made half absent by leaving `absentEarlyMinutes` early or more (not counted as early leave). */
  absentEarlyCount: number;
  /** Approved corrections of the month (by corrected date). */
  correctionCount: number;
  /** Field punches (外勤) of the month not rejected by the manager. */
  fieldPunchCount: number;
  /** Approved overtime of the month by overtime date, hours by category. */
  overtimeHours: OvertimeHours;
  leaveDays: { total: number; byType: Partial<Record<LeaveType, number>> };
  fullAttendance: boolean;
  /** The employee's usual shift in the month: the one most of their workdays had. */
  shiftCode: string;
  /** The last date judged (days not yet ended are not judged); null when none has ended. */
  judgedThrough: string | null;
  /**
   * Why no day of the month counts, when none does: the whole month is before the hire date, after
   * leaving, or before the organisation's records begin. Null when some day counts.
   */
  notCounted: "before-hire" | "after-leaving" | "no-records" | null;
}

/** How one day went, for calendars and team views. */
export type DayStatus =
  | "normal"
  | "late"
  | "early-leave"
  | "missing-punch"
  | "absent"
  | "leave"
  | "holiday"
  | "weekend"
  | "makeup-workday"
  | "not-yet"
  | "before-hire"
  /** After the leaving date, or between two stretches of employment: not expected, not judged. */
  | "after-leaving"
  /** Before the month of the organisation's first record (punch or approved leave): nothing known, not judged. */
  | "no-records"
  | "future";

export interface DayRecord {
  date: string;
  workday: boolean;
  /** The status a calendar colours the day with (the worst thing that happened). */
  status: DayStatus;
  /** The in-punch and out-punch, minutes from the date's midnight (past 1440 after midnight). */
  inMinute: number | null;
  outMinute: number | null;
  lateMinutes: number;
  earlyLeaveMinutes: number;
  missingPunches: number;
  absentDays: number;
  leave: { type: LeaveType; days: number; halfDay: HalfDay | null } | null;
  /** Leave days this date draws by type (a morning of one type and an afternoon of another). */
  leaveByType: Partial<Record<LeaveType, number>>;
  holidayName: string | null;
  shiftCode: string;
  /** The shift's clock times that day. */
  shiftStart: string;
  shiftEnd: string;
  /** "off": rostered off; "shift": a rostered shift; null: the usual pattern. */
  rostered: "off" | "shift" | null;
  /** Every punch of the work date, in time order, with its kind. */
  punches: DayPunch[];
  /** How late the arrival was, from start + flex (0 on time or waived), whether counted as late or as absence. */
  lateByMinutes: number;
  /** The arrival made the day half absent (instead of late). */
  absentLate: boolean;
  /** The leaving made the day half absent (instead of early leave). */
  absentEarly: boolean;
  /** When the person may leave without leaving early (minutes from midnight), given their arrival. */
  requiredOutMinute: number;
}

/** Result of a punch: what was recorded, and how its work date stands now. */
export interface PunchResult {
  punch: Punch;
  /** true when a punch within the duplicate window was returned instead of a new one. */
  duplicate: boolean;
  /** What the person asked for: a kind, or `auto` (the kind was picked for them: the reply says which). */
  intent: PunchIntent;
  /** The kind recorded. */
  kind: PunchKind;
  /** The punch's minute, counted from midnight of its work date (past 1440 after midnight). */
  minute: number;
  /** The work date the punch belongs to, and whether it is a working day. */
  workDate: string;
  workday: boolean;
  shiftCode: string;
  shiftStart: string;
  shiftEnd: string;
  /** Approved leave covering the date: a half day, the whole day, or none. */
  leaveCover: HalfDay | "full" | null;
  /** The day's in-punch and out-punch after this punch, as the rules pick them. */
  inMinute: number | null;
  outMinute: number | null;
  /** The day's counted lateness (0 when waived, or when it made the day half absent). */
  lateMinutes: number;
  /** Minutes late of an arrival that made the day half absent; 0 otherwise. */
  absentLateMinutes: number;
  /** The early leave this punch implies if it stays the day's last check-out, and whether that is half a day absent. */
  earlyLeaveMinutes: number;
  absentEarly: boolean;
  /** Until when its owner may still change the punch's kind (ms). */
  changeableUntilMs: number;
  /** Where the punch was judged to be: a site (by its fence or its network), a field punch, or not judged. */
  place: { kind: PlaceKind; site?: string; distanceM?: number };
}

/** One member's status today, for managers and HR. */
export interface MemberDay {
  login: string;
  name: string;
  nameEn: string;
  department: string;
  status: "in" | "late" | "on-leave" | "not-yet" | "absent" | "off-day";
  inAt: string | null;
  lateMinutes: number;
  leaveType: string | null;
}

/** One department's attendance on a day, for HR. */
export interface DepartmentDay {
  code: string;
  name: string;
  nameEn: string;
  headcount: number;
  expected: number;
  present: number;
  late: number;
  onLeave: number;
  /** present / expected, 0..1; null when nobody is expected. */
  rate: number | null;
}

/** One entry of a statutory calendar, in the `holiday-cn` format. */
export interface HolidayDay {
  name: string;
  date: string;
  /** true: a statutory day off; false: a make-up working day (调休上班), usually a weekend. */
  isOffDay: boolean;
}

/** A year file in the `holiday-cn` JSON format. */
export interface HolidayYear {
  year: number;
  days: HolidayDay[];
}

// ---------------------------------------------------------------------------------------------
// Attendance rules v2 (issue 12): punch kinds, shifts, rosters, corrections, overtime, 调休.

/** What a punch says the person did: arrived or left. Stored with every punch. */
export type PunchKind = "in" | "out";
export const PUNCH_KINDS = ["in", "out"] as const satisfies readonly PunchKind[];
/** What a punch asks for: a kind, or `auto` (the single smart button, a bare "打卡"). */
export type PunchIntent = PunchKind | "auto";

/** A working time pattern. Clock times are "HH:MM"; an end before the start runs past midnight. */
export interface Shift {
  code: string;
  name: string;
  nameEn: string;
  start: string;
  end: string;
  /** Arriving up to this many minutes after `start` is not late; the leaving time moves as much. */
  flexMinutes: number;
  /** Minutes after start + flex still counted on time (lateness then counts from start + flex). */
  graceMinutes: number;
}

/** A dated exception for one person: a shift for that day, or `null` for a day off. */
export interface RosterEntry {
  employeeId: number;
  date: string;
  /** The shift worked that day; null: "off", a rest day for that person. */
  shiftCode: string | null;
}

/** Status of any request a manager decides: leave, correction, overtime. */
export type RequestStatus = LeaveStatus;

/** A 补卡 request: the employee says when they arrived or left on a past workday. */
export interface CorrectionRequest {
  id: number;
  employeeId: number;
  /** The work date corrected. */
  date: string;
  kind: PunchKind;
  /** The clock time "HH:MM" within the date's punch window (a night shift's 06:00 is the next morning). */
  time: string;
  /** The instant the time means (ms), worked out when the request was filed. */
  atMs: number;
  reason: string | null;
  status: RequestStatus;
  approverId: number | null;
  comment: string | null;
  /** The punch an approval recorded. */
  punchId: number | null;
  createdAtMs: number;
  decidedAtMs: number | null;
}

export type OvertimeCompensation = "leave" | "pay";
export const OVERTIME_COMPENSATIONS = ["leave", "pay"] as const satisfies readonly OvertimeCompensation[];
/** workday: a working day of the person; restDay: weekends and other days off; holiday: statutory days off. */
export type OvertimeCategory = "workday" | "restDay" | "holiday";
export const OVERTIME_CATEGORIES: readonly OvertimeCategory[] = ["workday", "restDay", "holiday"];

/** A 加班 request. Minutes and category are worked out when filed and again when approved. */
export interface OvertimeRequest {
  id: number;
  employeeId: number;
  date: string;
  /** "HH:MM"; an end at or before the start is the next morning. */
  start: string;
  end: string;
  compensation: OvertimeCompensation;
  reason: string | null;
  /** Overtime minutes: the interval minus the shift (on a workday) and the rest break. */
  minutes: number;
  category: OvertimeCategory;
  status: RequestStatus;
  approverId: number | null;
  comment: string | null;
  createdAtMs: number;
  decidedAtMs: number | null;
}

/** Compensatory leave (调休) days granted by approved overtime or by HR; usable from `date` through `expiresOn`. */
export interface CompensatoryGrant {
  id: number;
  employeeId: number;
  source: "overtime" | "hr";
  overtimeId: number | null;
  /** The overtime date (or the day HR granted it): the first date the days can be taken. */
  date: string;
  days: number;
  /** The last date the days can be taken. */
  expiresOn: string;
}

/** Overtime hours by category. */
export interface OvertimeHours {
  workday: number;
  restDay: number;
  holiday: number;
}

/** One punch as a calendar shows it. */
export interface DayPunch {
  id: number | null;
  atMs: number;
  /** Minutes from the work date's midnight (past 1440 after midnight). */
  minute: number;
  kind: PunchKind;
  method: PunchMethod | null;
  /** Where it was judged to be, and the site's name (a field punch: the nearest site). */
  place: PlaceKind;
  site: string | null;
}
