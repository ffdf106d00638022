/**
 * What a programme's `seq` means: `base + Σ seq of its member events` (`programmeSeq` in
 * `@dealboard/shared`).
 *
 * Every member event's own `seq` rises by one per accepted change, so the sum rises with every
 * change of any venue, and anyone can check a programme's `seq` from `/programmes/:id/totals`
 * (its `base` and each venue's `seq`). Membership changes raise `base` in the same transaction,
 * by enough that the programme's `seq` still rises: adding an event whose seq is `s` adds `s`
 * to the sum, and `base` rises by 1 (the seq rises by s + 1); removing it takes `s` from the
 * sum, and `base` rises by s + 1 (the seq rises by 1). So the programme's `seq` never falls
 * and never names two different states, which is all a board's chain needs.
 */
export function membershipBump(change: 'add' | 'remove', eventSeq: number): number {
  return change === 'add' ? 1 : eventSeq + 1;
}
