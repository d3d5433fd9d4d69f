/**
 * The directory's values, one schema each, shared by the service, the import, the HTTP routes and
 * (as types) the web client. Node-free.
 */
import { z } from "zod";
import { isValidDate } from "../time.ts";
import { EMPLOYEE_STATUSES, IM_PLATFORMS, LANGUAGES, ROLES, type ImPlatform } from "../types.ts";

/** A calendar date, "YYYY-MM-DD", that exists. */
export const RealDaySchema = z.string().refine(isValidDate, { message: "dates are real dates as YYYY-MM-DD" });
const CONTROL = /[\u0000-\u001f\u007f]/;
/** A name as people write it: no control characters. */
export const NameSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(100)
  .refine((s) => !CONTROL.test(s), { message: "must not hold control characters" });

/** A sign-in name: letters, digits and `. _ - @`, starting with a letter or digit. */
export const LoginSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/, "logins are 1-64 letters, digits or . _ - @, starting with a letter or digit");
/** A department code: short, no spaces ("ENG", "sales-east"). */
export const DepartmentCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, "department codes are 1-32 letters, digits or . _ -");
export const EmailSchema = z
  .email({ error: "not an email address" })
  .max(254)
  .transform((s) => s.toLowerCase());
export const PhoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()-]{3,32}$/, "phone numbers are digits, spaces, ( ) - and a leading +");
export const RoleSchema = z.enum(ROLES as ["employee", "manager", "hr", "admin"], { error: `role is one of ${ROLES.join(", ")}` });
export const LanguageSchema = z.enum(LANGUAGES as ["zh", "en"], { error: `language is one of ${LANGUAGES.join(", ")}` });
export const EmployeeStatusSchema = z.enum(EMPLOYEE_STATUSES as ["active", "left"], { error: `status is one of ${EMPLOYEE_STATUSES.join(", ")}` });
/** A user id on a chat platform; null removes it. */
const ImIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .refine((s) => !CONTROL.test(s), { message: "must not hold control characters" })
  .nullable();
export const ImIdsSchema = z
  .object(Object.fromEntries(IM_PLATFORMS.map((p) => [p, ImIdSchema.optional()])) as Record<ImPlatform, z.ZodOptional<typeof ImIdSchema>>)
  .strict();

/** A new employee as HR enters them. */
export const NewEmployeeSchema = z
  .object({
    login: LoginSchema,
    name: NameSchema,
    nameEn: NameSchema.optional(),
    email: EmailSchema.nullish(),
    phone: PhoneSchema.nullish(),
    department: DepartmentCodeSchema,
    manager: LoginSchema.nullish(),
    role: RoleSchema.default("employee"),
    hireDate: RealDaySchema,
    careerStart: RealDaySchema.optional(),
    language: LanguageSchema.default("zh"),
    im: ImIdsSchema.optional(),
  })
  .strict();
export type NewEmployeeInput = z.input<typeof NewEmployeeSchema>;

/** Changes to an employee: only the fields given change; null clears an optional one. */
export const EmployeePatchSchema = z
  .object({
    name: NameSchema,
    nameEn: NameSchema,
    email: EmailSchema.nullable(),
    phone: PhoneSchema.nullable(),
    department: DepartmentCodeSchema,
    manager: LoginSchema.nullable(),
    role: RoleSchema,
    hireDate: RealDaySchema,
    careerStart: RealDaySchema,
    language: LanguageSchema,
    im: ImIdsSchema,
  })
  .partial()
  .strict();
export type EmployeePatch = z.input<typeof EmployeePatchSchema>;

/** Recording that someone left: their last day worked. */
export const LeavingSchema = z.object({ leavingDate: RealDaySchema }).strict();

/** Rehiring: the first day of the new stretch (default today). */
export const RejoinSchema = z.object({ hireDate: RealDaySchema.optional() }).strict();

/** Which employees to list, one page at a time. */
export const EmployeeQuerySchema = z.object({
  /** Part of a name, a login or an email. */
  q: z.string().trim().max(100).optional(),
  /** A department code: its members and its sub-departments' members. */
  department: DepartmentCodeSchema.optional(),
  status: EmployeeStatusSchema.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type EmployeeQuery = z.input<typeof EmployeeQuerySchema>;

export const NewDepartmentSchema = z
  .object({
    code: DepartmentCodeSchema,
    name: NameSchema,
    nameEn: NameSchema.optional(),
    parent: DepartmentCodeSchema.nullish(),
    head: LoginSchema.nullish(),
  })
  .strict();
export type NewDepartmentInput = z.input<typeof NewDepartmentSchema>;

export const DepartmentPatchSchema = z
  .object({
    name: NameSchema,
    nameEn: NameSchema,
    parent: DepartmentCodeSchema.nullable(),
    head: LoginSchema.nullable(),
    active: z.boolean(),
  })
  .partial()
  .strict();
export type DepartmentPatch = z.input<typeof DepartmentPatchSchema>;
