import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JoinCards } from './join-cards.js';

const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'join-cards-'));
const TOKEN = 'qtoVvBTez8NsdzjqLVw6rbj_iunyxStWjVA9r5iRb8U';

describe('join cards', () => {
  it('opens what it sealed, with the same key file after a restart, and the sealed text does not contain the token', () => {
    const d = dir();
    const sealed = JoinCards.open({ dataDir: d }).seal(TOKEN);
    expect(sealed).not.toContain(TOKEN);
    expect(JoinCards.open({ dataDir: d }).unseal(sealed)).toBe(TOKEN);
    expect(fs.statSync(path.join(d, 'join-card.key')).mode & 0o777).toBe(0o600);
  });

  it('cannot open a card under another key, nor one that was tampered with', () => {
    const sealed = JoinCards.open({ secret: 'the-venue-secret-one', dataDir: dir() }).seal(TOKEN);
    expect(JoinCards.open({ secret: 'the-venue-secret-two', dataDir: dir() }).unseal(sealed)).toBeUndefined();
    expect(JoinCards.open({ dataDir: dir() }).unseal(sealed)).toBeUndefined();
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    expect(JoinCards.open({ secret: 'the-venue-secret-one', dataDir: dir() }).unseal([...parts.slice(0, 3), body.toString('base64url')].join('.'))).toBeUndefined();
    expect(JoinCards.open({ secret: 'the-venue-secret-one', dataDir: dir() }).unseal(null)).toBeUndefined();
  });
});
