import { ref, watch, type Ref } from 'vue';
import { SEED_CATEGORIES, type EventStatus, type EventUpdateInput, type PublicEvent } from '@dealboard/shared';
import type { EventDraft } from '../stores/events';
import { localProblem, type Problem } from '../lib/problem';
import { isValidZone, isoToLocal, localToIso } from '../lib/zoned-time';

/** A category or delegation row in the form; `id` set for the ones the server already has. */
export type RefRow = { key: number; id?: string; name: string };

let nextKey = 1;
/** A row for the form; without `id` it is a new name. */
export const newRefRow = (name: string, id?: string): RefRow => ({ key: nextKey++, name, ...(id ? { id } : {}) });
const row = newRefRow;
const DEFAULT_ZONE = 'Asia/Jakarta';

/** The next whole hour in `timeZone`, as a `datetime-local` value. */
function nextHour(timeZone: string, plusHours = 0): string {
  const ms = Math.ceil(Date.now() / 3_600_000) * 3_600_000 + plusHours * 3_600_000;
  return isoToLocal(new Date(ms).toISOString(), timeZone);
}

/** "25, 50, 75, 100" → [0.25, 0.5, 0.75, 1]; null when a part is not a positive number. */
export function parseMilestones(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).map((p) => p.replace(/%$/, '')).filter(Boolean);
  const values = parts.map(Number);
  if (values.some((v) => !Number.isFinite(v) || v <= 0 || v > 1000) || values.length > 20) return null;
  return [...new Set(values)].sort((a, b) => a - b).map((v) => Math.round(v * 100) / 10_000);
}

export const formatMilestones = (fractions: number[]) => fractions.map((f) => String(Math.round(f * 10_000) / 100)).join(', ');

/**
 * The event form's state, its checks (named like the server's fields, so either
 * side's error lands next to the same input) and the bodies it sends.
 */
export function useEventDraft(source: Ref<PublicEvent | null>) {
  const name = ref('');
  const venue = ref('');
  const target = ref<number | null>(null);
  const timezone = ref(DEFAULT_ZONE);
  const startsLocal = ref('');
  const endsLocal = ref('');
  const milestonesText = ref('');
  const categories = ref<RefRow[]>([]);
  const delegations = ref<RefRow[]>([]);
  const status = ref<EventStatus>('draft');

  function reset(): void {
    const e = source.value;
    name.value = e?.name ?? '';
    venue.value = e?.venue ?? '';
    target.value = e?.target ?? null;
    timezone.value = e?.timezone ?? DEFAULT_ZONE;
    startsLocal.value = e ? isoToLocal(e.startsAt, e.timezone) : nextHour(DEFAULT_ZONE);
    endsLocal.value = e ? isoToLocal(e.endsAt, e.timezone) : nextHour(DEFAULT_ZONE, 1);
    milestonesText.value = formatMilestones(e?.milestones ?? [0.25, 0.5, 0.75, 1]);
    categories.value = e ? e.categories.map((c) => row(c.name, c.id)) : SEED_CATEGORIES.map((c) => row(c));
    delegations.value = e ? e.delegations.map((d) => row(d.name, d.id)) : [];
    status.value = e?.status ?? 'draft';
  }
  watch(() => source.value?.id, reset, { immediate: true });

  /** The first thing to fix before sending, or null. */
  function check(): Problem | null {
    if (!name.value.trim()) return localProblem('name', 'Enter the event name.', 'Isi nama acara.');
    if (target.value === null || target.value <= 0) return localProblem('target', 'Enter a target above zero, e.g. 1,3 M.', 'Isi target lebih dari nol, mis. 1,3 M.');
    if (!isValidZone(timezone.value)) return localProblem('timezone', 'Unknown time zone.', 'Zona waktu tidak dikenal.');
    const starts = localToIso(startsLocal.value, timezone.value);
    const ends = localToIso(endsLocal.value, timezone.value);
    if (!starts) return localProblem('startsAt', 'Enter a date and time.', 'Isi tanggal dan jam.');
    if (!ends) return localProblem('endsAt', 'Enter a date and time.', 'Isi tanggal dan jam.');
    if (Date.parse(ends) <= Date.parse(starts)) return localProblem('endsAt', 'The end must be after the start.', 'Waktu selesai harus sesudah waktu mulai.');
    if (!parseMilestones(milestonesText.value)) return localProblem('milestones', 'Write percentages above 0, separated by commas.', 'Tulis angka persen lebih dari 0, dipisah koma.');
    if (categories.value.length === 0) return localProblem('categories', 'At least one category.', 'Paling sedikit satu kategori.');
    for (const [list, field] of [[categories.value, 'categories'], [delegations.value, 'delegations']] as const) {
      if (list.some((r) => !r.name.trim())) return localProblem(field, 'A name must not be empty.', 'Nama tidak boleh kosong.');
    }
    return null;
  }

  const names = (rows: RefRow[]) => rows.map((r) => r.name.trim());

  function createBody(): EventDraft {
    return {
      name: name.value.trim(),
      ...(venue.value.trim() ? { venue: venue.value.trim() } : {}),
      target: target.value ?? 0,
      startsAt: localToIso(startsLocal.value, timezone.value) ?? '',
      endsAt: localToIso(endsLocal.value, timezone.value) ?? '',
      timezone: timezone.value,
      categories: names(categories.value),
      delegations: names(delegations.value),
      milestones: parseMilestones(milestonesText.value) ?? [],
      status: status.value,
    };
  }

  /** Only what differs from the stored event (an unchanged field is not sent, nor logged). */
  function patchBody(): EventUpdateInput {
    const e = source.value;
    const refs = (rows: RefRow[]) => rows.map((r) => ({ ...(r.id ? { id: r.id } : {}), name: r.name.trim() }));
    const full: EventUpdateInput = {
      name: name.value.trim(),
      venue: venue.value.trim() || null,
      target: target.value ?? 0,
      startsAt: localToIso(startsLocal.value, timezone.value) ?? '',
      endsAt: localToIso(endsLocal.value, timezone.value) ?? '',
      timezone: timezone.value,
      milestones: parseMilestones(milestonesText.value) ?? [],
      categories: refs(categories.value),
      delegations: refs(delegations.value),
    };
    if (!e) return full;
    const before: EventUpdateInput = {
      name: e.name,
      venue: e.venue,
      target: e.target,
      startsAt: localToIso(isoToLocal(e.startsAt, e.timezone), e.timezone) ?? '',
      endsAt: localToIso(isoToLocal(e.endsAt, e.timezone), e.timezone) ?? '',
      timezone: e.timezone,
      milestones: e.milestones,
      categories: e.categories.map((c) => ({ id: c.id, name: c.name })),
      delegations: e.delegations.map((d) => ({ id: d.id, name: d.name })),
    };
    const changed = Object.entries(full).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k as keyof EventUpdateInput]));
    return Object.fromEntries(changed) as EventUpdateInput;
  }

  /** Names of stored categories and delegations the edit leaves out (they will be removed). */
  function removedNames(): string[] {
    const e = source.value;
    if (!e) return [];
    const kept = new Set([...categories.value, ...delegations.value].map((r) => r.id).filter(Boolean));
    return [...e.categories, ...e.delegations].filter((r) => !kept.has(r.id)).map((r) => r.name);
  }

  return { name, venue, target, timezone, startsLocal, endsLocal, milestonesText, categories, delegations, status, reset, check, createBody, patchBody, removedNames };
}
