/**
 * A person's own choices kept on their account: the language they chose (and whether they chose it
 * at all), and how they want to hear of changes. The users table is the platform's; these are the
 * only reads and writes of these columns, in the caller's transaction (row-level security lets a
 * person change their own row).
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
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

const columns = {
  userId: users.id,
  email: users.email,
  name: users.name,
  organisationId: users.organisationId,
  preferredLanguage: users.preferredLanguage,
  languageChosenAt: users.languageChosenAt,
  notificationPreference: users.notificationPreference,
  disabledAt: users.disabledAt,
};

const selectPreferences = (tx: Tx) => tx.select(columns).from(users);
type Row = Awaited<ReturnType<typeof selectPreferences>>[number];

const preferencesOf = (row: Row): AccountPreferences => ({
  userId: row.userId,
  email: row.email,
  name: row.name,
  organisationId: row.organisationId,
  chosenLanguage: row.languageChosenAt ? row.preferredLanguage : null,
  preferredLanguage: row.preferredLanguage,
  notificationPreference: row.notificationPreference,
  disabled: Boolean(row.disabledAt),
});

/**
 * The preferences of the named people of one organisation, and of nobody else (ids of another
 * organisation's people are passed over). For the platform's contact book (contacts.ts).
 */
export async function readPreferencesOfOrganisation(tx: Tx, organisationId: string, userIds: readonly string[]): Promise<AccountPreferences[]> {
  if (userIds.length === 0) return [];
  const rows = await selectPreferences(tx).where(and(eq(users.organisationId, organisationId), inArray(users.id, [...userIds])));
  return rows.map(preferencesOf);
}

export async function readPreferences(tx: Tx, userId: string): Promise<AccountPreferences | undefined> {
  const [row] = await selectPreferences(tx).where(eq(users.id, userId));
  return row ? preferencesOf(row) : undefined;
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
