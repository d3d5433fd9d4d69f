/**
 * The REST API as the page uses it: JSON in and out, the session cookie from sign-in, and one
 * error type carrying the server's `{"error":{"code","message"}}`.
 */
// Types only (erased from the bundle), from modules that import nothing of Node's, so the page's
// type-check (web/tsconfig.json, no Node types) stays a browser one.
import type { LeaveBalance } from "../../src/attendance/balances.ts";
import type { Health as ServerHealth, PartStatus } from "../../src/http/health.ts";
import type {
  DayRecord,
  DayStatus,
  Department,
  DepartmentDay,
  Employee,
  HalfDay,
  HolidayDay,
  HolidayYear,
  LeaveRequest,
  LeaveType,
  MemberDay,
  MonthlySummary,
  Punch,
  PunchResult as PunchOutcome,
  Role,
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
  MemberDay,
  MonthlySummary,
  Punch,
  Role,
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

/** What /api/health answers; `ok` is false only while the page has not heard from the server. */
export type Health = Omit<ServerHealth, "ok" | "engines"> & { ok: boolean; engines?: PartStatus[] };
/** How this server signs people in: demo (pick a person), password, or first-run setup pending. */
export interface AuthMethods {
  demo: boolean;
  password: boolean;
  setup: boolean;
}
export interface DemoPerson {
  login: string;
  name: string;
  nameEn: string;
  role: string;
  department?: string;
}
export type Me = Employee & { department?: Department; today: string; timeZone: string };
/** What the punch routes answer: the service's result and which punch it was. */
export type PunchResult = PunchOutcome & { kind: "in" | "out" };
export interface Calendar {
  month: string;
  login: string;
  days: DayRecord[];
  summary: MonthlySummary;
}
/** The part of the server's LeavePreview (src/attendance/leave-service.ts) the page reads. */
export interface LeavePreview {
  days: number;
  remainingBefore: number | null;
  remainingAfter: number | null;
}
/**
 * What the page files. Narrower than the server's LeaveInput on purpose: the server takes any
 * string as `type` and rejects unknown ones, while the page only ever sends a LeaveType.
 */
export interface LeaveInput {
  type: LeaveType;
  startDate: string;
  endDate?: string | null;
  halfDay?: HalfDay | null;
  reason?: string | null;
}
export type PendingLeave = LeaveRequest & { login: string; name: string };

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

/** Sends a request; resolves with the parsed JSON, rejects with an ApiError. */
export async function request<T>(method: "GET" | "POST" | "DELETE", path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", ...pageHeaders() };
  if (body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal, credentials: "same-origin" });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ApiError(0, "NETWORK", (error as Error).message);
  }
  if (!response.ok) {
    const error = await errorOf(response);
    if (response.status === 401 && signedIn) onUnauthorized();
    throw error;
  }
  return (await response.json()) as T;
}

/** Fetches a file (the CSV export) and returns it as a Blob. */
export async function download(path: string): Promise<{ blob: Blob; filename: string }> {
  const response = await fetch(path, { headers: pageHeaders(), credentials: "same-origin" });
  if (!response.ok) throw await errorOf(response);
  const disposition = response.headers.get("content-disposition") ?? "";
  const filename = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? "download";
  return { blob: await response.blob(), filename };
}

const q = (params: Record<string, string | undefined>) => {
  const entries = Object.entries(params).filter((e): e is [string, string] => !!e[1]);
  return entries.length ? `?${new URLSearchParams(entries)}` : "";
};

/** Every endpoint the page calls, typed. */
export const api = {
  health: () => request<Health>("GET", "/api/health"),
  demoPeople: () => request<DemoPerson[]>("GET", "/api/auth/demo-people"),
  authMethods: () => request<AuthMethods>("GET", "/api/auth/methods"),
  currentSession: () => request<{ user: Employee | null }>("GET", "/api/auth/session"),
  signIn: (login: string, password?: string, newPassword?: string) => request<{ user: Employee }>("POST", "/api/auth/sign-in", { login, password, newPassword }),
  setup: (input: { code: string; login: string; name: string; password: string; language: "zh" | "en" }) => request<{ user: Employee }>("POST", "/api/auth/setup", input),
  signOut: () => request<{ signedOut: boolean }>("POST", "/api/auth/sign-out"),
  me: () => request<Me>("GET", "/api/me"),
  punch: (kind: "in" | "out", location?: { latitude: number; longitude: number; accuracyM?: number }) =>
    request<PunchResult>("POST", `/api/punches/check-${kind}`, { location: location ?? null, method: "web" }),
  calendar: (month: string, login?: string) => request<Calendar>("GET", `/api/calendar${q({ month, login })}`),
  balances: () => request<LeaveBalance[]>("GET", "/api/balances"),
  leavePreview: (input: LeaveInput) => request<LeavePreview>("POST", "/api/leave/preview", input),
  requestLeave: (input: LeaveInput) => request<LeaveRequest>("POST", "/api/leave", input),
  myLeave: () => request<LeaveRequest[]>("GET", "/api/leave"),
  cancelLeave: (id: number) => request<LeaveRequest>("POST", `/api/leave/${id}/cancel`),
  pendingLeave: () => request<PendingLeave[]>("GET", "/api/leave/pending"),
  decideLeave: (id: number, decision: "approve" | "reject") => request<LeaveRequest>("POST", `/api/leave/${id}/${decision}`),
  teamToday: () => request<{ date: string; members: MemberDay[] }>("GET", "/api/team/today"),
  departmentsToday: () => request<{ date: string; departments: DepartmentDay[] }>("GET", "/api/departments/today"),
  correct: (login: string, at: string[], note?: string) => request<Punch[]>("POST", "/api/corrections", { login, at, note: note || null }),
  holidays: () => request<HolidayDay[]>("GET", "/api/holidays"),
  importHolidays: (year: HolidayYear) => request<{ year: number; imported: number }>("POST", "/api/holidays", year),
  exportCsv: (month: string) => download(`/api/export/summaries.csv${q({ month })}`),
};
