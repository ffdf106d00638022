import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublicEvent } from '@dealboard/shared';
import type { Store } from '../../store/db.js';
import type { EventsRepo } from '../events/events-repo.js';
import type { BoothsRepo } from './booths-repo.js';
import { storeWithEvent } from '../../../../tests/support/ledger-store.js';

let store: Store;
let events: EventsRepo;
let booths: BoothsRepo;
let event: PublicEvent;

beforeEach(async () => {
  ({ store, events, booths, event } = await storeWithEvent());
});
afterEach(() => store.close());

// A token is looked up on every deal, so the answer is remembered; these check it never outlives a change.
describe('BoothsRepo.findByToken', () => {
  it('answers a known token with its booth, and an unknown one with nothing', async () => {
    const { token, booth } = await booths.create(event.id, { name: 'Stan Madu', delegation: 'Jatim' });
    expect(await booths.findByToken(token)).toMatchObject({ id: booth.id, name: 'Stan Madu', delegationName: 'Jatim', revoked: false });
    expect(await booths.findByToken(token)).toMatchObject({ id: booth.id });
    expect(await booths.findByToken('t'.repeat(43))).toBeUndefined();
  });

  it('sees a revoke, a rotate and a rename at once, even right after the token was used', async () => {
    const { token, booth } = await booths.create(event.id, { name: 'Stan Rotan', delegation: 'Kalsel' });
    await booths.findByToken(token);
    await booths.update(event.id, booth.id, { name: 'Stan Rotan Amuntai' }, 'admin');
    expect((await booths.findByToken(token))?.name).toBe('Stan Rotan Amuntai');
    await booths.revoke(event.id, booth.id, 'admin');
    expect((await booths.findByToken(token))?.revoked).toBe(true);
    const { token: fresh } = await booths.rotate(event.id, booth.id, 'admin');
    expect(await booths.findByToken(token)).toBeUndefined();
    expect((await booths.findByToken(fresh))?.revoked).toBe(false);
  });

  it('follows a delegation renamed in the event settings', async () => {
    const { token } = await booths.create(event.id, { name: 'Stan Sapi', delegation: 'Jatim' });
    expect((await booths.findByToken(token))?.delegationName).toBe('Jatim');
    const delegations = event.delegations.map((d) => (d.name === 'Jatim' ? { id: d.id, name: 'Jawa Timur' } : d));
    await events.updateEvent(event.id, { delegations }, 'admin');
    expect((await booths.findByToken(token))?.delegationName).toBe('Jawa Timur');
  });

  it('does not keep an answer read just before a revoke', async () => {
    const { token, booth } = await booths.create(event.id, { name: 'Stan Kopi', delegation: 'Jatim' });
    const [before] = await Promise.all([booths.findByToken(token), booths.revoke(event.id, booth.id, 'admin')]);
    expect(before).toBeDefined();
    expect((await booths.findByToken(token))?.revoked).toBe(true);
  });
});
