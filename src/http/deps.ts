import type { AttendanceContext, AttendanceService } from "../attendance/service.ts";
import type { LeaveService } from "../attendance/leave-service.ts";
import type { AttendanceStore } from "../attendance/store.ts";
import type { AgentKeys } from "../auth/agent-keys.ts";
import type { TokenSigner } from "../auth/tokens.ts";

/** What the HTTP layer is given; it builds none of it. */
export interface CoreDeps {
  store: AttendanceStore;
  ctx: AttendanceContext;
  attendance: AttendanceService;
  leave: LeaveService;
  tokens: TokenSigner;
  agentKeys: AgentKeys;
  /** Demo mode lets anyone sign in by picking a demo person. */
  demoMode: boolean;
}
