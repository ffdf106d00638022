import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { ConfigError, type Config } from './config.js';

/**
 * The server the application runs on: TLS when HTTPS_CERT and HTTPS_KEY name PEM files
 * (a service worker, wake lock and an installable tablet need a secure origin), else plain
 * http exactly as before.
 *
 * A client that sends its headers (or its body) a byte at a time must not hold a connection
 * for ever: the headers have HEADERS_TIMEOUT_MS, the whole request REQUEST_TIMEOUT_MS, and
 * Node looks for overdue connections every second instead of its default 30 s.
 */
export function createServer(
  config: Pick<Config, 'HTTPS_CERT' | 'HTTPS_KEY' | 'HEADERS_TIMEOUT_MS' | 'REQUEST_TIMEOUT_MS'>,
): { server: http.Server; scheme: 'http' | 'https' } {
  const timeouts = {
    headersTimeout: config.HEADERS_TIMEOUT_MS,
    requestTimeout: Math.max(config.REQUEST_TIMEOUT_MS, config.HEADERS_TIMEOUT_MS),
    connectionsCheckingInterval: 1000,
  };
  if (!config.HTTPS_CERT || !config.HTTPS_KEY) return { server: http.createServer(timeouts), scheme: 'http' };
  const cert = readPem(config.HTTPS_CERT, 'HTTPS_CERT');
  const key = readPem(config.HTTPS_KEY, 'HTTPS_KEY');
  try {
    return { server: https.createServer({ cert, key, ...timeouts }), scheme: 'https' };
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
