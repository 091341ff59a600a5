import { createHash } from 'node:crypto';
import { eq, lt } from 'drizzle-orm';
import type { Database } from '../db/pool.ts';
import { inActorTransaction } from '../db/transaction.ts';
import { authorize } from '../policy/policy.ts';
import { ownActionOf, systemActor, type SystemActor } from '../policy/system-jobs.ts';
import { keptFormPages } from './schema.ts';

/** How long a form sent back with its mistakes waits for the browser to ask for it again. */
export const KEPT_PAGE_MINUTES = 5;

export type KeptPage = { html: string; status: number; nonce: string | undefined };

/**
 * The key of one reader's page at one address: `owner` is a secret only their browser holds (the
 * CSRF token of their session, or of their cookie when signed out). Hashed, so the table holds
 * neither the secret nor the address (its query may carry what was typed).
 */
function keyOf(owner: string, address: string): string {
  return createHash('sha256').update(`kept-form-page\n${owner}\n${address}`).digest('hex');
}

/**
 * Form pages kept between a browser's POST and the GET its redirect leads to (POST-redirect-GET,
 * src/platform/forms/README.md). In PostgreSQL, so the GET may reach another app process. The
 * platform's own job reads and writes them: a signed-out visitor has no person to scope a row to.
 */
export function createKeptPages(db: Database, now: () => Date = () => new Date()) {
  const job = (): SystemActor => {
    const actor = systemActor('keptFormPage');
    authorize(actor, ownActionOf('keptFormPage'));
    return actor;
  };

  return {
    /** Keeps the page (replacing one kept before at the address) and purges the pages nobody came back for. */
    async keep(owner: string, address: string, page: KeptPage): Promise<void> {
      const key = keyOf(owner, address);
      const at = now();
      await inActorTransaction(db, job(), async (tx) => {
        await tx.delete(keptFormPages).where(lt(keptFormPages.keptAt, new Date(at.getTime() - KEPT_PAGE_MINUTES * 60_000)));
        await tx
          .insert(keptFormPages)
          .values({ key, status: page.status, html: page.html, nonce: page.nonce ?? null, keptAt: at })
          .onConflictDoUpdate({ target: keptFormPages.key, set: { status: page.status, html: page.html, nonce: page.nonce ?? null, keptAt: at } });
      });
    },

    /** The page kept for this reader at this address, once: taking it deletes it; an old one is not given. */
    async take(owner: string, address: string): Promise<KeptPage | undefined> {
      const key = keyOf(owner, address);
      const [row] = await inActorTransaction(db, job(), (tx) => tx.delete(keptFormPages).where(eq(keptFormPages.key, key)).returning());
      if (!row || now().getTime() - row.keptAt.getTime() > KEPT_PAGE_MINUTES * 60_000) return undefined;
      return { html: row.html, status: row.status, nonce: row.nonce ?? undefined };
    },
  };
}

export type KeptPages = ReturnType<typeof createKeptPages>;
