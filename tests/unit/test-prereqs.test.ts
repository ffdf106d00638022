import { describe, expect, it } from 'vitest';
import { planPrerequisites } from '../../scripts/lib/test-prereqs.js';

const all = new Set(['chromium', 'postgresql', 'redis-server']);

describe('npm test on a fresh machine', () => {
  it('runs at once when Chromium, PostgreSQL and Redis are all there', () => {
    expect(planPrerequisites({ present: all, isRoot: false, hasAptGet: false })).toEqual({ action: 'run' });
  });

  it('installs only what is missing when it can (root, apt-get)', () => {
    const present = new Set(['chromium', 'postgresql']);
    expect(planPrerequisites({ present, isRoot: true, hasAptGet: true })).toEqual({ action: 'install', packages: ['redis-server'] });
  });

  it('stops with the one command to run when it cannot install', () => {
    const plan = planPrerequisites({ present: new Set(), isRoot: false, hasAptGet: true });
    expect(plan).toEqual({
      action: 'stop',
      missing: ['Chromium', 'PostgreSQL', 'Redis'],
      command: 'sudo apt-get update && sudo apt-get install -y chromium postgresql redis-server',
    });
    expect(planPrerequisites({ present: new Set(['chromium']), isRoot: true, hasAptGet: false }).action).toBe('stop');
  });
});
