import { z } from 'zod';

/** Keyset cursors are opaque to clients: base64url JSON of the last row's sort key. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function cursorOf<T extends z.ZodType>(schema: T) {
  return z
    .string()
    .max(500)
    .transform((raw, ctx) => {
      try {
        const parsed = schema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString()));
        if (parsed.success) return parsed.data as z.infer<T>;
      } catch {
        /* reported below */
      }
      ctx.addIssue({ code: 'custom', message: 'errors.cursor.invalid' });
      return z.NEVER;
    });
}
