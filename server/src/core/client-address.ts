import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

export type TrustProxy = boolean | number | string[];

/**
 * Who is on the other end of a request or socket handshake. `X-Forwarded-For` is
 * believed only as far as TRUST_PROXY says (the same rule Express applies to
 * `req.ip`); by default it is ignored, so a client cannot pick a fresh address per
 * request and walk past a limit kept per address.
 */
export function addressResolver(trust: TrustProxy): (req: IncomingMessage) => string {
  const fn =
    trust === true ? () => true : trust === false ? () => false : typeof trust === 'number' ? (_a: string, i: number) => i < trust : proxyaddr.compile(trust);
  return (req) => {
    try {
      return proxyaddr(req, fn);
    } catch {
      return req.socket?.remoteAddress ?? 'unknown';
    }
  };
}
