// `npm start`: build the client if it is missing, then serve (the demo event is seeded on an empty data folder).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { loadEnvFile } from '../server/src/env-file.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

// Read here too, so CLIENT_DIST from .env decides whether a build is needed; the server inherits it.
loadEnvFile();
const dist = process.env.CLIENT_DIST ? path.resolve(process.env.CLIENT_DIST) : path.join(root, 'client/dist');

if (!existsSync(path.join(dist, 'index.html'))) {
  console.log('Building the client (first start) / Membangun klien…');
  const build = spawnSync(npm, ['run', 'build', '-w', '@dealboard/client'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/src/main.ts')], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => server.kill(sig));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
