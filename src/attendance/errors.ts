/** Codes a person can read; HTTP maps them to statuses, the agent to spoken sentences. */
export type DomainErrorCode =
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "INVALID_INPUT"
  | "INVALID_DATE"
  | "DATE_RANGE_REVERSED"
  | "UNKNOWN_LEAVE_TYPE"
  | "LEAVE_OVERLAP"
  | "LEAVE_NO_WORKDAYS"
  | "LEAVE_TOO_FAR_BACK"
  | "LEAVE_TOO_LONG"
  | "LEAVE_BEFORE_HIRE"
  | "LEAVE_INSUFFICIENT_BALANCE"
  | "LEAVE_NOT_PENDING"
  | "LEAVE_NOT_CANCELLABLE"
  | "LEAVE_AMBIGUOUS"
  | "SELF_APPROVAL"
  | "CHECK_IN_AFTER_SHIFT_END"
  | "PUNCH_KIND_LOCKED"
  | "UNKNOWN_SHIFT"
  | "NOT_A_WORKDAY"
  | "CORRECTION_TOO_FAR_BACK"
  | "CORRECTION_IN_FUTURE"
  | "CORRECTION_QUOTA"
  | "CORRECTION_PUNCH_EXISTS"
  | "CORRECTION_DUPLICATE"
  | "OVERTIME_TOO_FAR_BACK"
  | "OVERTIME_NO_HOURS"
  | "OVERTIME_OVERLAP"
  | "REQUEST_NOT_PENDING"
  | "SEPARATION_OF_DUTIES"
  | "CORRECTION_OUT_OF_RANGE"
  | "HOLIDAYS_WOULD_BE_REMOVED"
  | "WEAK_PASSWORD"
  | "SETUP_DONE"
  | "TOKEN_TOO_LONG"
  | "OUTSIDE_SITE"
  | "LOCATION_REQUIRED"
  | "FIELD_REMARK_REQUIRED"
  | "LOCATION_MOCKED"
  | "INVALID_PHOTO"
  | "SITE_EXISTS"
  | "CHANNEL_UNAVAILABLE"
  | "LAST_ADMIN"
  | "MANAGER_CYCLE"
  | "DEPARTMENT_CYCLE"
  | "UNKNOWN_DEPARTMENT"
  | "UNKNOWN_MANAGER"
  | "ALREADY_EXISTS"
  | "EMPLOYEE_LEFT"
  | "EMPLOYEE_ACTIVE"
  | "IMPORT_INVALID"
  | "PUNCH_TIME_IN_FUTURE"
  | "PUNCH_TIME_TOO_OLD"
  | "IDEMPOTENCY_KEY_REUSED";

/** An expected failure of a domain rule: never a crash, always something to tell the user. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Figures a reply can quote (e.g. remaining days). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}
