import { z } from 'zod';
import { ValidationError, type FieldError } from './errors.ts';

/**
 * Parses input at the edge. Schemas carry translation keys as their messages
 * (e.g. `errors.email.invalid`), so a person reads the reason in their own language.
 */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(toFieldErrors(result.error));
}

export function toFieldErrors(error: z.ZodError): FieldError[] {
  const seen = new Set<string>();
  const fieldErrors: FieldError[] = [];
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || 'body';
    if (seen.has(field)) continue; // one message per field, the first rule broken
    seen.add(field);
    const key = issue.message.startsWith('errors.') ? issue.message : genericKey(issue);
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
  version: () => z.coerce.number({ error: 'errors.version.invalid' }).int('errors.version.invalid').min(1, 'errors.version.invalid'),
};
