import { recordAudit } from '../../platform/audit/audit.ts';
import { readPreferences, writePreferences, type AccountPreferences } from '../../platform/auth/preferences.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import type { Language } from '../../platform/i18n/i18n.ts';
import { queueEmail } from '../../platform/mail/outbox.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { deliveryFor, type Delivery, type NotificationEvent, type NotificationPreference } from './rules.ts';
import { composeNotification, type NotificationData } from './templates.ts';

/**
 * Whom a notification is for: an address and the language recorded with it (an enquiry's, an
 * applicant's; null when nobody said), and the person's account when they have one, whose own
 * choice of language and of how to be told then wins.
 */
export type Recipient = {
  email: string;
  language: Language | null;
  userId?: string | null;
  /** The person's account already read (by the platform's contact book, when the caller may not read it). */
  account?: AccountPreferences;
};

export type Notification = {
  event: NotificationEvent;
  /** The organisation on whose behalf it goes (the outbox's row-level security checks it is the actor's). */
  organisationId: string | null;
  recipient: Recipient;
  data?: NotificationData;
  /** References only (a household id, a request id), never the person's data: for finding it again. */
  references?: Record<string, string>;
};

/**
 * The front door every module calls when something happened that a person should hear of: in the
 * caller's transaction, so nothing is sent unless the change commits. Writes the message in the
 * person's language (both, Welsh first, when it is not known), and queues it now, holds it for
 * their daily digest, or (when they asked for only what the law requires, and this is not that)
 * queues nothing. Returns what it did.
 */
export async function notify(tx: Tx, notification: Notification): Promise<Delivery> {
  const { recipient } = notification;
  const account = recipient.account ?? (recipient.userId ? await readPreferences(tx, recipient.userId) : undefined);
  if (account?.disabled) return 'none';
  const preference: NotificationPreference | null = account?.notificationPreference ?? null;
  const delivery = deliveryFor(notification.event, preference);
  if (delivery === 'none') return delivery;
  const language = account?.chosenLanguage ?? recipient.language;
  const message = composeNotification(notification.event, language, notification.data ?? {});
  await queueEmail(tx, {
    organisationId: notification.organisationId,
    recipient: recipient.email,
    recipientUserId: account?.userId ?? null,
    ...message,
    delivery,
    detail: notification.references,
  });
  return delivery;
}

/** The signed-in person's own choices: their language and how they hear of changes (the account page). */
export function createNotificationsService(runner: UseCaseRunner) {
  const own = (ctx: RequestContext) => {
    if (ctx.actor.kind !== 'user') throw new NotFoundError();
    return ctx.actor.userId;
  };

  async function preferencesOf(ctx: RequestContext): Promise<AccountPreferences> {
    return runner.run(ctx, async (tx) => {
      authorize(ctx.actor, 'account.view');
      const found = await readPreferences(tx, own(ctx));
      if (!found) throw new NotFoundError();
      return found;
    });
  }

  /** Saves the language and the way to be told; both are audited by name, never by value of anything personal. */
  async function savePreferences(ctx: RequestContext, choice: { language?: Language; notificationPreference?: NotificationPreference }): Promise<void> {
    await runner.run(ctx, async (tx) => {
      authorize(ctx.actor, 'account.edit');
      const userId = own(ctx);
      if (!(await writePreferences(tx, userId, choice))) throw new NotFoundError();
      await recordAudit(tx, ctx, {
        action: 'account.edit',
        resourceType: 'user',
        resourceId: userId,
        detail: { language: choice.language ?? null, notifications: choice.notificationPreference ?? null },
      });
    });
  }

  return { preferencesOf, savePreferences };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
