/**
 * The platform's contact book: the one way a step taken by one person reaches another person's
 * address. A family writing to its worker may not read staff accounts, so the addresses are read
 * as the platform's named job `notificationContacts` (policy/system-jobs.ts), which may do only
 * that: read the address, name, language and way of being told of the people named, of the asking
 * person's own organisation, audited as the job by reference.
 */
import type { Database } from '../db/pool.ts';
import { inActorTransaction } from '../db/transaction.ts';
import { recordAudit } from '../audit/audit.ts';
import type { RequestContext } from '../policy/actor.ts';
import { authorize } from '../policy/policy.ts';
import { ownActionOf, systemActor } from '../policy/system-jobs.ts';
import { readPreferencesOfOrganisation, type AccountPreferences } from './preferences.ts';

export type Contact = AccountPreferences;

export function createContactBook(db: Database) {
  const job = () => {
    const actor = systemActor('notificationContacts');
    authorize(actor, ownActionOf('notificationContacts'));
    return actor;
  };

  /**
   * The contacts of `userIds` for a notification the signed-in person in `ctx` caused; people of
   * another organisation, and anyone asked for by someone not signed in, are not found.
   */
  async function contactsFor(ctx: RequestContext, userIds: readonly string[]): Promise<Contact[]> {
    if (ctx.actor.kind !== 'user' || userIds.length === 0) return [];
    const { organisationId, userId: askedBy } = ctx.actor;
    const system: RequestContext = { ...ctx, actor: job() };
    return inActorTransaction(db, system.actor, async (tx) => {
      const found = await readPreferencesOfOrganisation(tx, organisationId, userIds);
      await recordAudit(tx, system, {
        action: 'system.notificationContacts',
        resourceType: 'user',
        detail: { askedBy, found: found.map((c) => c.userId).join(','), asked: userIds.length },
      });
      return found;
    });
  }

  return { contactsFor };
}

export type ContactBook = ReturnType<typeof createContactBook>;
