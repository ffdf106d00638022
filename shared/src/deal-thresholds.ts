import type { EventSettings } from './schemas/settings.js';

type ThresholdSettings = Partial<Pick<EventSettings, 'slipGuardThreshold' | 'approvalThreshold' | 'approvalRequired'>> | undefined;

/**
 * From this amount on the tablet asks "is this amount right?" before sending: the event's
 * `slipGuardThreshold`, or a tenth of the target when the organisers set none.
 */
export function slipGuardThreshold(target: number, settings: ThresholdSettings): number {
  return settings?.slipGuardThreshold ?? Math.ceil(target / 10);
}

/**
 * From this amount on a deal waits for an organiser's approval before it counts; null when
 * the event does not hold deals for approval. Without its own threshold it is the slip guard's.
 */
export function approvalThreshold(target: number, settings: ThresholdSettings): number | null {
  if (!settings?.approvalRequired) return null;
  return settings.approvalThreshold ?? slipGuardThreshold(target, settings);
}

/** Whether the ledger holds a deal of `amount` for approval (the tablet says so before it is sent). */
export function needsApproval(amount: number, target: number, settings: ThresholdSettings): boolean {
  const at = approvalThreshold(target, settings);
  return at !== null && amount >= at;
}
