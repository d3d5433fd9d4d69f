/**
 * The REST API as the page uses it, through `hc<AppType>`: every path, input and answer is typed
 * from the server's routes, so a route's change breaks the page's type-check. The session cookie
 * from sign-in, and one error type carrying the server's `{"error":{"code","message"}}`.
 */
import { hc, type ClientResponse, type InferRequestType, type InferResponseType } from "hono/client";
import type { SuccessStatusCode } from "hono/utils/http-status";
// Types only (erased from the bundle): the server's routes and the domain's records.
import type { LeaveBalance } from "../../src/attendance/balances.ts";
import type { AppType } from "../../src/http/app.ts";
import type {
  DayRecord,
  DayStatus,
  Department,
  DepartmentDay,
  Employee,
  HolidayDay,
  HolidayYear,
  LeaveRequest,
  LeaveType,
  LocationRule,
  MemberDay,
  MonthlySummary,
  Punch,
  Role,
  Site,
} from "../../src/attendance/types.ts";

export type {
  DayRecord,
  DayStatus,
  Department,
  DepartmentDay,
  Employee,
  HolidayDay,
  HolidayYear,
  LeaveBalance,
  LeaveRequest,
  LeaveType,
  LocationRule,
  MemberDay,
  MonthlySummary,
  Punch,
  Role,
  Site,
};

/** An API failure: HTTP status, the server's code (`LEAVE_OVERLAP`) and its message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The error's `details` (e.g. `retryAfterSeconds`), for wording it. */
    readonly params: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** The API client; every call carries the page's headers and the session cookie. */
const client = hc<AppType>(location.origin, { headers: () => pageHeaders(), init: { credentials: "same-origin" } });
type Client = typeof client;

/** What a route answers when it works. */
type Ok<F extends (...args: any[]) => Promise<ClientResponse<unknown>>> = InferResponseType<F, SuccessStatusCode>;

type ServerHealth = Ok<Client["api"]["health"]["$get"]>;
/** What /api/health answers; `ok` is false only while the page has not heard from the server. */
export type Health = Omit<ServerHealth, "ok"> & { ok: boolean };
/** How this server signs people in: demo (pick a person), password, or first-run setup pending. */
export type AuthMethods = Ok<Client["api"]["auth"]["methods"]["$get"]>;
export type DemoPerson = Ok<Client["api"]["auth"]["demo-people"]["$get"]>[number];
export type Me = Ok<Client["api"]["me"]["$get"]>;
export type Calendar = Ok<Client["api"]["calendar"]["$get"]>;
export type LeavePreview = Ok<Client["api"]["leave"]["preview"]["$post"]>;
/** What the page files: the server's own request schema. */
export type LeaveInput = InferRequestType<Client["api"]["leave"]["$post"]>["json"];
export type PendingLeave = Ok<Client["api"]["leave"]["pending"]["$get"]>[number];
/** Today as judged so far, and the kind the smart button would record now. */
export type Today = Ok<Client["api"]["today"]["$get"]>;
/** The smart punch's answer: the punch, how the day stands, and the assistant's sentence. */
export type SmartPunchResult = Ok<Client["api"]["punches"]["$post"]>;
export type CorrectionAsk = InferRequestType<Client["api"]["corrections"]["requests"]["$post"]>["json"];
export type OvertimeAsk = InferRequestType<Client["api"]["overtime"]["requests"]["$post"]>["json"];
export type CorrectionRequest = Ok<Client["api"]["corrections"]["requests"]["$get"]>[number];
export type OvertimeRequest = Ok<Client["api"]["overtime"]["requests"]["$get"]>[number];
/** A manager's one queue: every kind of request waiting for them. */
export type Approvals = Ok<Client["api"]["approvals"]["$get"]>;
export type TokenView = Ok<Client["api"]["auth"]["tokens"]["$get"]>[number];
export type NewToken = Ok<Client["api"]["auth"]["tokens"]["$post"]>;
/** The work policy and a change to it, as HR edits them. */
export type Policy = Ok<Client["api"]["policy"]["$get"]>;
export type PolicyPatch = InferRequestType<Client["api"]["policy"]["$put"]>["json"];
/** The directory as HR edits it: a person, a page of people, a department, an import's report. */
export type EmployeeView = Ok<Client["api"]["employees"][":login"]["$get"]>;
export type EmployeePage = Ok<Client["api"]["employees"]["$get"]>;
export type EmployeeQuery = InferRequestType<Client["api"]["employees"]["$get"]>["query"];
export type EmployeePatch = InferRequestType<Client["api"]["employees"][":login"]["$patch"]>["json"];
export type DepartmentView = Ok<Client["api"]["departments"]["$get"]>[number];
export type NewDepartment = InferRequestType<Client["api"]["departments"]["$post"]>["json"];
export type DepartmentPatch = InferRequestType<Client["api"]["departments"][":code"]["$patch"]>["json"];
export type ImportReport = Ok<Client["api"]["employees"]["import"]["$post"]>;
/** A department's location rule and assigned sites, as HR sees them. */
export type DepartmentLocation = Ok<Client["api"]["departments"]["location"]["$get"]>[number];
/** A request a manager decides: leave, a correction (补卡), overtime (加班) or a field punch (外勤). */
export type RequestKind = "leave" | "correction" | "overtime" | "field";
/** My in-app notifications, newest first, and how many are unread. */
export type NotificationList = Ok<Client["api"]["notifications"]["$get"]>;
export type AppNotification = NotificationList["items"][number];
/** My notification settings: channel, the optional reminders turned off, where they go now. */
export type NotificationSettings = Ok<Client["api"]["notification-settings"]["$get"]>;
export type NotificationSettingsPatch = InferRequestType<Client["api"]["notification-settings"]["$put"]>["json"];
/** A page of the audit log and the filter that asks for it (HR and admins). */
export type AuditPage = Ok<Client["api"]["audit"]["$get"]>;
export type AuditEntry = AuditPage["entries"][number];
export type AuditFilter = { login?: string; kind?: string; from?: string; to?: string; before?: number };
/** A shift, and one person's dated roster entry (shiftCode null: off). */
export type Shift = Ok<Client["api"]["shifts"]["$get"]>[number];
export type RosterDay = Ok<Client["api"]["roster"]["$get"]>[number];
export type ShiftInput = InferRequestType<Client["api"]["shifts"][":code"]["$put"]>["json"];
/** HR's delivery log: one decision of the scheduler with its outcome. */
export type Delivery = Ok<Client["api"]["deliveries"]["$get"]>[number];

