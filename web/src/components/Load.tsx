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
  /** What is loaded, named in the failure's sentence ("the departments"), when the screen loads more than one thing. */
  what?: string;
  /** Shown instead of the children when the data is empty. */
  empty?: (data: T) => ComponentChildren | false;
  children: (data: T) => ComponentChildren;
}) {
  const { data, error, loading, reload } = props.state;
  const what = props.what;
  if (data === undefined && loading) {
    return (
      <p class="loading" aria-busy="true">
        {t("common.loading")}
      </p>
    );
  }
  if (data === undefined) return <LoadError error={error} retry={reload} what={what} />;
  const empty = props.empty?.(data);
  return (
    <div class="loaded" aria-busy={loading ? "true" : "false"}>
      {error ? <LoadError error={error} retry={reload} what={what} /> : null}
      {empty ? <p class="empty">{empty}</p> : props.children(data)}
    </div>
  );
}

export function LoadError({ error, retry, what }: { error: unknown; retry?: () => void; what?: string }) {
  const offline = isNetworkError(error) || !navigator.onLine;
  const reason = offline ? t("common.offline") : errorText(error);
  return (
    <div class={`load-error${offline ? " offline" : ""}`} role="alert">
      <p class="message error">{what ? t("common.loadFailedOf", { what, message: reason }) : offline ? reason : t("common.loadFailed", { message: reason })}</p>
      {retry ? (
        <button type="button" onClick={retry}>
          {t("common.retry")}
        </button>
      ) : null}
    </div>
  );
}
