import { existsSync, statSync } from "node:fs";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openSystem } from "../../src/system.ts";
import { tempDbPath } from "../helpers.ts";
import { sessionCookie, startServer } from "./server-process.ts";

const json = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

// Each test starts real server processes; on a loaded machine one start alone can take half a minute.
describe("a server listening on a network address", { timeout: 180_000 }, () => {
  it("refuses demo sign-in, even for the demo organisation, unless DEMO_MODE=1", async () => {
    const db = tempDbPath();
    await (await openSystem({ db, seed: "org" })).close();
    const open = await startServer({ ATTENDANCE_DB: db, HOST: "0.0.0.0" });
    expect(open.log()).toMatch(/demo sign-in off: listening on 0\.0\.0\.0, not a loopback address/);
    const attack = await fetch(`${open.url}/api/auth/sign-in`, json({ login: "admin" }));
    expect(attack.status).toBe(401);
    expect(attack.headers.get("set-cookie")).toBeNull();
    expect((await fetch(`${open.url}/api/auth/demo-people`)).status).toBe(404);
    expect(await (await fetch(`${open.url}/api/auth/methods`)).json()).toEqual({ demo: false, password: true, setup: false });
    // What Node's parser refuses is answered in the API's shape too, not with an empty 431.
    const huge = await fetch(`${open.url}/api/health?pad=${"a".repeat(20_000)}`);
    expect(huge.status).toBe(431);
    expect(await huge.json()).toEqual({ error: { code: "HEADERS_TOO_LARGE", message: expect.any(String) } });

    const demo = await startServer({ ATTENDANCE_DB: db, HOST: "0.0.0.0", DEMO_MODE: "1" });
    expect(demo.log()).toMatch(/demo sign-in allowed: DEMO_MODE=1/);
    expect((await fetch(`${demo.url}/api/auth/sign-in`, json({ login: "wang" }))).status).toBe(200);
  });

  it("starts empty, with a one-time setup code in its log that creates the first administrator once", async () => {
    const db = tempDbPath();
    const { url, log } = await startServer({ ATTENDANCE_DB: db, HOST: "0.0.0.0" });
    const code = /setup code ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(log())![1];
    expect(await (await fetch(`${url}/api/auth/methods`)).json()).toEqual({ demo: false, password: true, setup: true });
    expect((await fetch(`${url}/api/auth/sign-in`, json({ login: "admin" }))).status).toBe(401);

    const admin = { login: "boss", name: "Boss", password: "a long enough password" };
    const wrong = await fetch(`${url}/api/auth/setup`, json({ ...admin, code: "AAAA-BBBB-CCCC" }));
    expect(wrong.status).toBe(401);
    const weak = await fetch(`${url}/api/auth/setup`, json({ ...admin, code, password: "short" }));
    expect(weak.status).toBe(400);
    const done = await fetch(`${url}/api/auth/setup`, json({ ...admin, code }));
    expect(done.status).toBe(200);
    const me = await fetch(`${url}/api/me`, { headers: { cookie: sessionCookie(done) } });
    expect(await me.json()).toMatchObject({ login: "boss", role: "admin" });
    const again = await fetch(`${url}/api/auth/setup`, json({ ...admin, login: "second", code }));
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: "SETUP_DONE" } });
    expect((await fetch(`${url}/api/auth/sign-in`, json({ login: "boss", password: admin.password }))).status).toBe(200);

    // Personal data and sessions: readable by the server's user only; no key in the database.
    for (const f of [db, `${db}-wal`, `${db}-shm`]) if (existsSync(f)) expect(statSync(f).mode & 0o777).toBe(0o600);
    const file = new Database(db, { readonly: true });
    const settings = file.prepare("SELECT key FROM settings").all() as { key: string }[];
    const sessions = file.prepare("SELECT secret_hash FROM auth_sessions").all() as { secret_hash: string }[];
    file.close();
    // `data_key_check` is a constant sealed with the data key (a wrong key stops start-up), not the key.
    expect(settings.map((s) => s.key).filter((k) => k !== "data_key_check" && /secret|key|token/i.test(k))).toEqual([]);
    expect(sessions.map((s) => s.secret_hash)).not.toContain(sessionCookie(done).split("=")[1]);
  });
});
