import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN_TOKEN, tempDataDir } from './server.js';
import { freePort } from './free-port.js';
export { freePort };

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Build the client when its bundle is missing or older than its sources. */
export function ensureClientBuilt(): void {
  const index = path.join(ROOT, 'client/dist/index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const newest = newestMtime([path.join(ROOT, 'client/src'), path.join(ROOT, 'shared/src'), path.join(ROOT, 'client/index.html'), path.join(ROOT, 'client/live.html'), path.join(ROOT, 'client/vite.config.ts'), path.join(ROOT, 'client/pwa.config.ts')]);
  if (built >= newest) return;
  const r = spawnSync('npm', ['run', 'build', '-w', '@dealboard/client'], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`client build failed:\n${r.stdout}\n${r.stderr}`);
}

function newestMtime(paths: string[]): number {
  let newest = 0;
  for (const p of paths) {
    if (!fs.existsSync(p)) continue;
    const st = fs.statSync(p);
    if (st.isDirectory()) newest = Math.max(newest, newestMtime(fs.readdirSync(p).map((f) => path.join(p, f))));
    else newest = Math.max(newest, st.mtimeMs);
  }
  return newest;
}

export interface ServerProcess {
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  output(): string;
  /** Stop the process (SIGTERM by default, SIGKILL for a crash) and wait for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** The real server as `npm start` runs it, in its own process, on loopback. */
export async function spawnServer(opts: { dataDir?: string; port?: number; env?: Record<string, string>; tls?: TestCertificate } = {}): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  const dataDir = opts.dataDir ?? tempDataDir();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/src/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ADMIN_TOKEN,
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      DEAL_RATE_PER_MINUTE: '1000000',
      DEAL_RATE_BURST: '1000000',
      ...(opts.tls ? { HTTPS_CERT: opts.tls.certFile, HTTPS_KEY: opts.tls.keyFile } : {}),
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const url = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${out}`);
    try {
      if ((await healthStatus(`${url}/api/v1/health`, opts.tls?.cert)) === 200) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become healthy:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    dataDir,
    child,
    output: () => out,
    stop(signal: NodeJS.Signals = 'SIGTERM') {
      return new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      });
    },
  };
}

/** A throwaway self-signed certificate for 127.0.0.1 and localhost, made with openssl. */
export interface TestCertificate {
  certFile: string;
  keyFile: string;
  cert: string;
}

export function makeTestCertificate(): TestCertificate {
  const dir = tempDataDir('dealboard-tls-');
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', keyFile, '-out', certFile], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl failed: ${r.stderr}`);
  return { certFile, keyFile, cert: fs.readFileSync(certFile, 'utf8') };
}

/** GET `url` and resolve with the status; over https trusting only `ca` (the test certificate). */
function healthStatus(url: string, ca?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = (url.startsWith('https:') ? https : http).get(url, { ca, timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
  });
}
