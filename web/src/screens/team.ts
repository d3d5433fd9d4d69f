/** Manager: who is in today, and the leave requests waiting for my approval. */
import { api, type Me, type MemberDay, type PendingLeave } from "../api.ts";
import { h, messageLine, mount } from "../dom.ts";
import { fmtDate, fmtNumber, fmtRange, getLang, t, type Key } from "../i18n/index.ts";
import { typeName } from "./leave.ts";
import type { Screen } from "./screen.ts";

const ORDER: MemberDay["status"][] = ["absent", "not-yet", "late", "in", "on-leave", "off-day"];

/** Members carry their department's Chinese name; the manager's own department is known in both languages. */
function departmentName(name: string, me: Me): string {
  return getLang() === "en" && me.department && name === me.department.name ? me.department.nameEn : name;
}

function teamTable(members: MemberDay[], me: Me): HTMLElement {
  if (!members.length) return h("p", null, t("team.empty"));
  const sorted = [...members].sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status) || a.login.localeCompare(b.login));
  const counts = ORDER.map((s) => [s, members.filter((m) => m.status === s).length] as const).filter(([, n]) => n > 0);
  return h(
    "div",
    null,
    h("ul", { class: "chips" }, counts.map(([s, n]) => h("li", { class: `badge ms-${s}` }, `${t(`member.${s}` as Key)} ${n}`))),
    h(
      "table",
      { class: "data team" },
      h("thead", null, h("tr", null, (["team.col.name", "team.col.department", "team.col.status", "team.col.inAt", "team.col.late"] as Key[]).map((k) => h("th", { scope: "col" }, t(k))))),
      h(
        "tbody",
        null,
        sorted.map((m) =>
          h(
            "tr",
            { "data-login": m.login, "data-status": m.status },
            h("th", { scope: "row" }, getLang() === "zh" ? m.name : m.nameEn),
            h("td", null, departmentName(m.department, me)),
            h("td", null, h("span", { class: `badge ms-${m.status}` }, t(`member.${m.status}` as Key)), m.leaveType ? ` ${typeName(m.leaveType)}` : null),
            h("td", null, m.inAt ?? "—"),
            h("td", null, m.lateMinutes > 0 ? m.lateMinutes : "—"),
          ),
        ),
      ),
    ),
  );
}

export const teamScreen: Screen = (ctx) => {
  let disposed = false;
  const today = h("section", { class: "card", "aria-labelledby": "team-today" }, h("h2", { id: "team-today" }, t("team.title")), h("p", null, t("common.loading")));
  const pending = h("section", { class: "card", "aria-labelledby": "team-pending" });
  const message = messageLine();

  async function loadToday(): Promise<void> {
    try {
      const day = await api.teamToday();
      if (!disposed) mount(today, h("h2", { id: "team-today" }, t("team.today", { date: fmtDate(day.date) })), teamTable(day.members, ctx.me));
    } catch (error) {
      if (!disposed) mount(today, h("h2", { id: "team-today" }, t("team.title")), h("p", { class: "message error", role: "alert" }, t("common.loadFailed", { message: (error as Error).message })));
    }
  }

  async function decide(item: PendingLeave, decision: "approve" | "reject", dates: string): Promise<void> {
    try {
      await api.decideLeave(item.id, decision);
      message.show(t(decision === "approve" ? "team.approved" : "team.rejected", { name: item.name, type: typeName(item.type), dates }), "ok");
      void loadPending();
      void loadToday();
    } catch (error) {
      message.show((error as Error).message, "error");
    }
  }

  async function loadPending(): Promise<void> {
    const heading = h("h2", { id: "team-pending" }, t("team.pending"));
    try {
      const items = await api.pendingLeave();
      if (disposed) return;
      if (!items.length) return mount(pending, heading, h("p", null, t("team.noPending")), message);
      const rows = items.map((item) => {
        const dates = fmtRange(item.startDate, item.endDate);
        const label = { name: item.name, type: typeName(item.type), dates };
        return h(
          "tr",
          { "data-id": item.id, "data-login": item.login },
          h("th", { scope: "row" }, item.name, h("span", { class: "muted" }, ` (${item.login})`)),
          h("td", null, typeName(item.type), item.halfDay ? ` (${t(`leave.halfDay.${item.halfDay}` as Key)})` : null),
          h("td", null, dates),
          h("td", null, fmtNumber(item.days)),
          h("td", null, item.reason ?? ""),
          h(
            "td",
            { class: "actions" },
            h("button", { type: "button", class: "small primary", "aria-label": t("team.approveLabel", label), onClick: () => void decide(item, "approve", dates) }, t("team.approve")),
            h("button", { type: "button", class: "small danger", "aria-label": t("team.rejectLabel", label), onClick: () => void decide(item, "reject", dates) }, t("team.reject")),
          ),
        );
      });
      mount(
        pending,
        heading,
        h(
          "table",
          { class: "data" },
          h(
            "thead",
            null,
            h("tr", null, (["leave.col.who", "leave.col.type", "leave.col.dates", "leave.col.days", "leave.col.reason", "leave.col.actions"] as Key[]).map((k) => h("th", { scope: "col" }, t(k)))),
          ),
          h("tbody", null, rows),
        ),
        message,
      );
    } catch (error) {
      if (!disposed) mount(pending, heading, h("p", { class: "message error", role: "alert" }, t("common.loadFailed", { message: (error as Error).message })));
    }
  }

  void loadToday();
  void loadPending();
  const el = h("section", { class: "team", "aria-labelledby": "team-title" }, h("h1", { id: "team-title" }, t("team.title")), pending, today);
  return {
    el,
    title: t("team.title"),
    dispose: () => {
      disposed = true;
    },
  };
};
