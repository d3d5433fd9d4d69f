import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/attendance/errors.ts";
import { applyPolicyPatch, policyAssignment, storedPolicy } from "../../src/attendance/policy.ts";
import { DEFAULT_POLICY } from "../../src/attendance/types.ts";

const refusal = (patch: unknown) => {
  try {
    applyPolicyPatch(DEFAULT_POLICY, patch);
  } catch (e) {
    if (e instanceof DomainError) return `${e.code} ${e.message}`;
    throw e;
  }
  return "accepted";
};

describe("the work policy HR edits", () => {
  it("reads KEY=VALUE as numbers, clock times and JSON by the setting's kind", () => {
    expect(policyAssignment("absentLateMinutes=0")).toEqual({ absentLateMinutes: 0 });
    expect(policyAssignment("restStart=12:30")).toEqual({ restStart: "12:30" });
    expect(policyAssignment('entitlements={"sick":10,"marriage":3,"maternity":98,"paternity":15,"bereavement":3}')).toMatchObject({ entitlements: { sick: 10 } });
    expect(applyPolicyPatch(DEFAULT_POLICY, policyAssignment("hoursPerDay=7.5")).hoursPerDay).toBe(7.5);
  });

  it("refuses what cannot be, naming the field", () => {
    expect(refusal(policyAssignment("graceMinutes=abc"))).toMatch(/^INVALID_INPUT graceMinutes/);
    expect(refusal({ graceMinutes: -1 })).toMatch(/^INVALID_INPUT graceMinutes/);
    expect(refusal({ midpoint: "13:30" })).toBe("INVALID_INPUT midpoint: not a policy setting");
    expect(refusal({ shiftStart: "25:00" })).toMatch(/^INVALID_INPUT shiftStart/);
    expect(refusal({ shiftEnd: "09:00" })).toMatch(/^INVALID_INPUT shiftEnd/);
    expect(refusal({ flexMinutes: 540 })).toMatch(/^INVALID_INPUT flexMinutes/);
    expect(refusal({ restStart: "13:00", restEnd: "12:00" })).toMatch(/^INVALID_INPUT restEnd/);
    expect(refusal({ timeZone: "Mars/Olympus" })).toMatch(/^INVALID_INPUT timeZone/);
    expect(() => policyAssignment("nonsense")).toThrow(DomainError);
  });

  it("accepts a night default shift and turning absence from lateness off", () => {
    expect(refusal({ shiftStart: "22:00", shiftEnd: "06:00", absentLateMinutes: 0 })).toBe("accepted");
  });

  it("reads an old stored policy without its midpoint, with today's defaults for new settings", () => {
    const p = storedPolicy({ shiftStart: "08:30", midpoint: "13:30", dayBoundary: "04:00" });
    expect(p.shiftStart).toBe("08:30");
    expect(p.absentLateMinutes).toBe(240);
    expect("midpoint" in p).toBe(false);
  });
});
