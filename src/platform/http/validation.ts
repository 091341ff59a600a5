import { z } from 'zod';
import { ValidationError, type FieldError } from './errors.ts';

/**
 * Parses input at the edge. Schemas carry translation keys as their messages
 * (e.g. `errors.email.invalid`), so a person reads the reason in their own language.
 */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(toFieldErrors(result.error));
  const withNul = nulPaths(result.data);
  if (withNul.length > 0) throw new ValidationError(withNul.map((field) => ({ field, key: 'errors.field.invalid' })));
  return result.data;
}

/**
 * Fields of parsed input holding a NUL character: PostgreSQL text cannot store one, so such
 * input is the client's mistake (400), never a database error (500). Checked after parsing,
 * so it also covers values decoded by a schema (a page cursor).
 */
function nulPaths(value: unknown, path: string[] = [], found: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(path.join('.') || 'body');
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => nulPaths(item, [...path, String(i)], found));
  } else if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) nulPaths(item, [...path, key], found);
  }
  return found;
}

export function toFieldErrors(error: z.ZodError): FieldError[] {
  const seen = new Set<string>();
  const fieldErrors: FieldError[] = [];
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || 'body';
    if (seen.has(field)) continue; // one message per field, the first rule broken
    seen.add(field);
    const key = /^([a-z][a-z-]*:)?errors\./.test(issue.message) ? issue.message : genericKey(issue);
    fieldErrors.push({ field, key });
  }
  return fieldErrors;
}

function genericKey(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'errors.field.required' : 'errors.field.invalid';
    case 'too_small':
      return 'errors.field.tooShort';
    case 'too_big':
      return 'errors.field.tooLong';
    case 'unrecognized_keys':
      return 'errors.field.unknown';
    default:
      return 'errors.field.invalid';
  }
}

/** Reusable field schemas with their messages. */
export const fields = {
  email: () =>
    z
      .string({ error: 'errors.email.required' })
      .trim()
      .min(1, 'errors.email.required')
      .max(254, 'errors.email.invalid')
      .pipe(z.email({ error: 'errors.email.invalid' }))
      .transform((v) => v.toLowerCase()),
  name: () => z.string({ error: 'errors.name.required' }).trim().min(1, 'errors.name.required').max(200, 'errors.name.tooLong'),
  uuid: () => z.uuid({ error: (issue) => (issue.input === undefined ? 'errors.field.required' : 'errors.field.invalid') }),
  // The column is a PostgreSQL integer: a larger number is no version at all.
  version: () =>
    z.coerce
      .number({ error: 'errors.version.invalid' })
      .int('errors.version.invalid')
      .min(1, 'errors.version.invalid')
      .max(2147483647, 'errors.version.invalid'),
};
