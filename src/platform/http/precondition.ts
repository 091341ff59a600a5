import { ConflictError, PreconditionFailedError } from './errors.ts';

/**
 * A stale version (someone saved first) is the API's 412; other conflicts (an action already done,
 * a plan that is closed) stay 409, since sending the edit again with a fresh ETag would not help.
 */
export async function staleIsPrecondition<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ConflictError && error.key === 'errors.conflict.body') throw new PreconditionFailedError(error.currentVersion);
    throw error;
  }
}
