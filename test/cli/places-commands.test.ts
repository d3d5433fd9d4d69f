import { describe, expect, it } from "vitest";
import { cli } from "./cli-json.ts";
import { loadConfig } from "../../src/config.ts";
import { openSystem } from "../../src/system.ts";
import { tempDbPath } from "../helpers.ts";

describe("the places commands", () => {
  it("sets up a site with networks and gives a department its rule; a second call changes the site", async () => {
    const db = tempDbPath();
    await cli(db, ["seed", "--org-only"]);
    const made = await cli(db, ["site", "--name", "总部", "--lat", "31.2304", "--lng", "121.4737", "--network", "203.0.113.0/24", "--network", "198.51.100.7", "--department", "SALES", "--rule", "siteOrField"]);
    expect(made).toMatchObject({ code: 0, json: { site: { id: 1, name: "总部", radiusM: 300, networks: ["203.0.113.0/24", "198.51.100.7/32"], active: true }, department: { department: "SALES", rule: "siteOrField", sites: [1] } } });
    const changed = await cli(db, ["site", "--name", "总部", "--radius", "500"]);
    expect(changed.json.site).toMatchObject({ id: 1, latitude: 31.2304, radiusM: 500, networks: ["203.0.113.0/24", "198.51.100.7/32"] });
    const second = await cli(db, ["site", "--name", "北京分部", "--lat", "39.9087", "--lng", "116.3975", "--department", "SALES", "--rule", "site"]);
    expect(second.json.department).toEqual({ department: "SALES", rule: "site", sites: [1, 2] });
    // The server reads what the command line wrote, with the same key file beside the database.
    const sys = await openSystem({ config: loadConfig({ ATTENDANCE_DB: db }) });
    expect(await sys.sites.myPlaceRule((await sys.store.people.byLogin("lin"))!)).toEqual({ rule: "site", sites: [{ id: 1, name: "总部" }, { id: 2, name: "北京分部" }] });
    await sys.close();
  });

  it("refuses a bad network, radius or rule naming it, and writes nothing", async () => {
    const db = tempDbPath();
    await cli(db, ["seed", "--org-only"]);
    expect((await cli(db, ["site", "--name", "X", "--lat", "31", "--lng", "121", "--network", "10.0.0.0/33"])).message).toMatch(/INVALID_INPUT.*networks/);
    expect((await cli(db, ["site", "--name", "X", "--lat", "31", "--lng", "121", "--department", "SALES", "--rule", "anywhere"])).message).toMatch(/INVALID_INPUT.*rule/);
    expect((await cli(db, ["site", "--name", "X", "--lat", "north", "--lng", "121"])).message).toMatch(/INVALID_INPUT.*lat/);
    const sys = await openSystem({ config: loadConfig({ ATTENDANCE_DB: db }) });
    expect((await sys.sites.sites({ id: 0, login: "system", role: "admin", managerId: null })).map((s) => s.name)).toEqual([]);
    await sys.close();
  });

  it("erases old coordinates on demand", async () => {
    const db = tempDbPath();
    await cli(db, ["seed", "--org-only"]);
    expect((await cli(db, ["erase-locations"])).json).toMatchObject({ erased: 0 });
  });
});
