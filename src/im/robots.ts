/**
 * Group robots (WeCom 群机器人, Feishu 自定义机器人, DingTalk 自定义机器人): webhooks that post into
 * one group chat, used for managers' team digests. A platform may have a default robot, for every
 * team, and teams' own, keyed by department code (`*_TEAM_ROBOTS`), so each team's digest reaches
 * its own group.
 */

/** A robot's webhook, and the secret it signs with where the platform signs (Feishu, DingTalk). */
export interface RobotHook {
  webhook: string;
  secret?: string;
}

/** The robot a post goes to: `team` is the department code whose own robot it is, "" for the default. */
export interface ChosenRobot {
  hook: RobotHook;
  team: string;
}

export class Robots {
  constructor(
    private readonly fallback: RobotHook | undefined,
    private readonly teams: Readonly<Record<string, RobotHook>> = {},
  ) {}

  /** The robot that posts for a team ("" asks for the default): the team's own, else the default. */
  for(team: string): ChosenRobot | undefined {
    const own = team ? this.teams[team] : undefined;
    if (own) return { hook: own, team };
    return this.fallback && { hook: this.fallback, team: "" };
  }

  /** Whether the team has a robot of its own here. */
  owns(team: string): boolean {
    return !!team && !!this.teams[team];
  }

  /** Whether there is a default robot here. */
  hasDefault(): boolean {
    return !!this.fallback;
  }
}

/** The rate-limit bucket of the robot a post for `team` goes to: each robot has its platform's limits on its own. */
export function robotBucket(platform: string, robots: Robots, team: string): string {
  const chosen = robots.for(team);
  return chosen?.team ? `${platform}:robot:${chosen.team}` : `${platform}:robot`;
}
