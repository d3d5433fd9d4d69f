/** Manager: who is in today, and the leave requests waiting for my approval. */
import { useState } from "preact/hooks";
import { api, type Me, type MemberDay, type PendingLeave } from "../api.ts";
import { typeName } from "../components/Badge.tsx";
import { Load } from "../components/Load.tsx";
import { Status, type StatusMessage } from "../components/Status.tsx";
import { Table } from "../components/Table.tsx";
import { useApp, useTitle } from "../context.ts";
import { useLoad } from "../hooks.ts";
import { errorText } from "../i18n/errors.ts";
import { fmtDate, fmtNumber, fmtRange, getLang, t, type Key } from "../i18n/index.ts";

const ORDER: MemberDay["status"][] = ["absent", "not-yet", "late", "in", "on-leave", "off-day"];

/** Members carry their department's Chinese name; the manager's own department is known in both languages. */
function departmentName(name: string, me: Me): string {
  return getLang() === "en" && me.department && name === me.department.name ? me.department.nameEn : name;
}

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
            <th scope="row">{getLang() === "zh" ? m.name : m.nameEn}</th>
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

function PendingTable({ items, onDecide }: { items: PendingLeave[]; onDecide(item: PendingLeave, decision: "approve" | "reject", dates: string): void }) {
  const head = (["leave.col.who", "leave.col.type", "leave.col.dates", "leave.col.days", "leave.col.reason", "leave.col.actions"] as Key[]).map((k) => t(k));
  return (
    <Table head={head}>
      {items.map((item) => {
        const dates = fmtRange(item.startDate, item.endDate);
        const label = { name: item.name, type: typeName(item.type), dates };
        return (
          <tr data-id={item.id} data-login={item.login}>
            <th scope="row">
              {item.name}
              <span class="muted"> ({item.login})</span>
            </th>
            <td data-label={head[1]}>
              {typeName(item.type)}
              {item.halfDay ? ` (${t(`leave.halfDay.${item.halfDay}` as Key)})` : null}
            </td>
            <td data-label={head[2]}>{dates}</td>
            <td data-label={head[3]}>{fmtNumber(item.days)}</td>
            <td data-label={head[4]}>{item.reason ?? ""}</td>
            <td class="actions">
              <button type="button" class="small primary" aria-label={t("team.approveLabel", label)} onClick={() => onDecide(item, "approve", dates)}>
                {t("team.approve")}
              </button>
              <button type="button" class="small danger" aria-label={t("team.rejectLabel", label)} onClick={() => onDecide(item, "reject", dates)}>
                {t("team.reject")}
              </button>
            </td>
          </tr>
        );
      })}
    </Table>
  );
}

export function TeamScreen() {
  const { me } = useApp();
  useTitle(t("team.title"));
  const today = useLoad(() => api.teamToday(), []);
  const pending = useLoad(() => api.pendingLeave(), []);
  const [message, setMessage] = useState<StatusMessage | null>(null);

  async function decide(item: PendingLeave, decision: "approve" | "reject", dates: string): Promise<void> {
    try {
      await api.decideLeave(item.id, decision);
      setMessage({ text: t(decision === "approve" ? "team.approved" : "team.rejected", { name: item.name, type: typeName(item.type), dates }), kind: "ok" });
      pending.reload();
      today.reload();
    } catch (error) {
      setMessage({ text: errorText(error), kind: "error" });
    }
  }

  return (
    <section class="team" aria-labelledby="team-title">
      <h1 id="team-title">{t("team.title")}</h1>
      <section class="card" aria-labelledby="team-pending">
        <h2 id="team-pending">{t("team.pending")}</h2>
        <Load state={pending} empty={(items) => !items.length && t("team.noPending")}>
          {(items) => <PendingTable items={items} onDecide={(item, d, dates) => void decide(item, d, dates)} />}
        </Load>
        <Status message={message} />
      </section>
      <section class="card" aria-labelledby="team-today">
        <h2 id="team-today">{today.data ? t("team.today", { date: fmtDate(today.data.date) }) : t("team.title")}</h2>
        <Load state={today} empty={(day) => !day.members.length && t("team.empty")}>
          {(day) => <TeamTable members={day.members} me={me} />}
        </Load>
      </section>
    </section>
  );
}
