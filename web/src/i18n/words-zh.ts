/** Chinese, fetched as one chunk (words-zh-<hash>.js) when the page is in Chinese: its sentences and its error words. */
export { zh as words } from "./zh.ts";
export { zh as errors } from "./error-words-zh.ts";
