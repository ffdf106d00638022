import os from 'node:os';

/** The machine's first LAN IPv4 address, so tablets on the venue Wi-Fi can reach it. */
export function lanAddress(): string | undefined {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.family === 'IPv4' && !a.internal) return a.address;
    }
  }
  return undefined;
}

/** Base URL printed and put in join links: PUBLIC_URL, else the LAN address, else localhost. */
export function publicBaseUrl(publicUrl: string | undefined, host: string, port: number, scheme: 'http' | 'https' = 'http'): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  const loopbackOnly = host === '127.0.0.1' || host === 'localhost' || host === '::1';
  const address = loopbackOnly ? '127.0.0.1' : (lanAddress() ?? '127.0.0.1');
  return `${scheme}://${address}:${port}`;
}
