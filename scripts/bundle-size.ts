/**
 * The web client's first load, gzipped: what web/dist/index.html fetches itself (its script, the
 * chunks it modulepreloads, its stylesheet) and, apart, the words of one language the page
 * fetches before its first render (the larger of the two). Agora's SDK is not in it: it is fetched
 * only when Agora is configured. Exits 1 over the budget. Usage: `npm run build:web && npm run size:web [-- distDir]`.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

/** The budget (issue 18): the page's own first load under 40 kB gzip (kB = 1000 bytes, as Vite prints). */
export const BUDGET_BYTES = 40_000;

/** One fetched file and its size gzipped (level 9). */
export interface SizedFile {
  file: string;
  gzip: number;
}

/** The first load: the page's own files, each language's words (largest first), and the totals. */
export interface FirstLoad {
  files: SizedFile[];
  words: SizedFile[];
  /** The page's own files together. */
  page: number;
  /** With the larger language's words. */
  total: number;
}

const gzipSize = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Each file of the first load with its gzip size, and the totals. */
export function firstLoad(distDir: string): FirstLoad {
  const html = readFileSync(path.join(distDir, "index.html"), "utf8");
  const tags = html.match(/<(script|link)\b[^>]*>/g) ?? [];
  const urls: string[] = [];
  for (const tag of tags) {
    const url = tag.match(/\b(?:src|href)="(\/assets\/[^"]+)"/)?.[1];
    if (!url) continue;
    if (tag.startsWith("<script") || /rel="(modulepreload|stylesheet)"/.test(tag)) urls.push(url);
  }
  const files = [...new Set(urls)].map((url) => ({ file: url.slice(1), gzip: gzipSize(path.join(distDir, url)) }));
  const words = readdirSync(path.join(distDir, "assets"))
    .filter((name) => name.startsWith("words-"))
    .map((name) => ({ file: `assets/${name}`, gzip: gzipSize(path.join(distDir, "assets", name)) }))
    .sort((a, b) => b.gzip - a.gzip);
  const page = files.reduce((sum, f) => sum + f.gzip, 0);
  return { files, words, page, total: page + (words[0]?.gzip ?? 0) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const distDir = path.resolve(process.argv[2] ?? "web/dist");
  const { files, words, page, total } = firstLoad(distDir);
  const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`.padStart(9);
  for (const f of files) console.log(`${kB(f.gzip)}  ${f.file}`);
  console.log(`${kB(page)}  the page's own first load (budget ${kB(BUDGET_BYTES).trim()})`);
  for (const f of words) console.log(`${kB(f.gzip)}  ${f.file} (one language's words, fetched before the first render)`);
  console.log(`${kB(total)}  first load with the larger language's words`);
  process.exitCode = page < BUDGET_BYTES ? 0 : 1;
}
