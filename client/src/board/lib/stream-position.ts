import { COMPLETE, decodeUpdate, nextStep, stepTo, type BoardSnapshot, type BoardUpdate } from '@dealboard/shared';

type Decoded = NonNullable<ReturnType<typeof decodeUpdate>>;

/**
 * Where a board stands on its event's update stream, and what it needs to read the next
 * update: the key table (from its snapshot, grown by updates), the part of the updates at
 * its `seq` it applied (`COMPLETE` after a snapshot; see `nextStep`), and, between a connect
 * and the socket's snapshot, the snapshot the page came with (the phone view's), shown meanwhile.
 */
export class StreamPosition {
  keys: string[] = [];
  private part = COMPLETE;
  private awaiting = false;
  private previewSeq: number | null = null;

  /** A socket is being opened: its snapshot is awaited, and the page's own may be shown until then. */
  connecting(): void {
    this.awaiting = true;
    this.previewSeq = null;
  }

  /** A whole snapshot is shown (from the socket, the page or the local cache). */
  shown(snap: BoardSnapshot): void {
    this.keys = Array.isArray(snap.keys) ? [...snap.keys] : [];
    this.part = COMPLETE;
  }

  /** Whether the page's snapshot may still be shown (no socket snapshot yet); notes its `seq` when so. */
  preview(snap: BoardSnapshot): boolean {
    if (!this.awaiting) return false;
    this.previewSeq = snap.seq;
    return true;
  }

  /**
   * The socket's snapshot came. False when it is older than the page's shown meanwhile: then
   * only its keys are taken and the page's figures stay (an update applies on either: both are
   * whole snapshots read from the ledger).
   */
  socketSnapshot(snap: BoardSnapshot): boolean {
    const older = this.previewSeq !== null && snap.seq < this.previewSeq;
    this.awaiting = false;
    this.previewSeq = null;
    if (older) this.keys = [...snap.keys];
    return !older;
  }

  /** An update read against a board at `seq`: what it changes, `old` (nothing to do), or `gap` (resync). */
  read(seq: number, update: BoardUpdate): Decoded | 'old' | 'gap' {
    const step = nextStep({ seq, part: this.part }, update);
    if (step === 'old') {
      // Keys never change index: one an update already shown defines is still worth knowing.
      for (const [i, k] of update.keys ?? []) this.keys[i] = k;
      return 'old';
    }
    const decoded = step === 'apply' ? decodeUpdate(update, this.keys) : null;
    if (!decoded) return 'gap';
    this.part = stepTo(update).part;
    return decoded;
  }

  reset(): void {
    this.awaiting = false;
    this.previewSeq = null;
  }
}
