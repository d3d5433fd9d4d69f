/**
 * The page under the header when the server cannot be reached at start-up (the service worker kept the shell):
 * says so, says how many punches wait on this device, and tries again when the connection
 * returns, every so often, or on the button.
 */
import { useEffect } from "preact/hooks";
import { t } from "../i18n/index.ts";
import { queuedCount } from "../offline-punches.ts";

/** How often start-up is tried again while the server is away. */
const RETRY_MS = 15_000;

export function OfflineBoot({ onRetry }: { onRetry(): void }) {
  useEffect(() => {
    addEventListener("online", onRetry);
    const timer = setInterval(onRetry, RETRY_MS);
    return () => {
      removeEventListener("online", onRetry);
      clearInterval(timer);
    };
  }, [onRetry]);
  const waiting = queuedCount();
  return (
    <main id="main" class="offline-boot">
      <h1>{t("app.title")}</h1>
      <p class="message error" role="alert">
        {t("boot.offline")}
      </p>
      {waiting ? <p>{t("boot.offlineQueued", { n: waiting })}</p> : null}
      <button type="button" class="primary" onClick={onRetry}>
        {t("common.retry")}
      </button>
    </main>
  );
}
