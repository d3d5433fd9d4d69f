/** Leave: balances, a request form previewing working days and the balance after, my requests. */
import { api, type LeaveBalance, type LeaveInput, type LeaveRequest, type LeaveType } from "../api.ts";
import { field, h, messageLine, mount } from "../dom.ts";
import { fmtNumber, fmtRange, t, type Key } from "../i18n/index.ts";
import type { Screen } from "./screen.ts";

export const LEAVE_TYPES: LeaveType[] = ["annual", "sick", "personal", "compensatory", "marriage", "maternity", "paternity", "bereavement"];
export const typeName = (type: string) => t(`leaveType.${type}` as Key);
const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

function balancesTable(rows: LeaveBalance[]): HTMLElement {
  const num = (n: number | null) => (n === null ? t("leave.unlimited") : fmtNumber(n));
  return h(
    "table",
    { class: "data" },
    h("caption", null, t("leave.balances", { year: rows[0]?.year ?? "" })),
    h(
      "thead",
      null,
      h("tr", null, (["leave.col.type", "leave.col.entitled", "leave.col.used", "leave.col.pending", "leave.col.remaining"] as Key[]).map((k) => h("th", { scope: "col" }, t(k)))),
    ),
    h(
      "tbody",
      null,
      rows
        .filter((b) => b.entitled !== 0 || b.used > 0 || b.pending > 0)
        .map((b) => h("tr", { "data-type": b.type }, h("th", { scope: "row" }, typeName(b.type)), h("td", null, num(b.entitled)), h("td", null, fmtNumber(b.used)), h("td", null, fmtNumber(b.pending)), h("td", { class: "strong" }, num(b.remaining)))),
    ),
  );
}

export function statusBadge(status: string): HTMLElement {
  return h("span", { class: `badge ls-${status}` }, t(`leave.status.${status}` as Key));
}

