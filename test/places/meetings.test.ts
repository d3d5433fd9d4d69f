import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/http/app.ts";
import { ncsSignature, verifyNcs } from "../../src/rtc/agora/ncs.ts";
import { demoSystem } from "../helpers.ts";

const SECRET = "ncs-secret-for-tests";

describe("Agora NCS signatures", () => {
  it("match a vector computed independently (openssl dgst -sha256 -hmac) and refuse a tampered body", () => {
    const body = '{"noticeId":"2000001428:4330:107","productId":1,"eventType":103,"notifyMs":1795654200000,"sid":"C1","payload":{"channelName":"standup","uid":7,"platform":1,"clientSeq":1,"ts":1795654200}}';
    const vector = "24644d462d299450e8b78326dd2d6a78609db797719cbfb0f0424725ab60678b";
    expect(ncsSignature(body, SECRET)).toBe(vector);
    expect(verifyNcs(body, vector, SECRET)).toBe(true);
    expect(verifyNcs(body, vector.toUpperCase(), SECRET)).toBe(true);
    expect(verifyNcs(body.replace('"uid":7', '"uid":8'), vector, SECRET)).toBe(false);
    expect(verifyNcs(body, undefined, SECRET)).toBe(false);
    expect(verifyNcs(body, vector.slice(0, 40), SECRET)).toBe(false);
  });
});

/** 晨会 on the Agora channel "standup", workdays 09:00-09:30, for Engineering. */
async function meetingDay(now = "2026-11-26T09:10:00+08:00") {
  const sys = await demoSystem(now);
  const app = createApp(sys, { agoraNcsSecret: SECRET });
  const hr = await sys.token("zhao");
  const api = (token: string, method: string, path: string, body?: unknown) =>
    app.request(path, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const made = await api(hr, "POST", "/api/meetings", { name: "晨会", start: "09:00", end: "09:30", departments: ["ENG"], channel: "standup" });
  expect(made.status).toBe(201);
  /** A notice as Agora sends it: the raw JSON, signed with the NCS secret. */
  const notify = (noticeId: string, payload: Record<string, unknown>, options: { eventType?: number; tamper?: (s: string) => string } = {}) => {
    const body = JSON.stringify({ noticeId, productId: 1, eventType: options.eventType ?? 103, notifyMs: Date.parse(now), sid: "S1", payload: { channelName: "standup", platform: 7, clientSeq: 1, ...payload } });
    const signature = createHmac("sha256", SECRET).update(body).digest("hex");
    return app.request("/api/agora/events", { method: "POST", headers: { "content-type": "application/json", "agora-signature-v2": signature }, body: options.tamper ? options.tamper(body) : body });
  };
  const meetingPunches = async (login: string) => (await sys.store.punches.between(sys.user(login).id, 0, Date.parse("2100-01-01"))).filter((p) => p.method === "meeting");
  return { sys, app, api, notify, meetingPunches, hr };
}

const at = (iso: string) => Math.floor(Date.parse(iso) / 1000);

describe("meeting check-in", () => {
  it("checks a participant in from a signed Agora join inside the window; a duplicate notice makes one punch", async () => {
    const { sys, notify, meetingPunches } = await meetingDay();
    const first = await notify("n-1", { uid: sys.user("wang").id, ts: at("2026-11-26T09:05:00+08:00") });
    expect(await first.json()).toEqual({ ok: true, punches: 1 });
    const again = await notify("n-1", { uid: sys.user("wang").id, ts: at("2026-11-26T09:05:00+08:00") });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ ok: true, duplicate: true });
    expect(await meetingPunches("wang")).toEqual([expect.objectContaining({ kind: "in", method: "meeting", atMs: Date.parse("2026-11-26T09:05:00+08:00") })]);
    // Rejoining the same day (a dropped connection) does not punch again.
    expect(await (await notify("n-2", { uid: sys.user("wang").id, ts: at("2026-11-26T09:12:00+08:00") })).json()).toEqual({ ok: true, punches: 0 });
    const summary = await sys.attendance.day(sys.user("wang"), "wang", "2026-11-26");
    expect(summary).toMatchObject({ inMinute: 9 * 60 + 5, lateMinutes: 0 });
  });

  it("refuses a tampered notice with 401 and records nothing", async () => {
    const { sys, notify, meetingPunches } = await meetingDay();
    const tampered = await notify("n-3", { uid: sys.user("chen").id, ts: at("2026-11-26T09:05:00+08:00") }, { tamper: (b) => b.replace(`"uid":${sys.user("chen").id}`, `"uid":${sys.user("wang").id}`) });
    expect(tampered.status).toBe(401);
    expect((await tampered.json()).error.code).toBe("BAD_SIGNATURE");
    expect(await meetingPunches("wang")).toEqual([]);
    expect(await meetingPunches("chen")).toEqual([]);
  });

  it("makes no punch outside the window, for someone not taking part, or for a leave event", async () => {
    const { sys, notify, meetingPunches } = await meetingDay();
    expect(await (await notify("n-4", { uid: sys.user("wang").id, ts: at("2026-11-26T09:45:00+08:00") })).json()).toEqual({ ok: true, punches: 0 });
    expect(await (await notify("n-5", { account: "lin", ts: at("2026-11-26T09:05:00+08:00") })).json()).toEqual({ ok: true, punches: 0 });
    expect(await (await notify("n-6", { uid: sys.user("wang").id, ts: at("2026-11-26T09:05:00+08:00") }, { eventType: 104 })).json()).toEqual({ ok: true, punches: 0 });
    expect(await meetingPunches("wang")).toEqual([]);
    expect(await (await notify("n-7", { account: "chen", ts: at("2026-11-26T09:20:00+08:00") })).json()).toEqual({ ok: true, punches: 1 });
  });

  it("checks in a participant who joins a local-call meeting with their signed-in page", async () => {
    const { sys, api, hr, meetingPunches } = await meetingDay();
    const local = await (await api(hr, "POST", "/api/meetings", { name: "周会", days: [4], start: "09:00", end: "09:30", logins: ["lin"] })).json();
    const joined = await api(await sys.token("lin"), "POST", `/api/meetings/${local.id}/join`);
    expect(await joined.json()).toMatchObject({ meeting: { name: "周会" }, punch: { kind: "in", method: "meeting" } });
    expect(await meetingPunches("lin")).toHaveLength(1);
    expect(await (await api(await sys.token("wang"), "POST", `/api/meetings/${local.id}/join`)).json()).toMatchObject({ punch: null });
  });

  it("answers 503 without AGORA_NCS_SECRET, and only HR sets up meetings", async () => {
    const sys = await demoSystem();
    const app = createApp(sys);
    expect((await app.request("/api/agora/events", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).status).toBe(503);
    const res = await app.request("/api/meetings", { method: "POST", headers: { authorization: `Bearer ${await sys.token("wang")}`, "content-type": "application/json" }, body: JSON.stringify({ name: "x", start: "09:00", end: "09:30", logins: ["wang"] }) });
    expect(res.status).toBe(403);
  });
});
