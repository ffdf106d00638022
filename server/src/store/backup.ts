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
  fs.mkdirSync(path.dirname(destination), { recursive: true });
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
