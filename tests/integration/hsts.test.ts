import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestCertificate } from '../support/process.js';
import { startServer, type TestServer } from '../support/server.js';

/** Issue 29 §7: HSTS over HTTPS for a host name, never for a bare address, localhost or plain http. */
const cert = makeTestCertificate();
const servers: TestServer[] = [];
const start = async (env: Record<string, string>) => {
  const s = await startServer({ env });
  servers.push(s);
  return s;
};
afterAll(async () => {
  for (const s of servers) await s.stop();
});

/** The Strict-Transport-Security header a GET to `url` carries, asked with `host` as the Host header. */
function hstsOf(url: string, host: string): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    https
      .get(`${url}/api/v1/health`, { headers: { host }, rejectUnauthorized: false }, (res) => {
        res.resume();
        resolve(res.headers['strict-transport-security'] as string | undefined);
      })
      .on('error', reject);
  });
}

let tls: TestServer;
beforeAll(async () => {
  tls = await start({ HTTPS_CERT: cert.certFile, HTTPS_KEY: cert.keyFile });
});

describe('HSTS', () => {
  it('is sent over HTTPS to a host name, with the default max-age', async () => {
    const url = tls.url.replace('http:', 'https:');
    expect(await hstsOf(url, 'papan.misidagang.id')).toBe('max-age=15552000');
    expect(await hstsOf(url, 'papan.misidagang.id:8443')).toBe('max-age=15552000');
  });

  it('is never sent to a bare IPv4 or IPv6 address or localhost', async () => {
    const url = tls.url.replace('http:', 'https:');
    for (const host of ['192.168.1.10', '192.168.1.10:3000', '[::1]:3000', '[fe80::1]', 'localhost', 'localhost:3000']) expect(await hstsOf(url, host), host).toBeUndefined();
  });

  it('follows HSTS_MAX_AGE, and 0 turns it off', async () => {
    const year = await start({ HTTPS_CERT: cert.certFile, HTTPS_KEY: cert.keyFile, HSTS_MAX_AGE: '31536000' });
    expect(await hstsOf(year.url.replace('http:', 'https:'), 'papan.misidagang.id')).toBe('max-age=31536000');
    const off = await start({ HTTPS_CERT: cert.certFile, HTTPS_KEY: cert.keyFile, HSTS_MAX_AGE: '0' });
    expect(await hstsOf(off.url.replace('http:', 'https:'), 'papan.misidagang.id')).toBeUndefined();
  });

  it('is never sent over plain http', async () => {
    const plain = await start({});
    const res = await fetch(`${plain.url}/api/v1/health`, { headers: { host: 'papan.misidagang.id' } });
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });
});
