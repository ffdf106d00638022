import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';

/**
 * Fill `env` from a `.env` file in the working folder (or the file `ENV_FILE` names), for
 * every entry point alike: the server, `npm run backup`, `npm run simulate`, `npm start`.
 * A variable already set in the environment wins over the file, so one command can still
 * override a setting (`DATA_DIR=/mnt/usb npm run backup`). Returns the file read, if any.
 */
export function loadEnvFile(cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = path.resolve(cwd, env.ENV_FILE || '.env');
  if (!fs.existsSync(file)) {
    if (env.ENV_FILE) throw new Error(`ENV_FILE ${file} does not exist / tidak ada`);
    return undefined;
  }
  // Node's own .env parser (the rules of `node --env-file`).
  for (const [k, v] of Object.entries(parseEnv(fs.readFileSync(file, 'utf8')))) {
    if (env[k] === undefined) env[k] = v;
  }
  return file;
}
