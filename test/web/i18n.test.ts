import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { en as enWords } from "../../web/src/i18n/error-words-en.ts";
import { zh as zhWords } from "../../web/src/i18n/error-words-zh.ts";
import { en } from "../../web/src/i18n/en.ts";
import { zh } from "../../web/src/i18n/zh.ts";
import { REPO } from "./harness.ts";

/** Every code the server can answer with: the domain's codes and the HTTP layer's own. */
function serverCodes(): Set<string> {
  const codes = new Set<string>();
  const union = readFileSync(path.join(REPO, "src/attendance/errors.ts"), "utf8").match(/export type DomainErrorCode =([^;]+);/)![1];
  for (const m of union.matchAll(/"([A-Z_]+)"/g)) codes.add(m[1]);
  for (const file of readdirSync(path.join(REPO, "src/http"), { recursive: true, encoding: "utf8" })) {
    if (!file.endsWith(".ts")) continue;
    const text = readFileSync(path.join(REPO, "src/http", file), "utf8");
    for (const m of text.matchAll(/ApiError\(\s*\d+,\s*"([A-Z_]+)"/g)) codes.add(m[1]);
  }
  // A staff import reports its problems per row and column, each with its own code.
  for (const file of readdirSync(path.join(REPO, "src/attendance/directory"))) {
    if (!file.startsWith("import")) continue;
    const text = readFileSync(path.join(REPO, "src/attendance/directory", file), "utf8");
    for (const m of text.matchAll(/code: "([A-Z_]+)"|fail\([^,]+, "([A-Z_]+)"/g)) codes.add(m[1] ?? m[2]);
  }
  return codes;
}

describe("the page's words", () => {
  it("has every English sentence in Chinese too, with the same parameters", () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect(params(zh[key]), key).toEqual(params(en[key]));
  });

  it("words every error code the server answers with, in both languages", () => {
    const codes = serverCodes();
    expect(codes.size).toBeGreaterThan(40);
    const missing = [...codes].filter((code) => !enWords[code] || !zhWords[code]);
    expect(missing, "codes without words").toEqual([]);
    expect(Object.keys(zhWords).sort()).toEqual(Object.keys(enWords).sort());
  });
});