let onUnauthorized: () => void = () => undefined;
let signedIn = false;

/**
 * The page's session lives in an HttpOnly cookie the server sets at sign-in: no script (ours or
 * an injected one) can read it, and the page keeps nothing in storage. This only remembers
 * whether we are signed in, to tell a lapsed session (401) from never having signed in.
 */
export const session = {
  get signedIn(): boolean {
    return signedIn;
  },
  set(next: boolean): void {
    signedIn = next;
  },
  /** Called when a signed-in call answers 401 (the session ended, or was ended elsewhere). */
  onUnauthorized(handler: () => void): void {
    onUnauthorized = handler;
  },
};

/** Marks our calls as the page's own (the server refuses cookie-borne writes from other sites). */
export function pageHeaders(): Record<string, string> {
  return { "x-requested-with": "fetch" };
}

async function errorOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | undefined;
  return new ApiError(response.status, body?.error?.code ?? `HTTP_${response.status}`, body?.error?.message ?? response.statusText, body?.error?.details);
}

/** Waits for a call; resolves with its JSON when it worked, rejects with an ApiError otherwise. */
async function ok<R extends ClientResponse<unknown>>(call: Promise<R>, options: { passwordCheck?: boolean } = {}): Promise<Awaited<ReturnType<R["json"]>>> {
  let response: R;
  try {
    response = await call;
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ApiError(0, "NETWORK", (error as Error).message);
  }
  if (!response.ok) {
    const error = await errorOf(response as unknown as Response);
    // A wrong current password is a 401 too, but the session it was asked in goes on.
    if (response.status === 401 && signedIn && !options.passwordCheck) onUnauthorized();
    throw error;
  }
  return (await response.json()) as Awaited<ReturnType<R["json"]>>;
}

/** Fetches a file (the CSV export) and returns it as a Blob. */
export async function download(path: string): Promise<{ blob: Blob; filename: string }> {
  const response = await fetch(path, { headers: pageHeaders(), credentials: "same-origin" });
  if (!response.ok) throw await errorOf(response);
  const disposition = response.headers.get("content-disposition") ?? "";
  const filename = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? "download";
  return { blob: await response.blob(), filename };
}

