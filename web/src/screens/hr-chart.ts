/** Attendance rate by department as horizontal SVG bars, with the figures as a table beside it. */
import type { DepartmentDay } from "../api.ts";
import { h, s } from "../dom.ts";
import { getLang, t, type Key } from "../i18n/index.ts";

const pct = (rate: number | null) => (rate === null ? t("hr.noneExpected") : `${Math.round(rate * 100)}%`);

export function departmentChart(rows: DepartmentDay[]): SVGSVGElement {
  const labelW = 150;
  const barW = 420;
  const rowH = 34;
  const width = labelW + barW + 60;
  const height = rows.length * rowH + 24;
  const name = (d: DepartmentDay) => (getLang() === "zh" ? d.name : d.nameEn);
  return s(
    "svg",
    { class: "chart", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": t("hr.chart"), preserveAspectRatio: "xMinYMin meet" },
    s("title", null, t("hr.chart")),
    [0, 0.5, 1].map((x) =>
      s(
        "g",
        null,
        s("line", { x1: labelW + x * barW, x2: labelW + x * barW, y1: 0, y2: height - 20, class: "grid" }),
        s("text", { x: labelW + x * barW, y: height - 6, "text-anchor": "middle", class: "axis" }, `${x * 100}%`),
      ),
    ),
    rows.map((d, i) => {
      const y = i * rowH + 6;
      const w = Math.max(0, Math.min(1, d.rate ?? 0)) * barW;
      const level = d.rate === null ? "none" : d.rate >= 0.9 ? "good" : d.rate >= 0.7 ? "fair" : "poor";
      return s(
        "g",
        { "data-code": d.code },
        s("title", null, `${name(d)}: ${pct(d.rate)} (${d.present}/${d.expected})`),
        s("text", { x: labelW - 8, y: y + 16, "text-anchor": "end", class: "label" }, name(d)),
        s("rect", { x: labelW, y, width: barW, height: 22, class: "track", rx: 4 }),
        s("rect", { x: labelW, y, width: w, height: 22, class: `bar ${level}`, rx: 4 }),
        s("text", { x: labelW + barW + 8, y: y + 16, class: "value" }, pct(d.rate)),
      );
    }),
  );
}

export function departmentTable(rows: DepartmentDay[]): HTMLTableElement {
  const cols: Key[] = ["hr.col.department", "hr.col.present", "hr.col.expected", "hr.col.late", "hr.col.onLeave", "hr.col.rate"];
  return h(
    "table",
    { class: "data compact" },
    h("thead", null, h("tr", null, cols.map((k) => h("th", { scope: "col" }, t(k))))),
    h(
      "tbody",
      null,
      rows.map((d) =>
        h(
          "tr",
          { "data-code": d.code },
          h("th", { scope: "row" }, getLang() === "zh" ? d.name : d.nameEn),
          h("td", null, d.present),
          h("td", null, d.expected),
          h("td", null, d.late),
          h("td", null, d.onLeave),
          h("td", null, pct(d.rate)),
        ),
      ),
    ),
  );
}
