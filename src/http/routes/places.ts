import { Hono } from "hono";
import { z } from "zod";
import { DepartmentLocationSchema, MeetingSchema, PunchPlaceSchema, SitePatchSchema, SiteSchema } from "../../attendance/schemas.ts";
import type { AppServices } from "../app.ts";
import type { AuthEnv } from "../auth.ts";
import { IdParams, valid } from "../validate.ts";

const Code = z.object({ code: z.string().min(1).max(50) });
const Login = z.object({ login: z.string().min(1).max(100) });
const SiteIds = z.object({ sites: z.array(z.number().int().positive()).max(100) });

/**
 * Places (issue 15): HR's sites and assignments, one's own rule (the page asks for a location
 * only when it is needed), and the manager's review of field punches. Permissions are the service's.
 */
export function placeRoutes({ sites, meetings }: AppServices) {
  return new Hono<AuthEnv>()
    .get("/sites", async (c) => c.json(await sites.sites(c.get("user"))))
    .post("/sites", valid("json", SiteSchema), async (c) => c.json(await sites.addSite(c.get("user"), c.req.valid("json")), 201))
    .patch("/sites/:id", valid("param", IdParams), valid("json", SitePatchSchema), async (c) => c.json(await sites.updateSite(c.get("user"), c.req.valid("param").id, c.req.valid("json"))))
    .get("/departments/location", async (c) => c.json(await sites.departmentLocations(c.get("user"))))
    .put("/departments/:code/location", valid("param", Code), valid("json", DepartmentLocationSchema), async (c) =>
      c.json(await sites.setDepartmentLocation(c.get("user"), c.req.valid("param").code, c.req.valid("json"))),
    )
    .put("/employees/:login/sites", valid("param", Login), valid("json", SiteIds), async (c) =>
      c.json(await sites.setEmployeeSites(c.get("user"), c.req.valid("param").login, c.req.valid("json").sites)),
    )
    .get("/me/place", async (c) => c.json(await sites.myPlaceRule(c.get("user"))))
    // Where a punch made now would be judged to be (same rule, same client address), before punching.
    .post("/me/place", valid("json", PunchPlaceSchema.pick({ location: true, remark: true })), async (c) =>
      c.json(await sites.judgeHere(c.get("user"), { ...c.req.valid("json"), address: c.get("client").address })),
    )
    .get("/field-punches", async (c) => c.json(await sites.pendingFieldPunches(c.get("user"))))
    .post("/field-punches/:id/confirm", valid("param", IdParams), async (c) => c.json(await sites.reviewFieldPunch(c.get("user"), c.req.valid("param").id, "confirmed")))
    .post("/field-punches/:id/reject", valid("param", IdParams), async (c) => c.json(await sites.reviewFieldPunch(c.get("user"), c.req.valid("param").id, "rejected")))
    .get("/meetings", async (c) => c.json(await meetings.meetings(c.get("user"))))
    .post("/meetings", valid("json", MeetingSchema), async (c) => c.json(await meetings.addMeeting(c.get("user"), c.req.valid("json")), 201))
    // The signed-in page joined a meeting's local call: a check-in inside its window.
    .post("/meetings/:id/join", valid("param", IdParams), async (c) => c.json(await meetings.joinedLocal(c.get("user"), c.req.valid("param").id)))
    .get("/punches/:id/photo", valid("param", IdParams), async (c) => {
      const photo = await sites.fieldPhoto(c.get("user"), c.req.valid("param").id);
      const type = photo[0] === 0xff ? "image/jpeg" : "image/png";
      return c.body(new Uint8Array(photo), 200, { "content-type": type, "cache-control": "no-store" });
    });
}
