import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';

/**
 * Online backup of the ledger with SQLite's backup API: safe while the server
 * is taking deals (the copy is one consistent moment of the WAL database).
 */
export async function backupLedger(
  source: string,
  destination: string,
  onProgress?: (done: number, total: number) => void,
): Promise<{ pages: number; bytes: number }> {
  if (!fs.existsSync(source)) throw new Error(`No ledger at ${source}`);
  // A backup holds what the ledger holds: readable by the server's user only.
  if (!fs.existsSync(path.dirname(destination))) fs.mkdirSync(path.dirname(destination), { recursive: true, mode: 0o700 });
  if (!fs.existsSync(destination)) fs.closeSync(fs.openSync(destination, 'a', 0o600));
  fs.chmodSync(destination, 0o600);
  const db = new SQLite(source, { readonly: true, fileMustExist: true });
  try {
    const result = await db.backup(destination, {
      progress({ totalPages, remainingPages }) {
        onProgress?.(totalPages - remainingPages, totalPages);
        return 256;
      },
    });
    return { pages: result.totalPages, bytes: fs.statSync(destination).size };
  } finally {
    db.close();
  }
}
