/**
 * Personal data encrypted at rest: AES-256-GCM with a 12-byte random nonce per value, stored as
 * "v1.<nonce>.<ciphertext+tag>" in base64url. The key is never in the database: the composition
 * root derives it from the server's master key (src/auth/secrets.ts). A value that does not open
 * (a changed key, a tampered row) throws: nothing is ever read as if it were empty.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const VERSION = "v1";
/** A known value kept (encrypted) in the settings, proving at open that the key is the one the data was written with. */
const CHECK_PLAINTEXT = "voice-attendance data-at-rest key check";

export class DataCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error("The data-at-rest key must be 32 bytes");
  }

  /** A cipher with a key of its own, lost with the process (a scratch database in memory). */
  static ephemeral(): DataCipher {
    return new DataCipher(randomBytes(32));
  }

  encrypt(plain: string | Buffer): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, nonce);
    const body = Buffer.concat([cipher.update(typeof plain === "string" ? Buffer.from(plain, "utf8") : plain), cipher.final(), cipher.getAuthTag()]);
    return `${VERSION}.${nonce.toString("base64url")}.${body.toString("base64url")}`;
  }

  decryptBytes(sealed: string): Buffer {
    const [version, nonce, body] = sealed.split(".");
    if (version !== VERSION || !nonce || !body) throw new Error("Not an encrypted value of this product");
    const data = Buffer.from(body, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", this.key, Buffer.from(nonce, "base64url"));
    decipher.setAuthTag(data.subarray(data.length - 16));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]);
  }

  decrypt(sealed: string): string {
    return this.decryptBytes(sealed).toString("utf8");
  }

  /** The value kept to check the key later. */
  checkValue(): string {
    return this.encrypt(CHECK_PLAINTEXT);
  }

  /** Whether `sealed` (from {@link checkValue}) opens with this key. */
  opens(sealed: string): boolean {
    try {
      return this.decrypt(sealed) === CHECK_PLAINTEXT;
    } catch {
      return false;
    }
  }
}

/** The database's data was written with another key: start-up stops with this line. */
export class WrongDataKeyError extends Error {
  constructor(where: string) {
    super(`The data-at-rest key (${where}) does not open this database's encrypted data; start with the key it was written with (SECRET_KEY or the key file beside the database)`);
    this.name = "WrongDataKeyError";
  }
}
