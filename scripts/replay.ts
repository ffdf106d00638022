// Replay a closed event's deals onto a rehearsal copy, for rehearsing screens or a recap video.
// npm run replay -- --from <closedEventId> --speed 10
import { parseArgs } from 'node:util';
import type { ReplayProgress } from '@dealboard/shared';
import { apiClient, defaultUrl, refusal } from './lib/client.js';

const HELP = `Replay a closed event's deals onto a rehearsal copy (its board shows a REPLAY badge).

  npm run replay -- --from <closedEventId> [--speed 1|10|60] [--url URL] [--admin-token TOKEN]

  --from          the closed event to replay (required)
  --speed         1, 10 or 60 times the original timing (default 10)
  --url           the server (default: PUBLIC_URL or http://127.0.0.1:PORT from .env)
  --admin-token   the admin token (default: ADMIN_TOKEN from the environment or .env)
  --help          this text

Ctrl-C stops the replay; the deals already replayed stay on the copy (a rehearsal: wipe it in the console).`;

const { values: args } = parseArgs({
  options: {
    from: { type: 'string' },
    speed: { type: 'string', default: '10' },
    url: { type: 'string', default: defaultUrl() },
    'admin-token': { type: 'string', default: process.env.ADMIN_TOKEN ?? '' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

async function main() {
  if (args.help) return console.log(HELP);
  if (!args.from) throw new Error(`Give the event to replay: --from <closedEventId>\n\n${HELP}`);
  const speed = Number(args.speed);
  if (![1, 10, 60].includes(speed)) throw new Error('--speed must be 1, 10 or 60');
  const token = args['admin-token'];
  if (!token) throw new Error('Give the admin token: --admin-token <token> or ADMIN_TOKEN=<token>');
  const call = apiClient(args.url);
  const started = await call<ReplayProgress>('POST', `/api/v1/events/${encodeURIComponent(args.from)}/replay`, { speed }, token);
  if (started.status !== 201) throw new Error(`Could not start the replay: ${refusal(started)}`);
  const { id, eventId, total } = started.body;
  console.log(`Replaying ${total} deals of "${args.from}" at ${speed}× onto "${eventId}": board ${args.url}/board/${eventId}. Ctrl-C to stop.`);
  let stopping = false;
  process.once('SIGINT', () => {
    stopping = true;
    void call<ReplayProgress>('POST', `/api/v1/replays/${id}/stop`, undefined, token).then((r) => {
      console.log(`Stopped: ${r.body.sent} of ${r.body.total} deals replayed.`);
      process.exit(0);
    });
  });
  let shown = -1;
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    if (stopping) continue;
    const p = (await call<ReplayProgress>('GET', `/api/v1/replays/${id}`, undefined, token)).body;
    if (p.sent + p.failed !== shown) console.log(`  ${p.sent} of ${p.total} deals replayed${p.failed ? `, ${p.failed} refused` : ''}`);
    shown = p.sent + p.failed;
    if (p.state !== 'running' && p.sent + p.failed >= p.total) return console.log(`Done: ${p.sent} deals replayed${p.failed ? `, ${p.failed} refused` : ''}.`);
    if (p.state === 'stopped') return console.log('The replay was stopped.');
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
