import fs from 'node:fs';
import { spawnSync } from 'node:child_process';

// What `npm test` needs beyond npm: Debian's Chromium (browser suites), PostgreSQL's binaries
// (the PostgreSQL and cluster suites start throwaway clusters) and redis-server (the cluster
// suite's Redis half). Checked before the run, so a fresh machine is set up by the test command
// itself, or told at once the one command that sets it up.

export interface Prerequisite {
  name: string;
  /** The Debian package that provides it. */
  pkg: string;
}

export const PREREQUISITES: readonly Prerequisite[] = [
  { name: 'Chromium', pkg: 'chromium' },
  { name: 'PostgreSQL', pkg: 'postgresql' },
  { name: 'Redis', pkg: 'redis-server' },
];

export interface Machine {
  /** Packages whose programs are already here. */
  present: ReadonlySet<string>;
  isRoot: boolean;
  hasAptGet: boolean;
}

export type Plan = { action: 'run' } | { action: 'install'; packages: string[] } | { action: 'stop'; command: string; missing: string[] };

/** Run as is, install what is missing (root with apt-get), or stop naming the one command to run. */
export function planPrerequisites(machine: Machine): Plan {
  const missing = PREREQUISITES.filter((p) => !machine.present.has(p.pkg));
  if (missing.length === 0) return { action: 'run' };
  const packages = missing.map((p) => p.pkg);
  if (machine.isRoot && machine.hasAptGet) return { action: 'install', packages };
  const command = `sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`;
  return { action: 'stop', command, missing: missing.map((p) => p.name) };
}

function onPath(program: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0;
}

/** What this machine has, read from the places the suites look. */
export function readMachine(): Machine {
  const present = new Set<string>();
  if (fs.existsSync('/usr/bin/chromium')) present.add('chromium');
  const pgRoot = '/usr/lib/postgresql';
  if (fs.existsSync(pgRoot) && fs.readdirSync(pgRoot).some((v) => fs.existsSync(`${pgRoot}/${v}/bin/initdb`))) present.add('postgresql');
  if (onPath('redis-server')) present.add('redis-server');
  return { present, isRoot: process.getuid?.() === 0, hasAptGet: onPath('apt-get') };
}
