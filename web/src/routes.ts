/**
 * Every screen the signed-in page can show: its path, its name in the menu, who may open it, and
 * its component (one file per screen under screens/). Add a screen here to put it in the menu.
 * Screens other than the assistant are fetched when first opened, to keep the first load small.
 */
import type { FunctionComponent } from "preact";
import type { Role } from "./api.ts";
import type { Key } from "./i18n/index.ts";
import { AssistantScreen } from "./screens/assistant.tsx";

export interface Route {
  path: string;
  /** Its name in the menu (an i18n key). */
  nav: Key;
  /** The screen's component, or a function fetching its module. */
  screen: FunctionComponent | (() => Promise<FunctionComponent>);
  /** Whether `screen` is a loader. */
  lazy?: boolean;
  /** Who sees it; everyone signed in when absent. */
  roles?: Role[];
  /** Opened from another screen (with its query), not from the menu. */
  hidden?: boolean;
}

const MANAGERS: Role[] = ["manager", "hr", "admin"];

export const routes: Route[] = [
  { path: "/", nav: "nav.assistant", screen: AssistantScreen },
  { path: "/attendance", nav: "nav.attendance", lazy: true, screen: () => import("./screens/attendance.tsx").then((m) => m.AttendanceScreen) },
  { path: "/leave", nav: "nav.leave", lazy: true, screen: () => import("./screens/leave.tsx").then((m) => m.LeaveScreen) },
  { path: "/approvals", nav: "nav.approvals", lazy: true, roles: MANAGERS, screen: () => import("./screens/approvals.tsx").then((m) => m.ApprovalsScreen) },
  { path: "/team", nav: "nav.team", lazy: true, roles: MANAGERS, screen: () => import("./screens/team.tsx").then((m) => m.TeamScreen) },
  { path: "/team/month", nav: "nav.team", lazy: true, roles: MANAGERS, hidden: true, screen: () => import("./screens/report-month.tsx").then((m) => m.ReportMonthScreen) },
  { path: "/hr", nav: "nav.hr", lazy: true, roles: ["hr", "admin"], screen: () => import("./screens/hr.tsx").then((m) => m.HrScreen) },
  { path: "/people", nav: "nav.people", lazy: true, roles: ["hr", "admin"], screen: () => import("./screens/employees.tsx").then((m) => m.EmployeesScreen) },
  { path: "/departments", nav: "nav.departments", lazy: true, roles: ["hr", "admin"], screen: () => import("./screens/departments.tsx").then((m) => m.DepartmentsScreen) },
  { path: "/people/import", nav: "nav.people", lazy: true, roles: ["hr", "admin"], hidden: true, screen: () => import("./screens/import.tsx").then((m) => m.ImportScreen) },
  { path: "/policy", nav: "nav.policy", lazy: true, roles: ["hr", "admin"], screen: () => import("./screens/policy.tsx").then((m) => m.PolicyScreen) },
  { path: "/sites", nav: "nav.sites", lazy: true, roles: ["hr", "admin"], screen: () => import("./screens/sites.tsx").then((m) => m.SitesScreen) },
  { path: "/notifications", nav: "nav.notifications", lazy: true, hidden: true, screen: () => import("./screens/notifications.tsx").then((m) => m.NotificationsScreen) },
  { path: "/audit", nav: "nav.audit", lazy: true, roles: ["hr", "admin"], screen: () => import("./screens/audit.tsx").then((m) => m.AuditScreen) },
  { path: "/reminders", nav: "nav.reminders", lazy: true, roles: ["hr", "admin"], screen: () => import("./screens/reminders.tsx").then((m) => m.RemindersScreen) },
  { path: "/shifts", nav: "nav.shifts", lazy: true, roles: ["hr", "admin"], screen: () => import("./screens/shifts.tsx").then((m) => m.ShiftsScreen) },
  { path: "/channels", nav: "nav.channels", lazy: true, roles: ["admin"], screen: () => import("./screens/channels.tsx").then((m) => m.ChannelsScreen) },
  { path: "/account", nav: "nav.account", lazy: true, screen: () => import("./screens/account.tsx").then((m) => m.AccountScreen) },
];

/** The screens `role` may open, in menu order. */
export function routesFor(role: Role): Route[] {
  return routes.filter((r) => !r.roles || r.roles.includes(role));
}
