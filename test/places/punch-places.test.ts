import { describe, expect, it } from "vitest";
import { rowCounts } from "../helpers.ts";
import { northOfHq, placesApp } from "./harness.ts";

describe("where a punch is judged to be", () => {
  it("sets up a site with the defaults and shows networks to HR only", async () => {
    const { call, setUp } = await placesApp();
    await setUp("site");
    const hr = await call("zhao", "GET", "/api/sites");
    expect(hr.body).toEqual([{ id: 1, name: "总部", latitude: 31.2304, longitude: 121.4737, radiusM: 300, networks: ["203.0.113.0/24"], active: true }]);
    expect((await call("wang", "GET", "/api/sites")).body[0].networks).toEqual([]);
    expect((await call("wang", "POST", "/api/sites", { name: "X", latitude: 1, longitude: 1 })).status).toBe(403);
    expect((await call("zhao", "POST", "/api/sites", { name: "Y", latitude: 1, longitude: 1, networks: ["10.0.0.0/40"] })).body.error.code).toBe("INVALID_INPUT");
    expect((await call("wang", "GET", "/api/me/place")).body).toEqual({ rule: "site", sites: [{ id: 1, name: "总部" }] });
  });

  it("takes a punch 250 m from a 300 m site as on-site, and 350 m as a field punch that needs a remark", async () => {
    const { sys, call, setUp } = await placesApp();
    await setUp("siteOrField");
    const far = await call("wang", "POST", "/api/punches/check-in", { location: northOfHq(350) });
    expect(far).toMatchObject({ status: 422, body: { error: { code: "FIELD_REMARK_REQUIRED", details: { distanceM: 350, site: "总部" } } } });
    expect(rowCounts(sys).punches).toBe(0);
    const field = await call("wang", "POST", "/api/punches/check-in", { location: northOfHq(350), remark: "客户现场：浦东软件园" });
    expect(field.status).toBe(201);
    expect(field.body.place).toEqual({ kind: "field", site: "总部", distanceM: 350 });
    expect(field.body.punch.place).toMatchObject({ kind: "field", remark: "客户现场：浦东软件园", review: "pending" });

    const near = await call("chen", "POST", "/api/punches/check-in", { location: northOfHq(250) });
    expect(near.status).toBe(201);
    expect(near.body.place).toEqual({ kind: "site", site: "总部", distanceM: 250 });
  });

  it("refuses a punch 350 m away under rule site, with the distance, and writes nothing", async () => {
    const { sys, call, setUp } = await placesApp();
    await setUp("site");
    const res = await call("wang", "POST", "/api/punches/check-in", { location: northOfHq(350), remark: "anything" });
    expect(res).toMatchObject({ status: 422, body: { error: { code: "OUTSIDE_SITE", details: { distanceM: 350, site: "总部" } } } });
    expect(rowCounts(sys).punches).toBe(0);
    const far = await call("wang", "POST", "/api/punches/check-in", { location: northOfHq(1200) });
    expect(far.body.error.details.distanceM).toBe(1200);
  });

  it("does not take an accuracy of 2,000 m at the door as proof of being on site", async () => {
    const { call, setUp } = await placesApp();
    await setUp("site");
    const vague = await call("wang", "POST", "/api/punches/check-in", { location: northOfHq(0, 2000) });
    expect(vague).toMatchObject({ status: 422, body: { error: { code: "OUTSIDE_SITE", details: { distanceM: 0 } } } });
    const exact = await call("wang", "POST", "/api/punches/check-in", { location: northOfHq(0, 300) });
    expect(exact.body.place).toEqual({ kind: "site", site: "总部", distanceM: 0 });
  });

  it("refuses a location the device says is mocked, even at the door", async () => {
    const { sys, call, setUp } = await placesApp();
    await setUp("none");
    const res = await call("wang", "POST", "/api/punches/check-in", { location: { ...northOfHq(10), mocked: true } });
    expect(res).toMatchObject({ status: 422, body: { error: { code: "LOCATION_MOCKED" } } });
    expect(rowCounts(sys).punches).toBe(0);
  });

  it("takes a request from a site network as on-site with no location; X-Forwarded-For is ignored without TRUST_PROXY", async () => {
    const { call, setUp } = await placesApp();
    await setUp("site");
    const fromOffice = await call("wang", "POST", "/api/punches/check-in", {}, "203.0.113.45");
    expect(fromOffice.status).toBe(201);
    expect(fromOffice.body.place).toEqual({ kind: "network", site: "总部" });
    const forged = await call("chen", "POST", "/api/punches/check-in", {}, "198.51.100.9", { "x-forwarded-for": "203.0.113.45" });
    expect(forged).toMatchObject({ status: 422, body: { error: { code: "LOCATION_REQUIRED" } } });
  });

  it("reads the client from X-Forwarded-For behind a trusted proxy (TRUST_PROXY=1)", async () => {
    const { call, setUp } = await placesApp({ trustProxy: true });
    await setUp("site");
    const viaProxy = await call("wang", "POST", "/api/punches/check-in", {}, "127.0.0.1", { "x-forwarded-for": "198.51.100.1, 203.0.113.45" });
    expect(viaProxy.status).toBe(201);
    expect(viaProxy.body.place).toEqual({ kind: "network", site: "总部" });
  });

  it("names the site under rule none and records no place elsewhere, as before", async () => {
    const { call, setUp } = await placesApp();
    await setUp("none");
    expect((await call("wang", "POST", "/api/punches/check-in", { location: northOfHq(100) })).body.place).toEqual({ kind: "site", site: "总部", distanceM: 100 });
    expect((await call("chen", "POST", "/api/punches/check-in", { location: northOfHq(5000) })).body.place).toEqual({ kind: "none" });
    expect((await call("lin", "POST", "/api/punches/check-in", {})).body.place).toEqual({ kind: "none" });
  });

  it("judges a person by their department's sites and their own: a Beijing engineer punches at the Beijing office", async () => {
    const { call, setUp } = await placesApp();
    await setUp("site");
    const beijing = await call("zhao", "POST", "/api/sites", { name: "北京分部", latitude: 39.9087, longitude: 116.3975, radiusM: 500 });
    const there = { latitude: 39.9087, longitude: 116.3995, accuracyM: 30 };
    expect((await call("wang", "POST", "/api/punches/check-in", { location: there })).body.error.code).toBe("OUTSIDE_SITE");
    expect((await call("zhao", "PUT", "/api/employees/wang/sites", { sites: [beijing.body.id] })).body).toEqual({ login: "wang", sites: [beijing.body.id] });
    expect((await call("wang", "GET", "/api/me/place")).body.sites.map((s: { name: string }) => s.name)).toEqual(["总部", "北京分部"]);
    const punched = await call("wang", "POST", "/api/punches/check-in", { location: there });
    expect(punched.body.place).toEqual({ kind: "site", site: "北京分部", distanceM: 171 });
    // An inactive site no longer counts.
    expect((await call("zhao", "PATCH", `/api/sites/${beijing.body.id}`, { active: false })).body.active).toBe(false);
    expect((await call("wang", "GET", "/api/me/place")).body.sites.map((s: { name: string }) => s.name)).toEqual(["总部"]);
    expect((await call("chen", "PUT", "/api/employees/chen/sites", { sites: [beijing.body.id] })).status).toBe(403);
  });
  it("says before punching where a punch would be judged, and why it would be refused, with 200 answers that write nothing", async () => {
    const { sys, call, setUp } = await placesApp();
    await setUp("siteOrField");
    expect(await call("wang", "POST", "/api/me/place", { location: northOfHq(250) })).toEqual({ status: 200, body: { place: { kind: "site", site: "总部", distanceM: 250 }, refusal: null } });
    expect((await call("wang", "POST", "/api/me/place", {}, "203.0.113.45")).body.place).toEqual({ kind: "network", site: "总部" });
    const far = await call("wang", "POST", "/api/me/place", { location: northOfHq(2500) });
    expect(far).toMatchObject({ status: 200, body: { place: null, refusal: { code: "FIELD_REMARK_REQUIRED", details: { distanceM: 2500, site: "总部" } } } });
    expect((await call("wang", "POST", "/api/me/place", { location: northOfHq(2500), remark: "客户现场" })).body.place).toEqual({ kind: "field", site: "总部", distanceM: 2500 });
    expect((await call("wang", "POST", "/api/me/place", {})).body.refusal.code).toBe("LOCATION_REQUIRED");
    expect((await call("wang", "POST", "/api/me/place", { location: { ...northOfHq(0), mocked: true } })).body.refusal.code).toBe("LOCATION_MOCKED");
    await call("zhao", "PUT", "/api/departments/ENG/location", { rule: "site", sites: [] });
    expect((await call("wang", "POST", "/api/me/place", { location: northOfHq(1200) })).body.refusal).toMatchObject({ code: "OUTSIDE_SITE", details: { distanceM: 1200 } });
    expect(rowCounts(sys).punches).toBe(0);
  });
});
