import { z } from 'zod';

/** Field parsers shared by several modules' forms and APIs. Messages are translation keys. */

/** The messages of a postcode box (the recruitment forms' words, which children's contact postcodes share). */
export const POSTCODE_MESSAGES = { required: 'recruitment:errors.postcode.required', invalid: 'recruitment:errors.postcode.invalid' };

/** A UK postcode, normalised to upper case with one space ("CF10 1AA"). */
export const postcodeField = (messages: { required: string; invalid: string }) =>
  z
    .string({ error: messages.required })
    .trim()
    .min(1, messages.required)
    .transform((v) => v.toUpperCase().replace(/\s+/g, ''))
    .refine((v) => /^(GIR0AA|[A-Z]{1,2}[0-9][0-9A-Z]?[0-9][A-Z]{2})$/.test(v), messages.invalid)
    .transform((v) => `${v.slice(0, -3)} ${v.slice(-3)}`);
