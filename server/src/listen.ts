import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { ConfigError, type Config } from './config.js';

/**
 * The server the application runs on: TLS when HTTPS_CERT and HTTPS_KEY name PEM files
 * (a service worker, wake lock and an installable tablet need a secure origin), else plain
 * http exactly as before.
 */
export function createServer(config: Pick<Config, 'HTTPS_CERT' | 'HTTPS_KEY'>): { server: http.Server; scheme: 'http' | 'https' } {
  if (!config.HTTPS_CERT || !config.HTTPS_KEY) return { server: http.createServer(), scheme: 'http' };
  const cert = readPem(config.HTTPS_CERT, 'HTTPS_CERT');
  const key = readPem(config.HTTPS_KEY, 'HTTPS_KEY');
  try {
    return { server: https.createServer({ cert, key }), scheme: 'https' };
  } catch (e) {
    // Not PEM, or the key does not belong to the certificate.
    throw new ConfigError(`Invalid settings / Pengaturan tidak valid:\n  HTTPS_CERT/HTTPS_KEY: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function readPem(file: string, setting: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new ConfigError(`Invalid settings / Pengaturan tidak valid:\n  ${setting}: cannot read ${file} / tidak dapat dibaca (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

/**
 * HTTP_REDIRECT_PORT: plain http that sends every request to the same path over https, so a
 * tablet that types the bare address still lands on the secure page.
 */
export function startRedirectServer(port: number, host: string, httpsBase: (hostHeader: string | undefined) => string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    res.writeHead(308, { location: httpsBase(req.headers.host) + (req.url ?? '/'), 'cache-control': 'no-store' }).end();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
