/** The attendance services over one store, sharing one context: what every front end is given. */
import { AuditService } from "./audit-service.ts";
import { AttendanceContext, type Clock, type DomainEvents } from "./context.ts";
import { CorrectionService } from "./correction-service.ts";
import { DirectoryService, type ChatIdRecords } from "./directory/service.ts";
import { LeaveService } from "./leave-service.ts";
import { OvertimeService } from "./overtime-service.ts";
import { PeopleService } from "./people-service.ts";
import { AttendanceService } from "./service.ts";
import { SheetService } from "./sheet-service.ts";
import { ShiftService } from "./shift-service.ts";
import { SiteService } from "./site-service.ts";
import { MeetingService } from "./meeting-service.ts";
import type { AttendanceStore } from "./store/index.ts";

/** The domain's whole surface for callers; nothing outside src/attendance touches a store. */
export interface AttendanceServices {
  attendance: AttendanceService;
  leave: LeaveService;
  people: PeopleService;
  shifts: ShiftService;
  corrections: CorrectionService;
  overtime: OvertimeService;
  sites: SiteService;
  meetings: MeetingService;
  directory: DirectoryService;
  /** Everyone's days for the reminders: a glance at all, the few judged. */
  sheets: SheetService;
  /** Reading the audit log (HR and admins). */
  audit: AuditService;
}

/** What the services use from outside the attendance store. */
export interface ServiceParts {
  /** Where people's chat ids live (src/im); none without it. */
  chatIds?: ChatIdRecords;
}

/** The services over `store`, reading time from `clock`, announcing committed changes to `events`. */
export function createServices(store: AttendanceStore, clock: Clock = Date.now, events?: DomainEvents, parts: ServiceParts = {}): AttendanceServices {
  const ctx = new AttendanceContext(store, clock, events);
  return {
    attendance: new AttendanceService(ctx),
    leave: new LeaveService(ctx),
    people: new PeopleService(ctx),
    shifts: new ShiftService(ctx),
    corrections: new CorrectionService(ctx),
    overtime: new OvertimeService(ctx),
    sites: new SiteService(ctx),
    meetings: new MeetingService(ctx),
    directory: new DirectoryService(ctx, parts.chatIds),
    sheets: new SheetService(ctx),
    audit: new AuditService(ctx),
  };
}