export const leaveScreen: Screen = (ctx) => {
  let disposed = false;
  const balances = h("div", { class: "card" }, h("p", null, t("common.loading")));
  const mine = h("div", { class: "card" }, h("p", null, t("common.loading")));
  const listMessage = messageLine();
  const formMessage = messageLine();
  const preview = h("p", { class: "preview", role: "status", "aria-live": "polite" }, t("leave.previewPrompt"));

  const type = h("select", { name: "type", value: "annual" }, LEAVE_TYPES.map((k) => h("option", { value: k }, typeName(k))));
  const start = h("input", { type: "date", name: "startDate", required: true });
  const end = h("input", { type: "date", name: "endDate" });
  const half = h(
    "select",
    { name: "halfDay" },
    h("option", { value: "" }, t("leave.halfDay.none")),
    h("option", { value: "am" }, t("leave.halfDay.am")),
    h("option", { value: "pm" }, t("leave.halfDay.pm")),
  );
  const reason = h("input", { name: "reason", maxLength: 500 });

  function input(): LeaveInput | undefined {
    if (!isDate(start.value)) return undefined;
    const endDate = isDate(end.value) ? end.value : null;
    if (endDate && endDate < start.value) return undefined;
    if (half.value && endDate && endDate !== start.value) return undefined;
    return { type: type.value as LeaveType, startDate: start.value, endDate, halfDay: (half.value || null) as LeaveInput["halfDay"], reason: reason.value.trim() || null };
  }

  let previewSeq = 0;
  async function updatePreview(): Promise<void> {
    const seq = ++previewSeq;
    const req = input();
    if (!req) {
      preview.textContent = t("leave.previewPrompt");
      return;
    }
    try {
      const p = await api.leavePreview(req);
      if (seq !== previewSeq || disposed) return;
      preview.className = "preview";
      preview.textContent =
        p.remainingBefore === null || p.remainingAfter === null
          ? t("leave.previewUnlimited", { days: fmtNumber(p.days) })
          : t("leave.preview", { days: fmtNumber(p.days), before: fmtNumber(p.remainingBefore), after: fmtNumber(p.remainingAfter) });
    } catch (error) {
      if (seq !== previewSeq || disposed) return;
      preview.className = "preview error";
      preview.textContent = (error as Error).message;
    }
  }
  for (const control of [type, start, end, half]) control.addEventListener("change", () => void updatePreview());

  const form = h(
    "form",
    {
      class: "card leave-form",
      "aria-labelledby": "leave-form-title",
      onSubmit: async (e: Event) => {
        e.preventDefault();
        formMessage.clear();
        const req = input();
        if (!req) return formMessage.show(t("leave.previewPrompt"), "error");
        try {
          const created = await api.requestLeave(req);
          formMessage.show(t("leave.submitted", { type: typeName(created.type), days: fmtNumber(created.days) }), "ok");
          reason.value = "";
          previewSeq++;
          preview.className = "preview";
          preview.textContent = t("leave.previewPrompt");
          void loadAll();
        } catch (error) {
          formMessage.show((error as Error).message, "error");
        }
      },
    },
    h("h2", { id: "leave-form-title" }, t("leave.form")),
    h("div", { class: "grid2" }, field(t("leave.type"), type), field(t("leave.halfDay"), half), field(t("leave.start"), start), field(t("leave.end"), end, t("leave.endHint"))),
    field(t("leave.reason"), reason),
    preview,
    h("button", { type: "submit", class: "primary" }, t("leave.submit")),
    formMessage,
  );

  function requestsTable(rows: LeaveRequest[]): HTMLElement {
    if (!rows.length) return h("p", null, t("leave.none"));
    const sorted = [...rows].sort((a, b) => b.startDate.localeCompare(a.startDate));
    return h(
      "table",
      { class: "data" },
      h("thead", null, h("tr", null, (["leave.col.type", "leave.col.dates", "leave.col.days", "leave.col.status", "leave.col.actions"] as Key[]).map((k) => h("th", { scope: "col" }, t(k))))),
      h(
        "tbody",
        null,
        sorted.map((r) => {
          const dates = fmtRange(r.startDate, r.endDate);
          const cancellable = (r.status === "pending" || r.status === "approved") && r.endDate >= ctx.me.today;
          return h(
            "tr",
            { "data-id": r.id },
            h("td", null, typeName(r.type), r.halfDay ? ` (${t(`leave.halfDay.${r.halfDay}` as Key)})` : null),
            h("td", null, dates),
            h("td", null, fmtNumber(r.days)),
            h("td", null, statusBadge(r.status)),
            h(
              "td",
              null,
              cancellable
                ? h(
                    "button",
                    {
                      type: "button",
                      class: "small",
                      "aria-label": t("leave.cancelLabel", { type: typeName(r.type), dates }),
                      onClick: async () => {
                        try {
                          await api.cancelLeave(r.id);
                          listMessage.show(t("leave.cancelled"), "ok");
                          void loadAll();
                        } catch (error) {
                          listMessage.show((error as Error).message, "error");
                        }
                      },
                    },
                    t("leave.cancel"),
                  )
                : null,
            ),
          );
        }),
      ),
    );
  }

  async function loadAll(): Promise<void> {
    const [b, l] = await Promise.allSettled([api.balances(), api.myLeave()]);
    if (disposed) return;
    const failed = (r: PromiseRejectedResult) => h("p", { class: "message error", role: "alert" }, t("common.loadFailed", { message: (r.reason as Error).message }));
    mount(balances, b.status === "fulfilled" ? balancesTable(b.value) : failed(b));
    mount(mine, h("h2", null, t("leave.mine")), l.status === "fulfilled" ? requestsTable(l.value) : failed(l), listMessage);
  }

  void loadAll();
  const el = h(
    "section",
    { class: "leave", "aria-labelledby": "leave-title" },
    h("h1", { id: "leave-title" }, t("leave.title")),
    h("div", { class: "two-col" }, form, balances),
    mine,
  );
  return {
    el,
    title: t("leave.title"),
    dispose: () => {
      disposed = true;
    },
  };
};
