import { describe, expect, it } from "vitest";
import { cli } from "./cli-json.ts";
import { rowCounts, tempDbPath } from "../helpers.ts";

describe("the rules commands", () => {
  it("sets the policy with --set KEY=VALUE or --set=KEY=VALUE, and refuses a value out of range naming it", async () => {
    const db = tempDbPath();
    await cli(db, ["seed", "--org-only"]);
    expect((await cli(db, ["policy", "--set", "graceMinutes=10", "--set=restStart=12:30"])).json).toMatchObject({ graceMinutes: 10, restStart: "12:30" });
    const bad = await cli(db, ["policy", "--set", "absentLateMinutes=-1"]);
    expect(bad.code).toBe(1);
    expect(bad.message).toMatch(/INVALID_INPUT.*absentLateMinutes/);
    expect((await cli(db, ["policy"])).json).toMatchObject({ graceMinutes: 10, absentLateMinutes: 240 });
  });

  it("refuses a correction with a clear code and writes nothing", async () => {
    const db = tempDbPath();
    await cli(db, ["seed", "--org-only"]);
    const before = rowCounts(db);
    const refused = await cli(db, ["correction", "--user", "wang", "--date", "2025-08-02", "--kind", "in", "--time", "09:00", "--now", "2025-09-01T10:00:00+08:00", "--approve"]);
    expect(refused).toMatchObject({ code: 1, message: expect.stringMatching(/^error: NOT_A_WORKDAY/) });
    expect(rowCounts(db)).toEqual(before);
    const far = await cli(db, ["correction", "--user", "wang", "--date", "2025-07-30", "--kind", "in", "--time", "09:00", "--now", "2025-09-01T10:00:00+08:00"]);
    expect(far.message).toMatch(/CORRECTION_TOO_FAR_BACK/);
  });
});
