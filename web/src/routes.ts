/**
 * Every screen the signed-in page can show: its path, its name in the menu, who may open it, and
 * its component (one file per screen under screens/). Add a screen here to put it in the menu.
 */
import type { FunctionComponent } from "preact";
import type { Role } from "./api.ts";
import type { Key } from "./i18n/index.ts";
import { AccountScreen } from "./screens/account.tsx";
import { ApprovalsScreen } from "./screens/approvals.tsx";
import { AssistantScreen } from "./screens/assistant.tsx";
import { AttendanceScreen } from "./screens/attendance.tsx";
import { HrScreen } from "./screens/hr.tsx";
import { LeaveScreen } from "./screens/leave.tsx";
import { TeamScreen } from "./screens/team.tsx";

export interface Route {
  path: string;
  /** Its name in the menu (an i18n key). */
  nav: Key;
  screen: FunctionComponent;
  /** Who sees it; everyone signed in when absent. */
  roles?: Role[];
}

export const routes: Route[] = [
  { path: "/", nav: "nav.assistant", screen: AssistantScreen },
  { path: "/attendance", nav: "nav.attendance", screen: AttendanceScreen },
  { path: "/leave", nav: "nav.leave", screen: LeaveScreen },
  { path: "/approvals", nav: "nav.approvals", screen: ApprovalsScreen, roles: ["manager", "hr", "admin"] },
  { path: "/team", nav: "nav.team", screen: TeamScreen, roles: ["manager", "hr", "admin"] },
  { path: "/hr", nav: "nav.hr", screen: HrScreen, roles: ["hr", "admin"] },
  { path: "/account", nav: "nav.account", screen: AccountScreen },
];

/** The screens `role` may open, in menu order. */
export function routesFor(role: Role): Route[] {
  return routes.filter((r) => !r.roles || r.roles.includes(role));
}
