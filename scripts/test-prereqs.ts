import { spawnSync } from 'node:child_process';
import { planPrerequisites, readMachine } from './lib/test-prereqs.js';

// Runs before `npm test`: quick when everything is here.
const plan = planPrerequisites(readMachine());
if (plan.action === 'stop') {
  console.error(`The tests need ${plan.missing.join(', ')}, which this machine lacks. Install with:\n\n  ${plan.command}\n\nthen run npm test again.`);
  process.exit(1);
}
if (plan.action === 'install') {
  console.log(`Installing ${plan.packages.join(', ')} from Debian for the browser, PostgreSQL and cluster tests…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-q'], ['install', '-y', '-q', ...plan.packages]]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) {
      console.error(`apt-get ${args[0]} failed; install by hand: apt-get update && apt-get install -y ${plan.packages.join(' ')}`);
      process.exit(1);
    }
  }
}
