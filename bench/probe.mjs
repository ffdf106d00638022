// Preloaded (`--import`) into each server under test: answers the bench's IPC
// requests with memory, event-loop delay and CPU figures. Adds nothing else; a
// server started without an IPC channel ignores it.
//
// The figures cover the "active" periods only (reset → pause/resume → read), so a
// scenario that alternates between two servers measures each only while it is loaded.
import { monitorEventLoopDelay } from 'node:perf_hooks';

if (process.send) {
  const eld = monitorEventLoopDelay({ resolution: 5 });
  let active = false;
  let cpuAcc = 0;
  let wallAcc = 0;
  let cpuMark = process.cpuUsage();
  let wallMark = performance.now();
  const ms = (ns) => ns / 1e6;
  const resume = () => {
    if (active) return;
    eld.enable();
    cpuMark = process.cpuUsage();
    wallMark = performance.now();
    active = true;
  };
  const pause = () => {
    if (!active) return;
    eld.disable();
    const c = process.cpuUsage(cpuMark);
    cpuAcc += (c.user + c.system) / 1000;
    wallAcc += performance.now() - wallMark;
    active = false;
  };
  const handlers = {
    'probe:reset'() {
      pause();
      eld.reset();
      cpuAcc = 0;
      wallAcc = 0;
      resume();
      return true;
    },
    'probe:pause'() {
      pause();
      return true;
    },
    'probe:resume'() {
      resume();
      return true;
    },
    'probe:read'(p) {
      if (p?.gc && typeof globalThis.gc === 'function') {
        globalThis.gc();
        globalThis.gc();
      }
      const mem = process.memoryUsage();
      let cpuMs = cpuAcc;
      let wallMs = wallAcc;
      if (active) {
        const c = process.cpuUsage(cpuMark);
        cpuMs += (c.user + c.system) / 1000;
        wallMs += performance.now() - wallMark;
      }
      const n = eld.count;
      return {
        rss: mem.rss,
        heapUsed: mem.heapUsed,
        heapTotal: mem.heapTotal,
        external: mem.external,
        arrayBuffers: mem.arrayBuffers,
        eld: n ? { p50: ms(eld.percentile(50)), p99: ms(eld.percentile(99)), max: ms(eld.max), mean: ms(eld.mean), n } : { p50: NaN, p99: NaN, max: NaN, mean: NaN, n },
        cpu: { cpuMs, wallMs, share: wallMs ? cpuMs / wallMs : NaN },
      };
    },
  };
  resume();
  process.on('message', (m) => {
    if (!m || typeof m.rpc !== 'number' || !(m.type in handlers)) return;
    try {
      process.send({ rpc: m.rpc, ok: true, result: handlers[m.type](m.payload) });
    } catch (e) {
      process.send({ rpc: m.rpc, ok: false, error: String(e) });
    }
  });
  // The orchestrator gone (even killed): stop too, so nothing is left listening.
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  process.channel?.unref();
}
