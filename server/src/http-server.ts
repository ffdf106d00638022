import http from 'node:http';
import type { Config } from './config.js';

/**
 * The HTTP server the application is wired onto. A client that sends its headers
 * (or its body) a byte at a time must not hold a connection for ever: the headers
 * have HEADERS_TIMEOUT_MS, the whole request REQUEST_TIMEOUT_MS, and Node looks for
 * overdue connections every second instead of its default 30 s.
 */
export function createHttpServer(config: Pick<Config, 'HEADERS_TIMEOUT_MS' | 'REQUEST_TIMEOUT_MS'>): http.Server {
  const server = http.createServer({
    headersTimeout: config.HEADERS_TIMEOUT_MS,
    requestTimeout: Math.max(config.REQUEST_TIMEOUT_MS, config.HEADERS_TIMEOUT_MS),
    connectionsCheckingInterval: 1000,
  });
  return server;
}
