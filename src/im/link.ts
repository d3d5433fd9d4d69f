/** Self-service linking of a chat account: the words a person sends with the code from the web app. */

/** How long a linking code works, and how many digits it has. */
export const LINK_CODE_TTL_MS = 10 * 60_000;
export const LINK_CODE_DIGITS = 6;

/** The code in "绑定 123456" / "link 123456" (spaces, full-width digits and a colon tolerated). */
export function linkCodeIn(text: string): string | undefined {
  const normal = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).trim();
  const m = /^(?:绑定|綁定|link)\s*[:：]?\s*(\d{6})$/i.exec(normal);
  return m?.[1];
}
