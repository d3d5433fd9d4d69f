/** Attendance rate by department as horizontal SVG bars, with the figures as a table beside it. */
import type { DepartmentDay } from "../api.ts";
import { getLang, t, type Key } from "../i18n/index.ts";
import { Table } from "./Table.tsx";

const pct = (rate: number | null) => (rate === null ? t("hr.noneExpected") : `${Math.round(rate * 100)}%`);
const name = (d: DepartmentDay) => (getLang() === "zh" ? d.name : d.nameEn);

export function DepartmentChart({ rows }: { rows: DepartmentDay[] }) {
  const labelW = 150;
  const barW = 420;
  const rowH = 34;
  const width = labelW + barW + 60;
  const height = rows.length * rowH + 24;
  return (
    <svg class="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={t("hr.chart")} preserveAspectRatio="xMinYMin meet">
      <title>{t("hr.chart")}</title>
      {[0, 0.5, 1].map((x) => (
        <g>
          <line x1={labelW + x * barW} x2={labelW + x * barW} y1={0} y2={height - 20} class="grid" />
          <text x={labelW + x * barW} y={height - 6} text-anchor="middle" class="axis">
            {`${x * 100}%`}
          </text>
        </g>
      ))}
      {rows.map((d, i) => {
        const y = i * rowH + 6;
        const w = Math.max(0, Math.min(1, d.rate ?? 0)) * barW;
        const level = d.rate === null ? "none" : d.rate >= 0.9 ? "good" : d.rate >= 0.7 ? "fair" : "poor";
        return (
          <g data-code={d.code}>
            <title>{`${name(d)}: ${pct(d.rate)} (${d.present}/${d.expected})`}</title>
            <text x={labelW - 8} y={y + 16} text-anchor="end" class="label">
              {name(d)}
            </text>
            <rect x={labelW} y={y} width={barW} height={22} class="track" rx={4} />
            <rect x={labelW} y={y} width={w} height={22} class={`bar ${level}`} rx={4} />
            <text x={labelW + barW + 8} y={y + 16} class="value">
              {pct(d.rate)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function DepartmentTable({ rows }: { rows: DepartmentDay[] }) {
  const head = (["hr.col.department", "hr.col.present", "hr.col.expected", "hr.col.late", "hr.col.onLeave", "hr.col.rate"] as Key[]).map((k) => t(k));
  return (
    <Table head={head} class="compact">
      {rows.map((d) => (
        <tr data-code={d.code}>
          <th scope="row">{name(d)}</th>
          <td data-label={head[1]}>{d.present}</td>
          <td data-label={head[2]}>{d.expected}</td>
          <td data-label={head[3]}>{d.late}</td>
          <td data-label={head[4]}>{d.onLeave}</td>
          <td data-label={head[5]}>{pct(d.rate)}</td>
        </tr>
      ))}
    </Table>
  );
}
