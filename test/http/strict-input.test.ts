import { describe, expect, it } from "vitest";
import { createApp } from "../../src/http/app.ts";
import { demoSystem, rowCounts } from "../helpers.ts";

async function setup() {
  const sys = await demoSystem();
  const app = createApp(sys);
  const auth = { authorization: `Bearer ${await sys.token("wang")}`, "content-type": "application/json" };
  return { sys, app, auth };
}

describe("bad input, strictly", () => {
  it("takes ids in paths as decimal numbers only", async () => {
    const { sys, app, auth } = await setup();
    const filed = await app.request("/api/leave", { method: "POST", headers: auth, body: JSON.stringify({ type: "annual", startDate: "2026-12-01" }) });
    const { id } = (await filed.json()) as { id: number };
    for (const raw of [`0x${id.toString(16)}`, `%20${id}`, `${id}e0`, `+${id}`, `0${id}`, `${id}.0`]) {
      const res = await app.request(`/api/leave/${raw}/cancel`, { method: "POST", headers: auth });
      expect(res.status, raw).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "INVALID_INPUT" } });
    }
    expect((await sys.leave.list(sys.user("wang"), "wang"))[0]).toMatchObject({ id, status: "pending" });
    expect((await app.request(`/api/leave/${id}/cancel`, { method: "POST", headers: auth })).status).toBe(200);
  });

  it("refuses NUL and unpaired surrogates in any text, writing nothing", async () => {
    const { sys, app, auth } = await setup();
    const before = rowCounts(sys);
    for (const raw of [
      JSON.stringify({ type: "annual", startDate: "2026-12-01", reason: "family\u0000" }),
      '{"type":"annual","startDate":"2026-12-01","reason":"half \\ud800 a pair"}',
      '{"type":"annual","startDate":"2026-12-01","reason":"\\udc00"}',
      '{"type":"annual","startDate":"2026-12-01","reas\\u0000on":"x"}',
    ]) {
      const res = await app.request("/api/leave", { method: "POST", headers: auth, body: raw });
      expect(res.status, raw).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "INVALID_TEXT" } });
    }
    expect(rowCounts(sys)).toEqual(before);
    // A whole pair (an emoji) is text like any other.
    const ok = await app.request("/api/leave", { method: "POST", headers: auth, body: JSON.stringify({ type: "annual", startDate: "2026-12-01", reason: "家里有事 🏠" }) });
    expect(ok.status).toBe(201);
  });
});

describe("separation of duties", () => {
  it("lets HR grant days and correct punches for others, never for themselves", async () => {
    const { sys, app } = await setup();
    const asZhao = { authorization: `Bearer ${await sys.token("zhao")}`, "content-type": "application/json" };
    const grant = (login: string) => app.request("/api/grants", { method: "POST", headers: asZhao, body: JSON.stringify({ login, type: "annual", year: 2026, days: 3 }) });
    const own = await grant("zhao");
    expect(own.status).toBe(403);
    expect(await own.json()).toMatchObject({ error: { code: "SEPARATION_OF_DUTIES" } });
    expect((await grant("wang")).status).toBe(200);
    const correct = (login: string) => app.request("/api/corrections", { method: "POST", headers: asZhao, body: JSON.stringify({ login, at: ["2026-11-25T09:00:00+08:00"] }) });
    expect((await correct("zhao")).status).toBe(403);
    expect((await correct("wang")).status).toBe(201);
    // An admin grants HR their days.
    const asAdmin = { authorization: `Bearer ${await sys.token("admin")}`, "content-type": "application/json" };
    expect((await app.request("/api/grants", { method: "POST", headers: asAdmin, body: JSON.stringify({ login: "zhao", type: "annual", year: 2026, days: 3 }) })).status).toBe(200);
  });
});
