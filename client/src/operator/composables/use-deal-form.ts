import { computed, ref, watch, type Ref } from 'vue';
import { dealInputSchema, groupThousands, parseDealAmount, slipGuardThreshold, type DealInput, type DealKind, type PublicBooth, type PublicEvent } from '@dealboard/shared';
import { uuidv4 } from '../../lib/uuid';
import { readStoredJson, STORAGE_KEYS, writeStored } from '../../lib/storage';

export type DealField = 'amount' | 'category' | 'kind' | 'seller' | 'buyer' | 'buyerDelegation' | 'quantity' | 'unit' | 'note';

/** Choices that carry over from one deal to the next (and across a reload): a booth sells to the same buyer all hour. */
type Choices = { eventId: string; category: string | null; kind: DealKind; seller: string; buyer: string; buyerDelegation: string; unit: string };
const isChoices = (x: unknown): x is Choices => typeof x === 'object' && x !== null && typeof (x as Choices).eventId === 'string';

/** Quantity the Indonesian way: `2`, `2,5`, `1.000`. Empty means none. */
export function parseQuantity(text: string): { ok: true; value: number | undefined } | { ok: false } {
  const s = text.trim();
  if (s === '') return { ok: true, value: undefined };
  if (!/^(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/.test(s)) return { ok: false };
  const value = Number(s.replace(/\./g, '').replace(',', '.'));
  return value > 0 && value <= 1e12 ? { ok: true, value } : { ok: false };
}

/** What an "Ubah" (edit) carries over from an earlier deal into the form. */
export type DealValues = {
  amount: number;
  categoryId: string;
  kind: DealKind;
  seller: string;
  buyer: string;
  buyerDelegationId?: string | null;
  quantity?: number | null;
  unit?: string | null;
  note?: string | null;
};

/** Why a large amount needs a second look: the event's threshold, or ten times what this booth usually records. */
export type SlipReason = { kind: 'threshold'; at: number } | { kind: 'typical'; typical: number };

/**
 * State and rules of the deal form, apart from how it looks. `typical` is the booth's
 * typical deal (median of its recorded ones), or null while it has too few.
 */
export function useDealForm(event: Ref<PublicEvent>, booth: Ref<PublicBooth>, typical: Ref<number | null> = ref(null)) {
  const saved = readStoredJson(STORAGE_KEYS.formChoices, isChoices);
  const carry = saved && saved.eventId === event.value.id ? saved : null;
  const categoryIds = () => event.value.categories.map((c) => c.id);

  const amountText = ref('');
  const amountTouched = ref(false);
  const category = ref<string | null>(carry?.category && categoryIds().includes(carry.category) ? carry.category : null);
  const kind = ref<DealKind>(carry?.kind ?? 'trade');
  const seller = ref(carry?.seller ?? '');
  const buyer = ref(carry?.buyer ?? '');
  const buyerDelegation = ref(carry?.buyerDelegation ?? defaultBuyerDelegation());
  const quantityText = ref('');
  const unit = ref(carry?.unit ?? '');
  const note = ref('');
  /** The field the server (or the schema) pointed at in its last refusal. */
  const flagged = ref<DealField | null>(null);

  function defaultBuyerDelegation(): string {
    const others = event.value.delegations.filter((d) => d.id !== booth.value.delegationId);
    return others.length === 1 && others[0] ? others[0].id : '';
  }

  const amount = computed(() => parseDealAmount(amountText.value));
  const quantity = computed(() => parseQuantity(quantityText.value));
  const missing = computed(() => {
    const m: DealField[] = [];
    if (!amount.value.ok && amount.value.error.code === 'empty') m.push('amount');
    if (!category.value) m.push('category');
    if (!seller.value.trim()) m.push('seller');
    if (!buyer.value.trim()) m.push('buyer');
    return m;
  });
  const canSubmit = computed(() => amount.value.ok && missing.value.length === 0 && quantity.value.ok);
  /** At or above this an amount needs a deliberate confirmation (event setting; default 10% of the target). */
  const slipGuardAt = computed(() => slipGuardThreshold(event.value.target, event.value.settings));
  const slipReason = computed<SlipReason | null>(() => {
    if (!amount.value.ok) return null;
    if (amount.value.value >= slipGuardAt.value) return { kind: 'threshold', at: slipGuardAt.value };
    const usual = typical.value;
    if (usual && amount.value.value >= usual * 10) return { kind: 'typical', typical: usual };
    return null;
  });
  const needsConfirmation = computed(() => slipReason.value !== null);

  watch([category, kind, seller, buyer, buyerDelegation, unit], () => {
    const choices: Choices = {
      eventId: event.value.id,
      category: category.value,
      kind: kind.value,
      seller: seller.value,
      buyer: buyer.value,
      buyerDelegation: buyerDelegation.value,
      unit: unit.value,
    };
    writeStored(STORAGE_KEYS.formChoices, JSON.stringify(choices));
  });
  // Any edit clears the old refusal's highlight.
  watch([amountText, category, kind, seller, buyer, buyerDelegation, quantityText, unit, note], () => (flagged.value = null));

  /** The deal to send, with a fresh id; or the field that is wrong. */
  function build(): { ok: true; deal: DealInput } | { ok: false; field: DealField } {
    amountTouched.value = true;
    if (!amount.value.ok) return { ok: false, field: 'amount' };
    const q = quantity.value;
    if (!q.ok) return { ok: false, field: 'quantity' };
    const deal: DealInput = {
      id: uuidv4(),
      amount: amount.value.value,
      category: category.value ?? '',
      kind: kind.value,
      seller: seller.value.trim(),
      buyer: buyer.value.trim(),
      createdAt: new Date().toISOString(),
      ...(buyerDelegation.value ? { buyerDelegation: buyerDelegation.value } : {}),
      ...(q.value !== undefined ? { quantity: q.value } : {}),
      ...(unit.value.trim() ? { unit: unit.value.trim() } : {}),
      ...(note.value.trim() ? { note: note.value.trim() } : {}),
    };
    // The same schema the server applies: refuse here what it would refuse there.
    const checked = dealInputSchema.safeParse(deal);
    if (!checked.success) return { ok: false, field: (checked.error.issues[0]?.path[0] as DealField | undefined) ?? 'amount' };
    return { ok: true, deal };
  }

  /** Fill the form from an earlier deal (an edit). The deal sent from it gets a new id, like every other. */
  function prefill(v: DealValues): void {
    amountText.value = groupThousands(String(v.amount));
    amountTouched.value = true;
    if (categoryIds().includes(v.categoryId)) category.value = v.categoryId;
    kind.value = v.kind;
    seller.value = v.seller;
    buyer.value = v.buyer;
    buyerDelegation.value = v.buyerDelegationId ?? '';
    quantityText.value = v.quantity ? String(v.quantity).replace('.', ',') : '';
    unit.value = v.unit ?? '';
    note.value = v.note ?? '';
  }

  /** After a deal is recorded: ready for the next one, same booth choices. */
  function clearForNext(): void {
    amountText.value = '';
    amountTouched.value = false;
    quantityText.value = '';
    note.value = '';
  }

  return {
    amountText,
    amountTouched,
    amount,
    category,
    kind,
    seller,
    buyer,
    buyerDelegation,
    quantityText,
    quantity,
    unit,
    note,
    flagged,
    missing,
    canSubmit,
    needsConfirmation,
    slipReason,
    build,
    prefill,
    clearForNext,
  };
}
