import http from 'node:http';
import type { RequestHandler } from 'express';
import type { Metrics } from '../observability/metrics.js';

/** `GET /metrics`: the Prometheus text format. On the main port it sits behind the admin check. */
export function metricsHandler(metrics: Metrics): RequestHandler {
  return async (_req, res) => {
    const { contentType, body } = await metrics.render();
    res.setHeader('Cache-Control', 'no-store');
    res.type(contentType).send(body);
  };
}

/** Status codes of a deal POST that the intake never sees, and the reason they are counted under. */
const DOOR_REFUSALS: Record<number, string> = { 401: 'unauthorized', 413: 'payload_too_large' };

/**
 * On `POST …/deals`, before the body is read: a deal refused for its token or its size never
 * reaches the metered intake, so it is counted here when the answer goes out.
 */
export function countDoorRefusals(metrics: Metrics): RequestHandler {
  return (_req, res, next) => {
    res.once('finish', () => {
      const reason = DOOR_REFUSALS[res.statusCode];
      if (reason) metrics.refusedAtTheDoor(reason);
    });
    next();
  };
}

/**
 * `METRICS_PORT`: /metrics alone, without a token, on its own port, for a Prometheus that cannot
 * send the admin token. Bind it to loopback or a network only the organisers reach (`METRICS_HOST`).
 */
export function startMetricsServer(metrics: Metrics, port: number, host: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'not_found', message: 'Only GET /metrics here', pesan: 'Hanya GET /metrics di sini' } }));
      return;
    }
    metrics.render().then(
      ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body),
      () => res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'internal', message: 'Metrics unavailable', pesan: 'Metrik tidak tersedia' } })),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
