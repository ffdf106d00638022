import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A server a suite starts for itself on a random loopback port, stops and starts again, and removes. */
export interface ThrowawayServer<StopMode extends string> {
  port: number;
  url: string;
  /** Stop it (the modes are the server's own; one of them is crash-like). */
  stop(mode?: StopMode): Promise<void>;
  /** Start it again on the same port (and, for one that keeps any, the same files). */
  start(): Promise<void>;
  /** Stop it and remove its folder. */
  destroy(): Promise<void>;
}

/** A fresh temporary folder of its own. */
export function throwawayDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