/** Every endpoint the page calls. */
export const api = {
  health: () => ok(client.api.health.$get()),
  /** A 6-digit code, valid 10 minutes, that links the chat account it is sent from. */
  chatLinkCode: () => ok(client.api.im["link-code"].$post()),
  demoPeople: () => ok(client.api.auth["demo-people"].$get()),
  authMethods: () => ok(client.api.auth.methods.$get()),
  currentSession: () => ok(client.api.auth.session.$get()),
  signIn: (login: string, password?: string, newPassword?: string) => ok(client.api.auth["sign-in"].$post({ json: { login, password, newPassword } })),
  setup: (input: InferRequestType<Client["api"]["auth"]["setup"]["$post"]>["json"]) => ok(client.api.auth.setup.$post({ json: input })),
  signOut: () => ok(client.api.auth["sign-out"].$post()),
  me: () => ok(client.api.me.$get()),
  /** The one smart button: `auto` lets the server pick in or out (the today card says which). */
  smartPunch: (
    kind: "auto" | "in" | "out" = "auto",
    place: { location?: { latitude: number; longitude: number; accuracyM?: number }; remark?: string; /** base64 JPEG or PNG */ photo?: string } = {},
    queued?: { at: string; key: string },
  ) =>
    ok(
      client.api.punches.$post({
        // A punch queued offline: when it was made, and its key (a retry gets the first answer).
        json: { kind, method: "web", location: place.location ?? null, remark: place.remark || null, photo: place.photo || null, ...(queued ? { at: queued.at } : {}) },
        header: queued ? { "idempotency-key": queued.key } : {},
      }),
    ),
  /** One's location rule and sites: the page asks for a location only when the rule needs one. */
  myPlace: () => ok(client.api.me.place.$get()),
  /** Where a punch made now would be judged to be, or why it would be refused. */
  judgePlace: (location?: { latitude: number; longitude: number; accuracyM?: number }, remark?: string) => ok(client.api.me.place.$post({ json: { location: location ?? null, remark: remark || null } })),
  changeLastPunchKind: (kind?: "in" | "out") => ok(client.api.punches.last.kind.$post({ json: { kind } })),
  today: () => ok(client.api.today.$get()),
  day: (date: string, login?: string) => ok(client.api.day.$get({ query: { date, login } })),
  calendar: (month: string, login?: string) => ok(client.api.calendar.$get({ query: { month, login } })),
  balances: () => ok(client.api.balances.$get({ query: {} })),
  leavePreview: (input: LeaveInput) => ok(client.api.leave.preview.$post({ json: input })),
  requestLeave: (input: LeaveInput) => ok(client.api.leave.$post({ json: input })),
  myLeave: () => ok(client.api.leave.$get({ query: {} })),
  cancelLeave: (id: number) => ok(client.api.leave[":id"].cancel.$post({ param: { id: String(id) } })),
  teamToday: () => ok(client.api.team.today.$get({ query: {} })),
  departmentsToday: () => ok(client.api.departments.today.$get({ query: {} })),
  requestCorrection: (ask: CorrectionAsk) => ok(client.api.corrections.requests.$post({ json: ask })),
  requestOvertime: (ask: OvertimeAsk) => ok(client.api.overtime.requests.$post({ json: ask })),
  myCorrections: () => ok(client.api.corrections.requests.$get({ query: {} })),
  myOvertime: () => ok(client.api.overtime.requests.$get({ query: {} })),
  cancelRequest: (kind: "correction" | "overtime", id: number) =>
    kind === "correction"
      ? ok(client.api.corrections.requests[":id"].cancel.$post({ param: { id: String(id) } }))
      : ok(client.api.overtime.requests[":id"].cancel.$post({ param: { id: String(id) } })),
  approvals: () => ok(client.api.approvals.$get()),
  /** Approves or rejects any kind of request; a comment (the reason for a rejection) where the kind keeps one. */
  decide: (kind: RequestKind, id: number, decision: "approve" | "reject", comment?: string) => {
    const param = { id: String(id) };
    const json = { comment: comment || null };
    if (kind === "leave") return ok(client.api.leave[":id"][decision].$post({ param }));
    if (kind === "correction") return ok(client.api.corrections.requests[":id"][decision].$post({ param, json }));
    if (kind === "field") return ok(client.api["field-punches"][":id"][decision === "approve" ? "confirm" : "reject"].$post({ param }));
    return ok(client.api.overtime.requests[":id"][decision].$post({ param, json }));
  },
  tokens: () => ok(client.api.auth.tokens.$get()),
  createToken: (name: string, hours: number) => ok(client.api.auth.tokens.$post({ json: { name, hours } })),
  revokeToken: (id: number) => ok(client.api.auth.tokens[":id"].$delete({ param: { id: String(id) } })),
  changePassword: (current: string, next: string) => ok(client.api.auth.password.$post({ json: { current, next } }), { passwordCheck: true }),
  policy: () => ok(client.api.policy.$get()),
  setPolicy: (patch: PolicyPatch) => ok(client.api.policy.$put({ json: patch })),
  correct: (login: string, at: string[], note?: string) => ok(client.api.corrections.$post({ json: { login, at, note: note || null } })),
  holidays: () => ok(client.api.holidays.$get()),
  importHolidays: (year: HolidayYear) => ok(client.api.holidays.$post({ json: year })),
  /** The month's summaries as a file, headers in `lang`. */
  exportSummaries: (month: string, format: "xlsx" | "csv", lang: "zh" | "en") =>
    download((format === "xlsx" ? client.api.export["summaries.xlsx"] : client.api.export["summaries.csv"]).$url({ query: { month, lang } }).href),
  departments: () => ok(client.api.departments.$get()),
  addDepartment: (input: NewDepartment) => ok(client.api.departments.$post({ json: input })),
  updateDepartment: (code: string, patch: DepartmentPatch) => ok(client.api.departments[":code"].$patch({ param: { code }, json: patch })),
  employees: (query: EmployeeQuery) => ok(client.api.employees.$get({ query })),
  updateEmployee: (login: string, patch: EmployeePatch) => ok(client.api.employees[":login"].$patch({ param: { login }, json: patch })),
  markLeft: (login: string, leavingDate: string) => ok(client.api.employees[":login"].leave.$post({ param: { login }, json: { leavingDate } })),
  rejoin: (login: string, hireDate?: string) => ok(client.api.employees[":login"].rejoin.$post({ param: { login }, json: { hireDate } })),
  /** The directory as CSV, in the import's format (a plain link: the session cookie carries it). */
  employeesCsvUrl: () => client.api.employees["export.csv"].$url().pathname,
  /** A staff list (CSV or XLSX): `dryRun` reports per row and writes nothing. */
  importEmployees: (file: File, options: { dryRun: boolean; createDepartments: boolean }) =>
    ok(client.api.employees.import.$post({ query: { dryRun: options.dryRun ? "1" : "0", createDepartments: options.createDepartments ? "1" : "0" }, form: { file } })),
  sites: () => ok(client.api.sites.$get()),
  addSite: (site: Omit<Site, "id">) => ok(client.api.sites.$post({ json: site })),
  updateSite: (id: number, site: Partial<Omit<Site, "id">>) => ok(client.api.sites[":id"].$patch({ param: { id: String(id) }, json: site })),
  departmentLocations: () => ok(client.api.departments.location.$get()),
  setDepartmentLocation: (code: string, rule: LocationRule, sites: number[]) => ok(client.api.departments[":code"].location.$put({ param: { code }, json: { rule, sites } })),
  notifications: (limit?: number) => ok(client.api.notifications.$get({ query: { limit: limit === undefined ? undefined : String(limit) } })),
  markNotificationsRead: (ids: number[]) => ok(client.api.notifications.read.$post({ json: { ids } })),
  notificationSettings: () => ok(client.api["notification-settings"].$get()),
  setNotificationSettings: (patch: NotificationSettingsPatch) => ok(client.api["notification-settings"].$put({ json: patch })),
  deliveries: (limit?: number) => ok(client.api.deliveries.$get({ query: { limit: limit === undefined ? undefined : String(limit) } })),
  audit: (f: AuditFilter) => ok(client.api.audit.$get({ query: { login: f.login || undefined, kind: f.kind || undefined, from: f.from || undefined, to: f.to || undefined, before: f.before ? String(f.before) : undefined, limit: "50" } })),
  shifts: () => ok(client.api.shifts.$get()),
  saveShift: (code: string, input: ShiftInput) => ok(client.api.shifts[":code"].$put({ param: { code }, json: input })),
  assignShift: (shift: string, target: { login?: string; department?: string }) => ok(client.api.shifts.assignments.$post({ json: { shift, ...target } })),
  roster: (login: string, from: string, to: string) => ok(client.api.roster.$get({ query: { login, from, to } })),
  setRoster: (entries: { login: string; date: string; shift: string }[]) => ok(client.api.roster.$post({ json: { entries } })),
  removeRoster: (login: string, date: string) => ok(client.api.roster[":login"][":date"].$delete({ param: { login, date } })),
  /** The logins of a department's active members (and its sub-departments'). */
  departmentLogins: async (department: string) => (await ok(client.api.employees.$get({ query: { department, status: "active", pageSize: "500" } }))).items.map((e) => e.login),
  sendTestMessage: (channel: "im" | "email" | "inapp") => ok(client.api.deliveries.test.$post({ json: { channel } })),
  /** Local WebRTC signalling: our offer, the server's answer. */
  rtcOffer: (sdp: string, location?: { latitude: number; longitude: number; accuracyM?: number }) => ok(client.api.rtc.offer.$post({ json: { sdp, location: location ?? null } })),
};
