/**
 * The header's bell: a link to my notifications with the number not read yet, on phones and
 * desktops alike (it stays outside the folded menu). The count is asked again on every screen
 * change, when the tab comes back into view, and once a minute; the notifications screen sets it
 * after marking what it showed as read.
 */
import { useEffect, useState } from "preact/hooks";
import { api } from "../api.ts";
import { t } from "../i18n/index.ts";
import { onLinkClick } from "../router.ts";

const POLL_MS = 60_000;
let unread = 0;
const listeners = new Set<(n: number) => void>();

/** Sets the count the bell shows (the notifications screen knows it after marking read). */
export function setUnread(n: number): void {
  unread = n;
  for (const listener of listeners) listener(n);
}

/** Asks the server how many of my notifications are unread; a failure keeps the last count. */
export async function refreshUnread(): Promise<void> {
  try {
    setUnread((await api.notifications(1)).unread);
  } catch {
    // Offline or notifications not running here: the bell keeps what it showed.
  }
}

export function Bell({ path }: { path: string }) {
  const [count, setCount] = useState(unread);
  useEffect(() => {
    listeners.add(setCount);
    const onVisible = () => document.visibilityState === "visible" && void refreshUnread();
    document.addEventListener("visibilitychange", onVisible);
    const timer = setInterval(() => void refreshUnread(), POLL_MS);
    return () => {
      listeners.delete(setCount);
      document.removeEventListener("visibilitychange", onVisible);
      clearInterval(timer);
    };
  }, []);
  useEffect(() => void refreshUnread(), [path]);
  const label = count ? t("bell.unread", { n: count }) : t("bell.none");
  return (
    <a class="bell" href="/notifications" aria-label={label} title={label} aria-current={path === "/notifications" ? "page" : undefined} onClick={(e) => onLinkClick(e, "/notifications")}>
      <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
        <path d="M12 2a6 6 0 0 0-6 6v3.6L4.3 15a1 1 0 0 0 .9 1.5h13.6a1 1 0 0 0 .9-1.5L18 11.6V8a6 6 0 0 0-6-6Zm0 20a3 3 0 0 0 3-3H9a3 3 0 0 0 3 3Z" fill="currentColor" />
      </svg>
      {count ? (
        <span class="bell-count" aria-hidden="true">
          {count > 99 ? "99+" : count}
        </span>
      ) : null}
    </a>
  );
}
