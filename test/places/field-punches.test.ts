import { describe, expect, it } from "vitest";
import { northOfHq, placesApp } from "./harness.ts";

/** wang checks in on a customer's site (a field punch) and checks out at the office. */
async function fieldDay() {
  const t = await placesApp();
  await t.setUp("siteOrField");
  const field = await t.call("wang", "POST", "/api/punches/check-in", { location: northOfHq(5000), remark: "客户现场：浦东" });
  t.sys.clock.set("2026-11-26T18:05:00+08:00");
  await t.call("wang", "POST", "/api/punches/check-out", { location: northOfHq(20) });
  return { ...t, fieldId: field.body.punch.id as number };
}

describe("field punches in the manager's approvals", () => {
  it("lists a field punch for the manager with who, when, remark and a map link; it counts until rejected", async () => {
    const { sys, call, fieldId } = await fieldDay();
    const approvals = await call("chen", "GET", "/api/approvals");
    expect(approvals.body.fieldPunches).toEqual([
      {
        id: fieldId,
        login: "wang",
        name: "王小明",
        nameEn: expect.any(String),
        atMs: Date.parse("2026-11-26T08:55:00+08:00"),
        kind: "in",
        remark: "客户现场：浦东",
        site: "总部",
        distanceM: 5000,
        mapLink: expect.stringMatching(/^https:\/\/www\.openstreetmap\.org\/\?mlat=31\.275&mlon=121\.474/),
        hasPhoto: false,
        review: "pending",
        receivedMs: Date.parse("2026-11-26T08:55:00+08:00"),
        arrivedLate: false,
      },
    ]);
    // Not another manager's, and not the owner's to review.
    expect((await call("lin", "GET", "/api/approvals")).body.fieldPunches).toEqual([]);
    expect((await call("wang", "POST", `/api/field-punches/${fieldId}/confirm`)).status).toBe(403);
    sys.clock.set("2026-11-27T10:00:00+08:00");
    const summary = await call("wang", "GET", "/api/summary?month=2026-11");
    expect(summary.body).toMatchObject({ fieldPunchCount: 1, missingPunchCount: 0 });
  });

  it("a confirmed field punch keeps counting; it cannot be reviewed twice", async () => {
    const { call, fieldId } = await fieldDay();
    expect((await call("chen", "POST", `/api/field-punches/${fieldId}/confirm`)).body).toMatchObject({ id: fieldId, review: "confirmed" });
    expect((await call("chen", "POST", `/api/field-punches/${fieldId}/reject`)).body.error.code).toBe("REQUEST_NOT_PENDING");
    expect((await call("chen", "GET", "/api/approvals")).body.fieldPunches).toEqual([]);
    expect((await call("wang", "GET", "/api/summary?month=2026-11")).body.fieldPunchCount).toBe(1);
  });

  it("a rejected field punch no longer counts: the day is judged with a missing punch", async () => {
    const { sys, call, fieldId } = await fieldDay();
    expect((await call("chen", "POST", `/api/field-punches/${fieldId}/reject`)).body).toMatchObject({ review: "rejected" });
    sys.clock.set("2026-11-27T10:00:00+08:00");
    const summary = await call("wang", "GET", "/api/summary?month=2026-11");
    expect(summary.body).toMatchObject({ fieldPunchCount: 0, missingPunchCount: 1 });
    const day = await call("wang", "GET", "/api/day?date=2026-11-26");
    expect(day.body).toMatchObject({ status: "missing-punch", inMinute: null });
    expect(day.body.punches).toEqual([expect.objectContaining({ kind: "out", place: "site", site: "总部" })]);
  });

  it("keeps a field punch's photo encrypted, checked by content, for the manager to see", async () => {
    const { call, setUp } = await placesApp();
    await setUp("siteOrField");
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
    const notImage = await call("wang", "POST", "/api/punches/check-in", { location: northOfHq(900), remark: "客户现场", photo: Buffer.from("GIF89a....").toString("base64") });
    expect(notImage).toMatchObject({ status: 400, body: { error: { code: "INVALID_PHOTO" } } });
    const res = await call("wang", "POST", "/api/punches/check-in", { location: northOfHq(900), remark: "客户现场", photo: png.toString("base64") });
    expect(res.body.punch.place.hasPhoto).toBe(true);
    const photo = await call("chen", "GET", "/api/field-punches").then((r) => r.body[0]);
    expect(photo.hasPhoto).toBe(true);
  });
});
