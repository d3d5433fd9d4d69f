/**
 * Punches queued offline (issue 18): the claimed instant, the review of a late arrival, and the
 * Idempotency-Key kept in the database, over HTTP on a real SQLite file.
 */
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/http/app.ts";
import { openSystem } from "../../src/system.ts";
import { CHEAP_HASHING, rowCounts, tempDbPath, testClock } from "../helpers.ts";

/** The demo organisation on `file` (seeded when empty) with the app over it; `call` as a signed-in person. */
async function openApp(file: string, now: string) {
  const clock = testClock(now);
  const sys = await openSystem({ db: file, clock, seed: "org", passwordHashing: CHEAP_HASHING });
  const app = createApp(sys);
  const tokens = new Map<string, string>();
  const call = async (login: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const token = tokens.get(login) ?? tokens.set(login, await sys.auth.issueToken(login, 24 * 30)).get(login)!;
    const res = await app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, text, body: text ? JSON.parse(text) : null };
  };
  return { sys, clock, call };
}

const at = (clock: string) => `2026-11-26T${clock}:00+08:00`;

describe("a punch queued offline", () => {
  it("is recorded at its claimed minute, judged by it, and needs no review when it arrives within 10 minutes", async () => {
    const { call } = await openApp(tempDbPath(), at("09:03"));
    const res = await call("wang", "POST", "/api/punches", { kind: "in", method: "web", at: "2026-11-26T08:56:40+08:00" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: "in", lateMinutes: 0, punch: { atMs: Date.parse(at("08:56")), recordedAtMs: Date.parse(at("09:03")), place: { review: null } } });
    expect((await call("chen", "GET", "/api/approvals")).body.fieldPunches).toEqual([]);
  });

  it("arriving more than 10 minutes late is recorded at its claimed time and waits for the manager, who confirms or rejects it", async () => {
    const { call, clock } = await openApp(tempDbPath(), at("09:40"));
    const res = await call("wang", "POST", "/api/punches", { kind: "in", method: "web", at: at("08:57") });
    expect(res.body).toMatchObject({ kind: "in", lateMinutes: 0, punch: { atMs: Date.parse(at("08:57")), place: { review: "pending" } } });
    const waiting = (await call("chen", "GET", "/api/approvals")).body.fieldPunches;
    expect(waiting).toEqual([expect.objectContaining({ id: res.body.punch.id, login: "wang", atMs: Date.parse(at("08:57")), receivedMs: Date.parse(at("09:40")), arrivedLate: true, review: "pending", remark: null })]);
    // Not the owner's to confirm; their manager's.
    expect((await call("wang", "POST", `/api/field-punches/${res.body.punch.id}/confirm`)).status).toBe(403);
    expect((await call("chen", "POST", `/api/field-punches/${res.body.punch.id}/reject`)).body).toMatchObject({ review: "rejected", arrivedLate: true });
    expect((await call("chen", "GET", "/api/approvals")).body.fieldPunches).toEqual([]);
    // Rejected, it no longer counts: the day has no in-punch.
    clock.set("2026-11-27T10:00:00+08:00");
    expect((await call("wang", "GET", "/api/day?date=2026-11-26")).body).toMatchObject({ inMinute: null });
  });

  it("refuses a claimed time in the future or older than 72 hours with its code, recording nothing", async () => {
    const { sys, call } = await openApp(tempDbPath(), at("09:00"));
    const before = rowCounts(sys);
    const future = await call("wang", "POST", "/api/punches/check-in", { at: at("09:05") });
    expect(future).toMatchObject({ status: 422, body: { error: { code: "PUNCH_TIME_IN_FUTURE" } } });
    const old = await call("wang", "POST", "/api/punches/check-in", { at: "2026-11-23T08:59:00+08:00" });
    expect(old).toMatchObject({ status: 422, body: { error: { code: "PUNCH_TIME_TOO_OLD", details: { hours: 72 } } } });
    const bad = await call("wang", "POST", "/api/punches/check-in", { at: "yesterday" });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT" } } });
    expect(rowCounts(sys)).toEqual(before);
  });

  it("sent with its check-out in one go, both are recorded (a duplicate is judged by the claimed minute)", async () => {
    const { call, clock } = await openApp(tempDbPath(), at("18:30"));
    clock.set(at("18:30"));
    const first = await call("wang", "POST", "/api/punches", { kind: "in", method: "web", at: at("08:58") });
    const second = await call("wang", "POST", "/api/punches", { kind: "out", method: "web", at: at("18:02") });
    expect([first.status, second.status]).toEqual([201, 201]);
    const punches = (await call("wang", "GET", "/api/punches?from=2026-11-26")).body;
    expect(punches.map((p: { atMs: number; kind: string }) => [p.atMs, p.kind])).toEqual([
      [Date.parse(at("08:58")), "in"],
      [Date.parse(at("18:02")), "out"],
    ]);
  });
});

describe("Idempotency-Key on the punch routes", () => {
  it("a retried request with the same key returns the first status and body and records nothing new, also after a restart", async () => {
    const file = tempDbPath();
    const first = await openApp(file, at("09:20"));
    const key = { "idempotency-key": "c0ffee-2026-11-26-0857" };
    const body = { kind: "in", method: "web", at: at("08:57") };
    const sent = await first.call("wang", "POST", "/api/punches", body, key);
    expect(sent.status).toBe(201);
    const counts = rowCounts(first.sys);
    first.clock.set(at("09:21"));
    const again = await first.call("wang", "POST", "/api/punches", body, key);
    expect({ status: again.status, text: again.text }).toEqual({ status: sent.status, text: sent.text });
    expect(rowCounts(first.sys)).toEqual(counts);
    await first.sys.close();

    // The key lives in the database: a restarted server answers the same.
    const second = await openApp(file, at("09:45"));
    const later = await second.call("wang", "POST", "/api/punches", body, key);
    expect({ status: later.status, text: later.text }).toEqual({ status: sent.status, text: sent.text });
    expect(rowCounts(second.sys)).toEqual(counts);
    // The same key with another punch is a client's mistake, not a retry.
    const other = await second.call("wang", "POST", "/api/punches", { ...body, kind: "out" }, key);
    expect(other).toMatchObject({ status: 422, body: { error: { code: "IDEMPOTENCY_KEY_REUSED" } } });
    // Keys are per person: chen's request with wang's key is chen's own punch.
    expect((await second.call("chen", "POST", "/api/punches/check-in", {}, key)).status).toBe(201);
    await second.sys.close();
  });

  it("a refused request keeps nothing under its key: sent again once it can succeed, it is recorded", async () => {
    const { call, clock } = await openApp(tempDbPath(), at("08:00"));
    const key = { "idempotency-key": "retry-after-refusal" };
    const early = await call("wang", "POST", "/api/punches/check-in", { at: at("08:30") }, key);
    expect(early.body.error.code).toBe("PUNCH_TIME_IN_FUTURE");
    clock.set(at("08:31"));
    expect((await call("wang", "POST", "/api/punches/check-in", { at: at("08:30") }, key)).status).toBe(201);
  });

  it("refuses a malformed key", async () => {
    const { call } = await openApp(tempDbPath(), at("09:00"));
    const res = await call("wang", "POST", "/api/punches/check-out", {}, { "idempotency-key": "x".repeat(201) });
    expect(res).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT" } } });
  });
});
