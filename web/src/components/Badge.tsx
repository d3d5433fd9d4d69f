/** A request's status as a coloured badge with its word. */
import { t, type Key } from "../i18n/index.ts";

export function StatusBadge({ status }: { status: string }) {
  return <span class={`badge ls-${status}`}>{t(`leave.status.${status}` as Key)}</span>;
}

/** A leave type in the page's language. */
export const typeName = (type: string) => t(`leaveType.${type}` as Key);
