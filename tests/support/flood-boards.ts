// A separate process that floods a server with `board:resync` from raw boards that never read,
// so the test's own event loop (which times /health) is not the one doing the flooding.
// Usage: node --import tsx flood-boards.ts <baseUrl> <eventId> <boards> <requests each>
import { rawBoard } from './raw-board.js';

const [base, eventId, boards, requests] = process.argv.slice(2) as [string, string, string, string];
const raws = [];
for (let i = 0; i < Number(boards); i++) raws.push(await rawBoard(base, eventId));
for (const r of raws) r.stopReading();
console.log('flooding');
await Promise.all(raws.map((r) => r.resync(Number(requests))));
console.log('sent');
const closed = await Promise.all(raws.map((r) => r.closedByServer(20_000)));
console.log(`closed ${closed.filter(Boolean).length}/${raws.length}`);
process.exit(0);
