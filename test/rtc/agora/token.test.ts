import agoraToken from "agora-token";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildRtcToken, mintRtcToken } from "../../../src/rtc/agora/token.ts";
import { APP_CERTIFICATE, APP_ID, readToken } from "./fake-agora.ts";

const { RtcTokenBuilder, RtcRole } = agoraToken;

// AgoraIO/Tools DynamicKey/AgoraDynamicKey/nodejs/test/AccessToken2Test.js, AccessToken_Test.
const VECTOR = {
  channel: "7d72365eb983485397e3e3f9d460bdda",
  uid: 2882341273,
  issueTs: 1111111,
  salt: 1,
  expire: 600,
  token:
    "007eJxTYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbmxgDCaiTj",
};

describe("RTC tokens", () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("reproduces Agora's published AccessToken2 vector (join privilege, 600 s)", () => {
    const token = buildRtcToken({
      appId: APP_ID,
      appCertificate: APP_CERTIFICATE,
      channel: VECTOR.channel,
      uid: VECTOR.uid,
      role: "subscriber", // join privilege only, as in the vector
      tokenExpireSec: VECTOR.expire,
      privilegeExpireSec: VECTOR.expire,
      issueTs: VECTOR.issueTs,
      salt: VECTOR.salt,
    });
    expect(token).toBe(VECTOR.token);
  });

  it("builds exactly what RtcTokenBuilder.buildTokenWithUid builds for a publisher for one hour", () => {
    // buildTokenWithUid reads the clock and Math.random for issue time and salt; pin both.
    vi.useFakeTimers({ now: VECTOR.issueTs * 1000 });
    vi.spyOn(Math, "random").mockReturnValue(0); // AccessToken2 salt = floor(0 * 99999999) + 1 = 1
    const official = RtcTokenBuilder.buildTokenWithUid(
      APP_ID,
      APP_CERTIFICATE,
      VECTOR.channel,
      VECTOR.uid,
      RtcRole.PUBLISHER,
      3600,
      3600,
    );
    const ours = buildRtcToken({
      appId: APP_ID,
      appCertificate: APP_CERTIFICATE,
      channel: VECTOR.channel,
      uid: VECTOR.uid,
      issueTs: VECTOR.issueTs,
      salt: VECTOR.salt,
    });
    expect(ours).toBe(official);
  });

  it("mints a signed one-hour publisher token for the channel and uid, issued now with a random salt", () => {
    const before = Math.floor(Date.now() / 1000);
    const token = mintRtcToken({ appId: APP_ID, appCertificate: APP_CERTIFICATE }, "att-wang-0a1b2c3d", 123456);
    const parsed = readToken(token);
    expect(parsed.signatureValid).toBe(true);
    expect(parsed).toMatchObject({ appId: APP_ID, expire: 3600, channel: "att-wang-0a1b2c3d", uid: "123456" });
    expect(parsed.issueTs).toBeGreaterThanOrEqual(before);
    expect(parsed.issueTs).toBeLessThanOrEqual(before + 2);
    expect(parsed.salt).toBeGreaterThanOrEqual(1);
    expect(parsed.salt).toBeLessThanOrEqual(99_999_999);
    // join, publish audio, publish video, publish data stream
    expect(parsed.privileges).toEqual({ 1: 3600, 2: 3600, 3: 3600, 4: 3600 });
    expect(mintRtcToken({ appId: APP_ID, appCertificate: APP_CERTIFICATE }, "att-wang-0a1b2c3d", 123456)).not.toBe(
      token,
    );
  });

  it("refuses credentials that are not 32 hex characters instead of returning an empty token", () => {
    expect(() => buildRtcToken({ appId: "nope", appCertificate: APP_CERTIFICATE, channel: "c", uid: 1 })).toThrow(
      /32 hex characters/,
    );
  });
});
