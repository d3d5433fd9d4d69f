/**
 * Feishu / Lark event encryption and signing ("配置 Encrypt Key", "安全校验"), as
 * larksuite/node-sdk implements them (utils/aes-cipher.ts, dispatcher/request-handle.ts):
 * - decrypt: key = SHA-256(encrypt key); the base64 body's first 16 bytes are the IV; AES-256-CBC;
 * - X-Lark-Signature = sha256 hex of timestamp + nonce + encrypt key + body. We hash the raw body
 *   as it arrived (the SDK re-serializes its parsed JSON, which only matches for compact bodies).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { InboundRejected } from "../channel.ts";
import { sameSignature } from "../http.ts";

export function feishuKey(encryptKey: string): Buffer {
  return createHash("sha256").update(encryptKey).digest();
}

/** Decrypts an `{"encrypt": ...}` body's value. */
export function feishuDecrypt(encryptKey: string, encrypted: string): string {
  try {
    const data = Buffer.from(encrypted, "base64");
    const decipher = createDecipheriv("aes-256-cbc", feishuKey(encryptKey), data.subarray(0, 16));
    return Buffer.concat([decipher.update(data.subarray(16)), decipher.final()]).toString("utf8");
  } catch {
    throw new InboundRejected("IM_BODY_INVALID", "encrypted body does not decrypt with FEISHU_ENCRYPT_KEY");
  }
}

/** Encrypts the way Feishu does (used for tests and tooling; Feishu never needs our ciphertext). */
export function feishuEncrypt(encryptKey: string, plain: string, iv: Buffer = randomBytes(16)): string {
  const cipher = createCipheriv("aes-256-cbc", feishuKey(encryptKey), iv);
  return Buffer.concat([iv, cipher.update(plain, "utf8"), cipher.final()]).toString("base64");
}

export function feishuSignature(timestamp: string, nonce: string, encryptKey: string, body: string): string {
  return createHash("sha256").update(timestamp + nonce + encryptKey + body).digest("hex");
}

/** Throws unless X-Lark-Signature matches the raw body. */
export function verifyFeishuSignature(signature: string, timestamp: string, nonce: string, encryptKey: string, body: string): void {
  if (!sameSignature(feishuSignature(timestamp, nonce, encryptKey, body), signature)) {
    throw new InboundRejected("IM_SIGNATURE_INVALID", "X-Lark-Signature does not match");
  }
}
