/**
 * The web client's first load stays small (issue 18): what the built page fetches itself (its
 * script, modulepreloaded chunks and stylesheet), gzipped, is under 40 kB; Agora's SDK and the
 * screens other than the assistant are not in it. Sizes, not times: the same build gives the same
 * numbers.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BUDGET_BYTES, firstLoad } from "../../scripts/bundle-size.ts";
import { buildWeb } from "./harness.ts";

describe("the web client's first load", () => {
  it("is under 40 kB gzip, with one language's words fetched apart and no Agora", async () => {
    const dist = await buildWeb();
    const load = firstLoad(dist);
    console.log(load.files.map((f) => `${f.file} ${f.gzip}`).join("\n"), `\npage ${load.page}, with words ${load.total}`);
    expect(load.page).toBeLessThan(BUDGET_BYTES);
    expect(load.files.some((f) => f.file.endsWith(".css"))).toBe(true);
    expect(load.files.map((f) => f.file).join(" ")).not.toMatch(/AgoraRTC|agora|words-/);
    // One language's words each (sentences and error words), fetched when chosen: neither holds the other's.
    const byLang = Object.fromEntries(load.words.map((w) => [w.file.match(/^assets\/words-(en|zh)-/)?.[1], readFileSync(path.join(dist, w.file), "utf8")]));
    expect(Object.keys(byLang).sort()).toEqual(["en", "zh"]);
    expect(byLang.zh).toContain("考勤助手");
    expect(byLang.zh).toContain("连不上服务器");
    expect(byLang.zh).not.toContain("Attendance assistant");
    expect(byLang.en).toContain("Attendance assistant");
    expect(byLang.en).toContain("Cannot reach the server");
    expect(byLang.en).not.toContain("考勤助手");
  }, 180_000);
});
