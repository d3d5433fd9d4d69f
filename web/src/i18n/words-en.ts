/** English, fetched as one chunk (words-en-<hash>.js) when the page is in English: its sentences and its error words. */
export { en as words } from "./en.ts";
export { en as errors } from "./error-words-en.ts";
