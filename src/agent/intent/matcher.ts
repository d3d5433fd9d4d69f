/**
 * Compiles the hassil-style templates of templates.ts into regular expressions, once, at module
 * load, and scores a masked sentence against them.
 */
import type { Language } from "./language.ts";
import { TEMPLATES, type IntentName } from "./templates.ts";

/** Parsed template: literals, slots, gaps and (optional) alternatives. */
export type TemplateNode =
  | { t: "word"; text: string }
  | { t: "slot"; name: string }
  | { t: "gap" }
  | { t: "alt"; options: TemplateNode[][]; optional: boolean };

/** Parses one template string; throws on unbalanced brackets so bad data fails at load. */
export function parseTemplate(src: string): TemplateNode[] {
  let i = 0;
  const seq = (closers: string): TemplateNode[] => {
    const out: TemplateNode[] = [];
    let word = "";
    const flush = () => {
      if (word) out.push({ t: "word", text: word });
      word = "";
    };
    while (i < src.length && !closers.includes(src[i])) {
      const ch = src[i];
      if (ch === "(" || ch === "[") {
        flush();
        i++;
        const close = ch === "(" ? ")" : "]";
        const options: TemplateNode[][] = [seq(`|${close}`)];
        while (src[i] === "|") {
          i++;
          options.push(seq(`|${close}`));
        }
        if (src[i] !== close) throw new Error(`template ${JSON.stringify(src)}: missing ${close}`);
        i++;
        out.push({ t: "alt", options, optional: ch === "[" });
      } else if (ch === "{") {
        flush();
        const end = src.indexOf("}", i);
        if (end < 0) throw new Error(`template ${JSON.stringify(src)}: missing }`);
        out.push({ t: "slot", name: src.slice(i + 1, end) });
        i = end + 1;
      } else if (ch === "*") {
        flush();
        out.push({ t: "gap" });
        i++;
      } else if (ch === "?" || ch === ")" || ch === "]" || ch === "|") {
        // Regex habits ("(a)?") are not template syntax: fail at load, not by never matching.
        throw new Error(`template ${JSON.stringify(src)}: unexpected ${ch} at ${i}`);
      } else if (/\s/.test(ch)) {
        flush();
        i++;
      } else {
        word += ch;
        i++;
      }
    }
    flush();
    return out;
  };
  const nodes = seq("");
  if (i !== src.length) throw new Error(`template ${JSON.stringify(src)}: unexpected ${src[i]}`);
  return nodes;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const isCjk = (s: string) => /[\u3400-\u9fff]/.test(s);

function toRegex(nodes: TemplateNode[]): string {
  return nodes
    .map((n): string => {
      switch (n.t) {
        // English words must stand alone ("in" is not the start of "inside"); Chinese has no spaces.
        case "word": return isCjk(n.text) ? escape(n.text) : `\\b${escape(n.text)}\\b`;
        case "slot": return escape(`{${n.name}}`);
        // Whole words only (the lookahead stops "early" splitting into "ea"+"rly"), else a gap
        // backtracks exponentially on long sentences.
        case "gap": return "(?:\\s*(?:[^\\s\\u3400-\\u9fff]+(?![^\\s\\u3400-\\u9fff])|[\\u3400-\\u9fff])){0,8}?";
        case "alt": return `(?:${n.options.map(toRegex).join("|")})${n.optional ? "?" : ""}`;
      }
    })
    .join("\\s*");
}

/** Least literal weight a match must contain: an English word or a slot is 1, a Chinese character 0.5. */
function specificity(nodes: TemplateNode[]): number {
  let sum = 0;
  for (const n of nodes) {
    if (n.t === "word") sum += isCjk(n.text) ? n.text.length / 2 : 1;
    else if (n.t === "slot") sum += 1;
    else if (n.t === "alt" && !n.optional) sum += Math.min(...n.options.map(specificity));
  }
  return sum;
}

interface Compiled {
  intent: IntentName;
  re: RegExp;
  /** Score of a match: longer, more literal templates say more. */
  weight: number;
}

/** Score every template match starts from; a bare one-word template lands just at it. */
export const TEMPLATE_BASE = 4;

function compile(lang: Language): Compiled[] {
  const out: Compiled[] = [];
  for (const [intent, t] of Object.entries(TEMPLATES) as Array<[IntentName, { en: string[]; zh: string[] }]>) {
    for (const src of t[lang]) {
      const nodes = parseTemplate(src);
      out.push({ intent, re: new RegExp(toRegex(nodes)), weight: TEMPLATE_BASE + specificity(nodes) });
    }
  }
  return out;
}

const COMPILED: Record<Language, Compiled[]> = { en: compile("en"), zh: compile("zh") };

/**
 * Best template score per intent for a masked, normalised sentence. Chinese sentences are tried
 * against the English templates too: "帮我check in一下" is common in mixed speech.
 */
export function matchTemplates(masked: string, lang: Language): Map<IntentName, number> {
  const scores = new Map<IntentName, number>();
  const lists = lang === "zh" ? [COMPILED.zh, COMPILED.en] : [COMPILED.en];
  for (const list of lists) {
    for (const c of list) {
      if ((scores.get(c.intent) ?? 0) >= c.weight) continue;
      if (c.re.test(masked)) scores.set(c.intent, c.weight);
    }
  }
  return scores;
}
