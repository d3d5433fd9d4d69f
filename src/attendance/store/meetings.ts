/** Meetings that count as presence, and the Agora notices already taken. */
import type { Meeting } from "../types.ts";
import type { Row, SqlDb } from "./sql.ts";

const toMeeting = (r: Row): Meeting => ({
  id: r.id as number,
  name: r.name as string,
  days: JSON.parse(r.days as string) as Meeting["days"],
  start: r.start_time as string,
  end: r.end_time as string,
  departments: JSON.parse(r.departments as string) as string[],
  logins: JSON.parse(r.logins as string) as string[],
  channel: r.channel as string | null,
  active: Number(r.active) === 1,
});

export class MeetingRepository {
  constructor(private readonly db: SqlDb) {}

  async list(): Promise<Meeting[]> {
    return (await this.db.all("SELECT * FROM meetings ORDER BY id")).map(toMeeting);
  }

  async byId(id: number): Promise<Meeting | undefined> {
    const r = await this.db.get("SELECT * FROM meetings WHERE id = ?", [id]);
    return r && toMeeting(r);
  }

  async byChannel(channel: string): Promise<Meeting[]> {
    return (await this.db.all("SELECT * FROM meetings WHERE channel = ? AND active = 1 ORDER BY id", [channel])).map(toMeeting);
  }

  async add(m: Omit<Meeting, "id">): Promise<Meeting> {
    const row = await this.db.get<{ id: number }>(
      "INSERT INTO meetings (name, days, start_time, end_time, departments, logins, channel, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      [m.name, JSON.stringify(m.days), m.start, m.end, JSON.stringify(m.departments), JSON.stringify(m.logins), m.channel, m.active ? 1 : 0],
    );
    return { id: row!.id, ...m };
  }

  /** Takes an Agora notice once: false when it was taken before (a retry). */
  async claimNotice(noticeId: string, atMs: number): Promise<boolean> {
    const r = await this.db.run("INSERT INTO agora_notices (notice_id, received_ms) VALUES (?, ?) ON CONFLICT (notice_id) DO NOTHING", [noticeId, atMs]);
    return r.changes > 0;
  }
}
