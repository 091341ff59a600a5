/**
 * A person's own choices kept on their account: the language they chose (and whether they chose it
 * at all), and how they want to hear of changes. The users table is the platform's; these are the
 * only reads and writes of these columns, in the caller's transaction (row-level security lets a
 * person change their own row).
 */
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/pool.ts';
import type { Language } from '../i18n/i18n.ts';
import { users } from './schema.ts';

export type AccountPreferences = {
  userId: string;
  email: string;
  name: string;
  organisationId: string;
  /** Null until the person has chosen (the stored language is then only the default). */
  chosenLanguage: Language | null;
  preferredLanguage: Language;
  notificationPreference: 'immediate' | 'digest' | 'required';
  disabled: boolean;
};

export async function readPreferences(tx: Tx, userId: string): Promise<AccountPreferences | undefined> {
  const [row] = await tx
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      organisationId: users.organisationId,
      preferredLanguage: users.preferredLanguage,
      languageChosenAt: users.languageChosenAt,
      notificationPreference: users.notificationPreference,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) return undefined;
  return {
    userId: row.userId,
    email: row.email,
    name: row.name,
    organisationId: row.organisationId,
    chosenLanguage: row.languageChosenAt ? row.preferredLanguage : null,
    preferredLanguage: row.preferredLanguage,
    notificationPreference: row.notificationPreference,
    disabled: Boolean(row.disabledAt),
  };
}

/** Records the person's choices; a language given here counts as chosen. False when the row is not theirs to change. */
export async function writePreferences(
  tx: Tx,
  userId: string,
  patch: { language?: Language; notificationPreference?: AccountPreferences['notificationPreference'] },
): Promise<boolean> {
  const changed = await tx
    .update(users)
    .set({
      ...(patch.language ? { preferredLanguage: patch.language, languageChosenAt: new Date() } : {}),
      ...(patch.notificationPreference ? { notificationPreference: patch.notificationPreference } : {}),
      updatedAt: new Date(),
      version: sql`${users.version} + 1`,
    })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  return changed.length === 1;
}
