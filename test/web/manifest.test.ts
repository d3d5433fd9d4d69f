/**
 * The web app manifest (issue 18): installable by Chromium's rules, a name, start URL, standalone
 * display, theme colour, and PNG icons of 192 and 512 pixels, each also maskable; the icon files
 * are real PNGs of the sizes the manifest says.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "./harness.ts";

const PUBLIC = path.join(REPO, "web", "public");

/** A PNG's width and height from its IHDR chunk; throws on anything else. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe("the web app manifest", () => {
  const manifest = JSON.parse(readFileSync(path.join(PUBLIC, "manifest.webmanifest"), "utf8")) as {
    name: string;
    short_name: string;
    start_url: string;
    display: string;
    theme_color: string;
    background_color: string;
    icons: { src: string; sizes: string; type: string; purpose?: string }[];
  };

  it("has what Chromium needs to install the app", () => {
    expect(manifest.name).toBeTruthy();
    expect(manifest.short_name).toBeTruthy();
    expect(manifest.start_url).toBe("/");
    expect(["standalone", "fullscreen", "minimal-ui"]).toContain(manifest.display);
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it("lists PNG icons of 192 and 512 pixels for any use and as maskable, each file of its stated size", () => {
    const png = manifest.icons.filter((i) => i.type === "image/png");
    for (const purpose of ["any", "maskable"]) {
      expect(png.filter((i) => (i.purpose ?? "any") === purpose).map((i) => i.sizes).sort()).toEqual(["192x192", "512x512"]);
    }
    for (const icon of png) {
      const [width, height] = icon.sizes.split("x").map(Number);
      expect(pngSize(path.join(PUBLIC, icon.src))).toEqual({ width, height });
    }
  });
});
