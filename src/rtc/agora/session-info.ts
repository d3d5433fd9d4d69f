/**
 * What `POST /api/agora/session` answers. Types only and browser-safe (no Node APIs): the web
 * client (web/agora) reads the same declaration the route writes.
 */

/** `POST /session` answer: everything the browser needs to join the call. */
export interface AgoraSessionInfo {
  appId: string;
  channel: string;
  /** RTC token for `uid` in `channel`, valid one hour. */
  token: string;
  /** The browser's RTC uid. */
  uid: number;
  agentId: string;
  /** The agent's RTC uid: subscribe to its audio and read its stream messages. */
  agentUid: number;
}
