/**
 * The portal's steps heard by the people they concern: a family's message by its worker, a
 * worker's message or a document asked for by the family, and the agency's answer to a family's
 * expression of interest (published by matching). The portal publishes ids only
 * (src/platform/events); the addresses come from the platform's contact book, because a family
 * may not read staff accounts. In the publishing step's transaction: nothing is sent unless the
 * message or the request commits.
 */
import type { ContactBook } from '../../platform/auth/contacts.ts';
import type { WorkflowEventBus } from '../../platform/events/events.ts';
import { notify } from './service.ts';

/** Called once by the composition root with the runner's event bus. */
export function subscribePortalNotices(events: WorkflowEventBus, contacts: ContactBook): void {
  events.subscribe('portal.messageReceived', async (tx, ctx, e) => {
    for (const person of await contacts.contactsFor(ctx, e.recipientUserIds)) {
      await notify(tx, {
        event: e.toFamily ? 'messageReceived' : 'familyMessageReceived',
        organisationId: e.organisationId,
        // A family's language was recorded with their application; a worker's is only what they chose.
        recipient: { email: person.email, language: e.toFamily ? person.preferredLanguage : null, account: person },
        data: e.toFamily ? { name: person.name } : {},
        references: { householdId: e.householdId, threadId: e.threadId, messageId: e.messageId },
      });
    }
  });

  events.subscribe('portal.documentRequested', async (tx, ctx, e) => {
    for (const person of await contacts.contactsFor(ctx, e.recipientUserIds)) {
      await notify(tx, {
        event: 'documentRequested',
        organisationId: e.organisationId,
        recipient: { email: person.email, language: person.preferredLanguage, account: person },
        data: { name: person.name, document: e.kind },
        references: { householdId: e.householdId, portalDocumentId: e.portalDocumentId },
      });
    }
  });

  // A family expressed interest in a child (matching): the child's family finder is told to answer it,
  // by reference only: never the family's message or the child's name in an e-mail.
  events.subscribe('matching.interestExpressed', async (tx, ctx, e) => {
    for (const person of await contacts.contactsFor(ctx, e.recipientUserIds)) {
      await notify(tx, {
        event: 'interestReceived',
        organisationId: e.organisationId,
        recipient: { email: person.email, language: null, account: person },
        data: {},
        references: { householdId: e.householdId, interestId: e.interestId },
      });
    }
  });

  // The agency answered a family's expression of interest (matching): the family is told there is an
  // answer, never the answer itself in an e-mail; they read it, and its reason, when signed in.
  events.subscribe('matching.interestAnswered', async (tx, ctx, e) => {
    for (const person of await contacts.contactsFor(ctx, e.recipientUserIds)) {
      await notify(tx, {
        event: 'interestAnswered',
        organisationId: e.organisationId,
        recipient: { email: person.email, language: person.preferredLanguage, account: person },
        data: { name: person.name },
        references: { householdId: e.householdId, interestId: e.interestId },
      });
    }
  });
}
