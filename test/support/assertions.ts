import assert from 'node:assert/strict';

/** Drizzle wraps PostgreSQL's error: match the database's own message. */
export async function rejectsWithDatabaseError(promise: Promise<unknown>, pattern: RegExp, what?: string): Promise<void> {
  await assert.rejects(
    promise,
    (error: unknown) => {
      const cause = (error as { cause?: { message?: string } }).cause;
      const message = cause?.message ?? (error as Error).message;
      assert.match(message, pattern, what);
      return true;
    },
    what,
  );
}
