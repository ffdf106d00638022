/**
 * Run `work` once nothing has happened for `quietMs`: `happened` is a count that moves with
 * every piece of traffic (deals committed, changes heard). For work that holds the event loop
 * a while and can wait, such as loading a large library before anyone needs it: started in a
 * rush (a node restarted mid-event), it would stall every ack and board update in flight.
 * Checked every `checkMs`; returns a function that stops waiting.
 */
export function whenQuiet(happened: () => number, work: () => void, quietMs = 5_000, checkMs = 500): () => void {
  let seen = happened();
  let stillSince = Date.now();
  const timer = setInterval(() => {
    const now = happened();
    if (now !== seen) {
      seen = now;
      stillSince = Date.now();
      return;
    }
    if (Date.now() - stillSince < quietMs) return;
    clearInterval(timer);
    work();
  }, checkMs);
  timer.unref();
  return () => clearInterval(timer);
}
