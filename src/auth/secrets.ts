/**
 * Secrets the server keeps, none of them in the database or its backups: one master key, from
 * `SECRET_KEY` or from a file beside the database created with mode 0600 on first use, and keys
 * derived from it per purpose (HKDF-SHA256), e.g. for encrypting data at rest.
 */
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { hkdfSync, randomBytes } from "node:crypto";

/** The file beside a database that holds its master key. */
export const secretKeyFileFor = (databaseFile: string) => `${databaseFile}.key`;

export class Secrets {
  private master: Buffer | null = null;
  /** This process made the key file: the database beside it had none (new, or copied without it). */
  private made = false;

  /**
   * @param source the master key as given (`SECRET_KEY`), or the file to keep it in; a
   * database in memory gets a key in memory.
   */
  constructor(private readonly source: { key: string } | { file: string } | { memory: true }) {}

  /** A 32-byte key for one purpose ("data-at-rest"); the same purpose gets the same key. */
  key(purpose: string): Buffer {
    return Buffer.from(hkdfSync("sha256", this.masterKey(), Buffer.alloc(0), `voice-attendance/${purpose}`, 32));
  }

  /** Whether the key file was made by this process (read after {@link key}). */
  madeKeyFile(): boolean {
    return this.made;
  }

  /** Where the master key comes from, for the start-up log (never the key). */
  describe(): string {
    if ("key" in this.source) return "SECRET_KEY";
    if ("file" in this.source) return this.source.file;
    return "memory";
  }

  private masterKey(): Buffer {
    if (this.master) return this.master;
    if ("key" in this.source) return (this.master = Buffer.from(this.source.key, "utf8"));
    if ("memory" in this.source) return (this.master = randomBytes(32));
    const file = this.source.file;
    if (!existsSync(file)) {
      // "wx": never overwrite a key another process wrote a moment ago (it would lock out its data).
      try {
        writeFileSync(file, randomBytes(32).toString("base64") + "\n", { mode: 0o600, flag: "wx" });
        this.made = true;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      }
    }
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    const key = Buffer.from(readFileSync(file, "utf8").trim(), "base64");
    if (key.length < 32) throw new Error(`${file} does not hold a key of 32 bytes (base64); remove it to make a new one, or set SECRET_KEY`);
    return (this.master = key);
  }
}
