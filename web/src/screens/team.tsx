/** Manager: who is in today, late or away (the requests waiting for them are on the approvals screen). */
import { ExportMonth } from "../components/ExportMonth.tsx";
import { api, type Me, type MemberDay } from "../api.ts";
import { typeName } from "../components/Badge.tsx";
import { Load } from "../components/Load.tsx";
import { Table } from "../components/Table.tsx";
import { useApp, useTitle } from "../context.ts";
import { useLoad } from "../hooks.ts";
import { fmtDate, getLang, t, type Key } from "../i18n/index.ts";
import { onLinkClick } from "../router.ts";

const ORDER: MemberDay["status"][] = ["absent", "not-yet", "late", "in", "on-leave", "off-day"];

/** Members carry their department's Chinese name; the manager's own department is known in both languages. */
function departmentName(name: string, me: Me): string {
  return getLang() === "en" && me.department && name === me.department.name ? me.department.nameEn : name;
}

/** Where a member's month opens. */
const monthLink = (m: MemberDay) => `/team/month?${new URLSearchParams({ login: m.login, name: getLang() === "zh" ? m.name : m.nameEn })}`;

function TeamTable({ members, me }: { members: MemberDay[]; me: Me }) {
  const sorted = [...members].sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status) || a.login.localeCompare(b.login));
  const counts = ORDER.map((s) => [s, members.filter((m) => m.status === s).length] as const).filter(([, n]) => n > 0);
  const head = (["team.col.name", "team.col.department", "team.col.status", "team.col.inAt", "team.col.late"] as Key[]).map((k) => t(k));
  return (
    <div>
      <ul class="chips">
        {counts.map(([s, n]) => (
          <li class={`badge ms-${s}`}>
            {t(`member.${s}` as Key)} {n}
          </li>
        ))}
      </ul>
      <Table head={head} class="team">
        {sorted.map((m) => (
          <tr data-login={m.login} data-status={m.status}>
            <th scope="row">
              <a href={monthLink(m)} onClick={(e) => onLinkClick(e, monthLink(m))}>
                {getLang() === "zh" ? m.name : m.nameEn}
              </a>
            </th>
            <td data-label={head[1]}>{departmentName(m.department, me)}</td>
            <td data-label={head[2]}>
              <span class={`badge ms-${m.status}`}>{t(`member.${m.status}` as Key)}</span>
              {m.leaveType ? ` ${typeName(m.leaveType)}` : null}
            </td>
            <td data-label={head[3]}>{m.inAt ?? "—"}</td>
            <td data-label={head[4]}>{m.lateMinutes > 0 ? m.lateMinutes : "—"}</td>
          </tr>
        ))}
      </Table>
    </div>
  );
}

export function TeamScreen() {
  const { me } = useApp();
  useTitle(t("team.title"));
  const today = useLoad(() => api.teamToday(), []);
  return (
    <section class="team" aria-labelledby="team-title">
      <h1 id="team-title">{t("team.title")}</h1>
      <section class="card" aria-labelledby="team-today">
        <h2 id="team-today">{today.data ? t("team.today", { date: fmtDate(today.data.date) }) : t("team.title")}</h2>
        <Load state={today} empty={(day) => !day.members.length && t("team.empty")}>
          {(day) => <TeamTable members={day.members} me={me} />}
        </Load>
      </section>
      <ExportMonth />
    </section>
  );
}
