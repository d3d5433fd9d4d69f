import { Hono } from "hono";
import { z } from "zod";
import {
  DepartmentCodeSchema,
  DepartmentPatchSchema,
  EmployeePatchSchema,
  EmployeeQuerySchema,
  LeavingSchema,
  LoginSchema,
  NewDepartmentSchema,
  NewEmployeeSchema,
  RejoinSchema,
} from "../../attendance/directory/schemas.ts";
import type { AppServices } from "../app.ts";
import type { AuthEnv } from "../auth.ts";
import { valid } from "../validate.ts";

const Flag = z.enum(["0", "1"]).optional();
const ImportQuery = z.object({ dryRun: Flag, createDepartments: Flag });
const ImportForm = z.object({ file: z.instanceof(File, { message: "send the staff list as the multipart field 'file'" }) });
/** A staff list of tens of thousands of people as XLSX or CSV stays well under this. */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

const CodeParam = z.object({ code: DepartmentCodeSchema });
const LoginParam = z.object({ login: LoginSchema });

/**
 * The directory: departments and employees. Who may do what is the service's to say (HR manages,
 * a manager reads their reports, only an admin touches the hr and admin roles).
 */
export function directoryRoutes({ directory }: AppServices) {
  return new Hono<AuthEnv>()
    .get("/departments", async (c) => c.json(await directory.departments(c.get("user"))))
    .post("/departments", valid("json", NewDepartmentSchema), async (c) => c.json(await directory.addDepartment(c.get("user"), c.req.valid("json")), 201))
    .patch("/departments/:code", valid("param", CodeParam), valid("json", DepartmentPatchSchema), async (c) =>
      c.json(await directory.updateDepartment(c.get("user"), c.req.valid("param").code, c.req.valid("json"))),
    )
    .get("/employees", valid("query", EmployeeQuerySchema), async (c) => c.json(await directory.employees(c.get("user"), c.req.valid("query"))))
    .post("/employees", valid("json", NewEmployeeSchema), async (c) => c.json(await directory.addEmployee(c.get("user"), c.req.valid("json")), 201))
    // multipart/form-data with the file in `file`; ?dryRun=1 reports without writing.
    .post("/employees/import", valid("query", ImportQuery), valid("form", ImportForm), async (c) => {
      const q = c.req.valid("query");
      const bytes = new Uint8Array(await c.req.valid("form").file.arrayBuffer());
      const report = await directory.importFile(c.get("user"), bytes, { dryRun: q.dryRun === "1", createDepartments: q.createDepartments === "1" });
      return c.json(report, report.applied ? 201 : 200);
    })
    // Before /employees/:login, which would otherwise take "export.csv" for a login.
    .get("/employees/export.csv", async (c) => {
      const csv = await directory.exportCsv(c.get("user"));
      return c.body(csv, 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="employees.csv"' });
    })
    .get("/employees/:login", valid("param", LoginParam), async (c) => c.json(await directory.employee(c.get("user"), c.req.valid("param").login)))
    .patch("/employees/:login", valid("param", LoginParam), valid("json", EmployeePatchSchema), async (c) =>
      c.json(await directory.updateEmployee(c.get("user"), c.req.valid("param").login, c.req.valid("json"))),
    )
    .post("/employees/:login/leave", valid("param", LoginParam), valid("json", LeavingSchema), async (c) =>
      c.json(await directory.markLeft(c.get("user"), c.req.valid("param").login, c.req.valid("json").leavingDate)),
    )
    .post("/employees/:login/rejoin", valid("param", LoginParam), valid("json", RejoinSchema), async (c) =>
      c.json(await directory.rejoin(c.get("user"), c.req.valid("param").login, c.req.valid("json").hireDate)),
    );
}
