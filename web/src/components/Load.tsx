/**
 * The states of anything loaded: loading, failed (worded from its code, with a retry that keeps
 * what the person typed elsewhere on the screen), offline, empty, and the data.
 */
import type { ComponentChildren } from "preact";
import type { Loaded } from "../hooks.ts";
import { errorText, isNetworkError } from "../i18n/errors.ts";
import { t } from "../i18n/index.ts";

export function Load<T>(props: {
  state: Loaded<T>;
  /** Shown instead of the children when the data is empty. */
  empty?: (data: T) => ComponentChildren | false;
  children: (data: T) => ComponentChildren;
}) {
  const { data, error, loading, reload } = props.state;
  if (data === undefined && loading) {
    return (
      <p class="loading" aria-busy="true">
        {t("common.loading")}
      </p>
    );
  }
  if (data === undefined) return <LoadError error={error} retry={reload} />;
  const empty = props.empty?.(data);
  return (
    <div class="loaded" aria-busy={loading ? "true" : "false"}>
      {error ? <LoadError error={error} retry={reload} /> : null}
      {empty ? <p class="empty">{empty}</p> : props.children(data)}
    </div>
  );
}

export function LoadError({ error, retry }: { error: unknown; retry?: () => void }) {
  const offline = isNetworkError(error) || !navigator.onLine;
  return (
    <div class={`load-error${offline ? " offline" : ""}`} role="alert">
      <p class="message error">{offline ? t("common.offline") : t("common.loadFailed", { message: errorText(error) })}</p>
      {retry ? (
        <button type="button" onClick={retry}>
          {t("common.retry")}
        </button>
      ) : null}
    </div>
  );
}
