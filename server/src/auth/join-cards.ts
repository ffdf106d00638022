import fs from 'node:fs';
import path from 'node:path';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const FILE = 'join-card.key';
const VERSION = 'v1';

/**
 * Join tokens kept retrievable, so the QR sheet can be printed again without
 * issuing new ones. The store keeps each booth's token twice: its SHA-256 (how a
 * tablet is recognised) and the token sealed with AES-256-GCM under a key derived
 * (HKDF-SHA256) from a secret that is not in the store: `JOIN_CARD_SECRET`, or a
 * random key file made on first start in `DATA_DIR` (mode 0600). A copy of the
 * ledger alone (a backup, a dump of the database) reveals no join link; with the
 * secret gone, the cards cannot be reprinted and the booths need new codes.
 */
export class JoinCards {
  private constructor(private readonly key: Buffer) {}

  /** The key from the setting, or from the data folder's key file (made when missing). */
  static open(opts: { secret?: string; dataDir: string }): JoinCards {
    return new JoinCards(hkdf(opts.secret ?? readOrMakeKeyFile(opts.dataDir)));
  }

  seal(token: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  /** The token, or undefined when it was sealed under another key (or is damaged). */
  unseal(sealed: string | null): string | undefined {
    const parts = sealed?.split('.');
    if (!parts || parts.length !== 4 || parts[0] !== VERSION) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(parts[1]!, 'base64url'));
      decipher.setAuthTag(Buffer.from(parts[2]!, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(parts[3]!, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}

function hkdf(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'dealboard', 'join-cards v1', 32));
}

function readOrMakeKeyFile(dataDir: string): string {
  const file = path.join(dataDir, FILE);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  return fs.readFileSync(file, 'utf8').trim();
}
