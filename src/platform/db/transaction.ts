import { escapeLiteral } from 'pg';
import { sql } from 'drizzle-orm';
import type { Actor } from '../policy/actor.ts';
import type { Database, Tx } from './pool.ts';

/**
 * Runs `work` in one transaction scoped to the actor: the app role (which cannot bypass
 * row-level security) plus who is asking, so the database is the second wall behind policy.
 */
export async function inActorTransaction<T>(db: Database, actor: Actor, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(scopeStatement(actor)));
    return work(tx);
  });
}

function scopeStatement(actor: Actor): string {
  const settings: Record<string, string> = {
    'app.system': actor.kind === 'system' ? 'on' : 'off',
    'app.user_id': actor.kind === 'user' ? actor.userId : '',
    'app.org_id': actor.kind === 'user' ? actor.organisationId : '',
    'app.roles': actor.kind === 'user' ? actor.roles.join(',') : '',
  };
  const sets = Object.entries(settings)
    .map(([name, value]) => `set_config(${escapeLiteral(name)}, ${escapeLiteral(value)}, true)`)
    .join(', ');
  // One round trip: simple-protocol multi-statement with escaped literals only.
  return `SET LOCAL ROLE together_app; SELECT ${sets}`;
}

/**
 * A transaction as the connecting (owner) role, for the platform's own housekeeping that the app
 * role is deliberately not allowed to do (sealing the audit chain). Never for a person's request.
 */
export async function inPlatformTransaction<T>(db: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(`SELECT set_config('app.system', 'on', true)`));
    return work(tx);
  });
}
