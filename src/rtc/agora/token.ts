/**
 * RTC tokens (AccessToken2, "007…") from the `agora-token` package.
 *
 * `RtcTokenBuilder.buildTokenWithUid` always draws its own issue time and random salt, so it cannot
 * reproduce Agora's published test vectors. This module drives the same `AccessToken2` and
 * `ServiceRtc` classes that builder uses, in the same way, with issue time and salt as optional
 * inputs: production leaves them out, the vector test passes them, and both run this one function.
 * A test also checks that, with the clock and salt pinned, the output equals `buildTokenWithUid`.
 */
import { randomInt } from "node:crypto";
import { createRequire } from "node:module";

/** The slice of agora-token's (untyped) AccessToken2 module this file uses. */
interface AccessToken2Module {
  AccessToken2: new (appId: string, appCertificate: string, issueTs: number, expire: number) => {
    salt: number;
    add_service(service: unknown): void;
    build(): string;
  };
  ServiceRtc: {
    new (channelName: string, uid: number | string): { add_privilege(privilege: number, expire: number): void };
    kPrivilegeJoinChannel: number;
    kPrivilegePublishAudioStream: number;
    kPrivilegePublishVideoStream: number;
    kPrivilegePublishDataStream: number;
  };
}

const require = createRequire(import.meta.url);
const { AccessToken2, ServiceRtc } = require("agora-token/src/AccessToken2.js") as AccessToken2Module;

/** One hour: the lifetime of tokens minted for a call. */
export const RTC_TOKEN_TTL_SEC = 3600;

/** Largest salt AccessToken2 draws; its range is 1..99999999. */
const MAX_SALT = 99_999_999;

/** What an RTC token grants, to whom, and for how long. */
export interface RtcTokenRequest {
  appId: string;
  appCertificate: string;
  channel: string;
  /** Numeric RTC user id, 1..2^32-1; 0 lets any uid join (Agora's convention). */
  uid: number;
  /**
   * `publisher` (join + publish audio, video and data; what `RtcRole.PUBLISHER` grants) or
   * `subscriber` (join only). Default `publisher`.
   */
  role?: "publisher" | "subscriber";
  /** Seconds the whole token is valid after `issueTs`. Default one hour. */
  tokenExpireSec?: number;
  /** Seconds each privilege is valid after `issueTs`; capped by the token's own expiry. Default = token expiry. */
  privilegeExpireSec?: number;
  /** Issue time, Unix seconds. Default now; fixed only to reproduce test vectors. */
  issueTs?: number;
  /** Salt, 1..99999999. Default random; fixed only to reproduce test vectors. */
  salt?: number;
}

/** Builds an AccessToken2 RTC token. Throws if the App ID or certificate is not 32 hex characters. */
export function buildRtcToken(request: RtcTokenRequest): string {
  const tokenExpireSec = request.tokenExpireSec ?? RTC_TOKEN_TTL_SEC;
  const privilegeExpireSec = request.privilegeExpireSec ?? tokenExpireSec;
  const issueTs = request.issueTs ?? Math.floor(Date.now() / 1000);

  const token = new AccessToken2(request.appId, request.appCertificate, issueTs, tokenExpireSec);
  token.salt = request.salt ?? randomInt(1, MAX_SALT + 1);

  // Same privileges, in the same order, as RtcTokenBuilder.buildTokenWithUserAccount.
  const rtc = new ServiceRtc(request.channel, request.uid);
  rtc.add_privilege(ServiceRtc.kPrivilegeJoinChannel, privilegeExpireSec);
  if ((request.role ?? "publisher") === "publisher") {
    rtc.add_privilege(ServiceRtc.kPrivilegePublishAudioStream, privilegeExpireSec);
    rtc.add_privilege(ServiceRtc.kPrivilegePublishVideoStream, privilegeExpireSec);
    rtc.add_privilege(ServiceRtc.kPrivilegePublishDataStream, privilegeExpireSec);
  }
  token.add_service(rtc);

  // AccessToken2 signals bad credentials with an empty string; fail loudly instead.
  const built = token.build();
  if (!built) throw new Error("cannot build RTC token: App ID and App Certificate must be 32 hex characters");
  return built;
}

/** A one-hour publisher token for `uid` in `channel`: what the browser and the agent join with. */
export function mintRtcToken(
  credentials: { appId: string; appCertificate: string },
  channel: string,
  uid: number,
): string {
  return buildRtcToken({ ...credentials, channel, uid, role: "publisher" });
}
