import net from 'node:net';

/**
 * A free loopback port, found by letting the OS pick one. Its own file, with nothing else
 * imported, so the benchmark and the PostgreSQL helper use it outside the test runner too.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
