/**
 * WeCom's callback encryption ("加解密方案说明"), as the official library implements it
 * (sbzhu/weworkapi_python callback/WXBizMsgCrypt.py):
 * - signature: sha1 of the sorted strings token, timestamp, nonce, ciphertext, hex;
 * - key: base64(EncodingAESKey + "="), 32 bytes; AES-256-CBC, IV = the key's first 16 bytes;
 * - plain text: 16 random bytes, the message length as 4 bytes big-endian, the message, the
 *   receiveid (the corp id), PKCS#7-padded to a multiple of 32 bytes.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { InboundRejected } from "../channel.ts";
import { sameSignature } from "../http.ts";

const BLOCK = 32;

export class WecomCrypto {
  private readonly key: Buffer;

  constructor(
    private readonly token: string,
    encodingAesKey: string,
    private readonly receiveId: string,
  ) {
    this.key = Buffer.from(`${encodingAesKey}=`, "base64");
    if (encodingAesKey.length !== 43 || this.key.length !== 32) {
      throw new Error("WECOM_ENCODING_AES_KEY must be the 43 characters the admin console shows");
    }
  }

  /** msg_signature over a timestamp, a nonce and a ciphertext (or echostr). */
  signature(timestamp: string, nonce: string, encrypted: string): string {
    const joined = [this.token, timestamp, nonce, encrypted].sort().join("");
    return createHash("sha1").update(joined).digest("hex");
  }

  /** Throws unless `signature` is the msg_signature of these values. */
  verify(signature: string, timestamp: string, nonce: string, encrypted: string): void {
    if (!sameSignature(this.signature(timestamp, nonce, encrypted), signature.toLowerCase())) {
      throw new InboundRejected("IM_SIGNATURE_INVALID", "msg_signature does not match");
    }
  }

  /** Decrypts a ciphertext and checks it was made for our corp id. */
  decrypt(encrypted: string): string {
    let plain: Buffer;
    try {
      const decipher = createDecipheriv("aes-256-cbc", this.key, this.key.subarray(0, 16));
      decipher.setAutoPadding(false);
      plain = Buffer.concat([decipher.update(Buffer.from(encrypted, "base64")), decipher.final()]);
    } catch {
      throw new InboundRejected("IM_BODY_INVALID", "ciphertext does not decrypt");
    }
    const pad = plain.length > 0 ? plain[plain.length - 1] : 0;
    if (pad < 1 || pad > BLOCK || plain.length < 20 + pad) throw new InboundRejected("IM_BODY_INVALID", "bad padding");
    const content = plain.subarray(16, plain.length - pad);
    const length = content.readUInt32BE(0);
    if (length > content.length - 4) throw new InboundRejected("IM_BODY_INVALID", "bad message length");
    const message = content.subarray(4, 4 + length).toString("utf8");
    const receiver = content.subarray(4 + length).toString("utf8");
    if (receiver !== this.receiveId) {
      throw new InboundRejected("IM_RECEIVER_MISMATCH", "message was encrypted for another receiveid");
    }
    return message;
  }

  /** Encrypts a message for WeCom (passive replies); `random` is fixed only in tests. */
  encrypt(message: string, random: Buffer = randomBytes(16)): string {
    const body = Buffer.from(message, "utf8");
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length, 0);
    const unpadded = Buffer.concat([random, length, body, Buffer.from(this.receiveId, "utf8")]);
    const pad = BLOCK - (unpadded.length % BLOCK);
    const padded = Buffer.concat([unpadded, Buffer.alloc(pad, pad)]);
    const cipher = createCipheriv("aes-256-cbc", this.key, this.key.subarray(0, 16));
    cipher.setAutoPadding(false);
    return Buffer.concat([cipher.update(padded), cipher.final()]).toString("base64");
  }
}
