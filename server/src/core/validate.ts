import type { z } from 'zod';
import { DomainError } from './errors.js';

/** Parse untrusted input with a schema; refuse with the first problem named, in both languages. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  if (input === undefined || input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new DomainError('bad_request', 'The request body must be a JSON object', 'Isi permintaan harus berupa objek JSON');
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path.map(String).join('.') || undefined;
  const label = field ? `${field}: ` : '';
  return throwInvalid(`${label}${issue.message}`, `${label}${indonesian(issue)}`, field);
}

/**
 * Parse a query string with a schema. Every route that reads query parameters goes
 * through here: a bad one is a 400 naming the parameter, never a 500 further down.
 */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const result = schema.safeParse(query ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path.map(String).join('.') || undefined;
  const label = field ? `query parameter ${field}: ` : 'query: ';
  const labelId = field ? `parameter kueri ${field}: ` : 'kueri: ';
  return throwInvalid(`${label}${issue.message}`, `${labelId}${indonesian(issue)}`, field);
}

function throwInvalid(message: string, pesan: string, field: string | undefined): never {
  throw new DomainError('validation_failed', message, pesan, field);
}

function indonesian(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'wajib diisi' : `jenis isian salah (seharusnya ${issue.expected})`;
    case 'too_small':
      return issue.origin === 'string' ? 'tidak boleh kosong atau terlalu pendek' : 'nilainya terlalu kecil';
    case 'too_big':
      return issue.origin === 'string' ? 'terlalu panjang' : 'nilainya terlalu besar';
    case 'invalid_format':
      return 'formatnya tidak sesuai';
    case 'unrecognized_keys':
      return 'kolom tidak dikenal';
    case 'invalid_value':
      return 'pilihan tidak dikenal';
    default:
      return 'isian tidak valid';
  }
}
