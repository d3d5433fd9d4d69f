/**
 * The one word for a language across the product (the domain, the agent, voice, the page) and
 * the one way of telling it from text. Node-free, so the page can import it.
 */
import type { Language } from "./types.ts";

export type { Language };

/**
 * "zh" when the text contains any Chinese character, else "en". Mixed sentences ("请annual
 * leave") are Chinese speakers using an English word, and get a Chinese reply and voice.
 */
export function detectLanguage(text: string): Language {
  return /\p{Script=Han}/u.test(text) ? "zh" : "en";
}
