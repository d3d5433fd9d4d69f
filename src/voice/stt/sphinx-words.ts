/**
 * Words for the PocketSphinx dictionary: which words a grammar can produce, and a pronunciation
 * for a word the model's dictionary lacks (from dictionary parts, else from its spelling).
 */
/** The words a JSGF grammar can produce (lowercased), for checking against the dictionary. */
export function grammarWords(jsgf: string): string[] {
  const body = jsgf
    .replace(/\/\*[\s\S]*?\*\//g, " ")
    .replace(/\/\/.*$/gm, " ")
    .replace(/^\s*(#JSGF|grammar|import)[^;]*;/gm, " ")
    .replace(/(public\s+)?<[^>]+>\s*=/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/\{[^}]*\}/g, " ")
    .replace(/\/[\d.]+\//g, " ");
  const words = body.split(/[\s|()[\];*+=]+/).filter((w) => w.length > 0);
  return [...new Set(words.map((w) => w.toLowerCase()))];
}

/** A word's pronunciation as two or more dictionary words ("timesheet" = "time" + "sheet"), if it splits. */
export function compoundPronunciation(word: string, dict: ReadonlyMap<string, string[]>): string | undefined {
  // best[i]: pronunciation of word.slice(0, i) in the fewest parts
  const best: (string[] | undefined)[] = [[]];
  for (let end = 2; end <= word.length; end++) {
    for (let start = 0; start <= end - 2; start++) {
      const head = best[start];
      const part = dict.get(word.slice(start, end))?.[0];
      if (head && part && (!best[end] || best[end]!.length > head.length + 1)) best[end] = [...head, part];
    }
  }
  const parts = best[word.length];
  return parts && parts.length > 1 ? parts.join(" ") : undefined;
}

const SPELLING: [string, string][] = [
  ["tch", "CH"], ["igh", "AY"], ["ch", "CH"], ["sh", "SH"], ["th", "TH"], ["ph", "F"], ["ng", "NG"], ["ck", "K"],
  ["qu", "K W"], ["ee", "IY"], ["ea", "IY"], ["oo", "UW"], ["ai", "EY"], ["ay", "EY"], ["oa", "OW"], ["ou", "AW"],
  ["ow", "OW"], ["oi", "OY"], ["a", "AE"], ["b", "B"], ["c", "K"], ["d", "D"], ["e", "EH"], ["f", "F"], ["g", "G"],
  ["h", "HH"], ["i", "IH"], ["j", "JH"], ["k", "K"], ["l", "L"], ["m", "M"], ["n", "N"], ["o", "AA"], ["p", "P"],
  ["r", "R"], ["s", "S"], ["t", "T"], ["u", "AH"], ["v", "V"], ["w", "W"], ["x", "K S"], ["y", "Y"], ["z", "Z"],
];

/** A rough pronunciation from spelling, for words nothing better is known for. */
export function spelledPronunciation(word: string): string {
  const phones: string[] = [];
  for (let i = 0; i < word.length; ) {
    const rule = SPELLING.find(([letters]) => word.startsWith(letters, i));
    if (rule) phones.push(rule[1]);
    i += rule ? rule[0].length : 1;
  }
  // A final "y" is a vowel ("hiya" aside): "happy" ends in IY.
  if (word.endsWith("y") && phones.length > 1) phones[phones.length - 1] = "IY";
  return phones.join(" ") || "AH";
}
