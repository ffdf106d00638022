import { openDB, type DBSchema } from 'idb';
import type { ApiError, DealInput } from '@dealboard/shared';

/** `pending`: not yet acknowledged (it will be resent); `sent`: durably stored by the server; `rejected`: refused, needs a person. */
export type OutboxStatus = 'pending' | 'sent' | 'rejected';

export interface OutboxEntry {
  id: string;
  deal: DealInput;
  /** The booth token it was recorded under: a later QR scan must not resend it as another booth. */
  token: string;
  eventId: string;
  status: OutboxStatus;
  createdAt: number;
  /** When the server acknowledged it (tablet clock). */
  confirmedAt?: number;
  seq?: number;
  duplicate?: boolean;
  /** Stored, but the event holds deals this large for an organiser's approval before they count. */
  awaitingApproval?: boolean;
  error?: ApiError;
}

/** Where the tablet keeps deals until the server has them. Written before sending, so a reload loses nothing. */
export interface Outbox {
  put(entry: OutboxEntry): Promise<void>;
  /** Newest first. */
  list(): Promise<OutboxEntry[]>;
  remove(id: string): Promise<void>;
}

interface OutboxDb extends DBSchema {
  outbox: { key: string; value: OutboxEntry };
}

/** A plain copy: entries often come out of Vue state as proxies, which cannot be cloned into storage. */
const plain = (entry: OutboxEntry): OutboxEntry => JSON.parse(JSON.stringify(entry)) as OutboxEntry;

export function memoryOutbox(): Outbox {
  const rows = new Map<string, OutboxEntry>();
  return {
    async put(entry) {
      rows.set(entry.id, plain(entry));
    },
    async list() {
      return [...rows.values()].sort((a, b) => b.createdAt - a.createdAt).map(plain);
    },
    async remove(id) {
      rows.delete(id);
    },
  };
}

/**
 * IndexedDB in the page: service workers are unavailable on `http://192.168.x.y`, IndexedDB is not.
 * `name`: the database (one per tablet when several run in one process, as in the chaos suite).
 */
export async function idbOutbox(name = 'dealboard'): Promise<Outbox> {
  const db = await openDB<OutboxDb>(name, 1, {
    upgrade(d) {
      d.createObjectStore('outbox', { keyPath: 'id' });
    },
  });
  return {
    async put(entry) {
      await db.put('outbox', plain(entry));
    },
    async list() {
      return (await db.getAll('outbox')).sort((a, b) => b.createdAt - a.createdAt);
    },
    async remove(id) {
      await db.delete('outbox', id);
    },
  };
}

/** IndexedDB when the browser has it, else memory (the form still works, without surviving a reload). */
export async function openOutbox(): Promise<Outbox> {
  if (typeof indexedDB === 'undefined') return memoryOutbox();
  try {
    return await idbOutbox();
  } catch {
    return memoryOutbox();
  }
}
