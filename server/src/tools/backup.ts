// npm run backup [-- --out FILE]: an online, consistent copy of the ledger while deals flow.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { loadEnvFile } from '../env-file.js';
import { backupLedger } from '../store/backup.js';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
// The same settings as the server, so the backup copies the ledger the server actually uses.
loadEnvFile();
const config = loadConfig();
process.umask(0o077);
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const source = path.join(config.DATA_DIR, 'ledger.sqlite');
const out = values.out ?? path.join(config.DATA_DIR, 'backups', `ledger-${stamp}.sqlite`);

backupLedger(source, out, (done, total) => {
  process.stdout.write(`\rBackup / Cadangan: ${Math.round((done / Math.max(total, 1)) * 100)}%`);
})
  .then(({ bytes }) => {
    console.log(`\nSaved ${out} (${(bytes / 1024).toFixed(0)} KB). Restore: stop the server, delete ${source}-wal and -shm, copy this file to ${source}, start again.`);
  })
  .catch((e: unknown) => {
    console.error(`\nBackup failed / Cadangan gagal: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
