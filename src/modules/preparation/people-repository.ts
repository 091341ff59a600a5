import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { organisations, users } from '../../platform/auth/schema.ts';

/** The people around a child (staff, clinical partners); the children's own facts are asked of the children module. */
export { childrenByIds, activeGroupOf, childrenInPreparation, type ChildFacts } from '../children/index.ts';

export type PersonFacts = { id: string; name: string; organisationId: string; roles: string[]; disabled: boolean };

export async function peopleByIds(tx: Tx, ids: readonly string[]): Promise<PersonFacts[]> {
  const unique = [...new Set(ids.filter(Boolean))];
  if (unique.length === 0) return [];
  const rows = await tx
    .select({ id: users.id, name: users.name, organisationId: users.organisationId, roles: users.roles, disabledAt: users.disabledAt })
    .from(users)
    .where(inArray(users.id, unique));
  return rows.map((r) => ({ id: r.id, name: r.name, organisationId: r.organisationId, roles: r.roles, disabled: Boolean(r.disabledAt) }));
}

/** Active people of these organisations holding one of these roles, by name (for "who owns this action"). */
export async function workersOf(
  tx: Tx,
  organisationIds: readonly string[],
  roles: readonly string[],
): Promise<(PersonFacts & { organisationName: string; organisationNameCy: string | null })[]> {
  if (organisationIds.length === 0) return [];
  const rows = await tx
    .select({
      id: users.id,
      name: users.name,
      organisationId: users.organisationId,
      roles: users.roles,
      organisationName: organisations.name,
      organisationNameCy: organisations.nameCy,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(
      and(
        inArray(users.organisationId, [...organisationIds]),
        isNull(users.disabledAt),
        sql`${users.roles} && array[${sql.join(
          roles.map((r) => sql`${r}`),
          sql`, `,
        )}]::text[]`,
      ),
    )
    .orderBy(asc(users.name));
  return rows.map((r) => ({ ...r, disabled: false }));
}

/** The organisation each person works for now, by person id, with its names in English and Welsh. */
export async function organisationsOfPeople(tx: Tx, userIds: readonly string[]): Promise<Map<string, { name: string; nameCy: string | null }>> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return new Map();
  const rows = await tx
    .select({ userId: users.id, name: organisations.name, nameCy: organisations.nameCy })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.userId, { name: r.name, nameCy: r.nameCy }]));
}

export async function organisationsByIds(tx: Tx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return tx
    .select({ id: organisations.id, name: organisations.name, nameCy: organisations.nameCy, type: organisations.type })
    .from(organisations)
    .where(inArray(organisations.id, [...ids]));
}

export async function clinicalPartners(tx: Tx) {
  return tx
    .select({ id: organisations.id, name: organisations.name, nameCy: organisations.nameCy })
    .from(organisations)
    .where(eq(organisations.type, 'clinical_partner'))
    .orderBy(asc(organisations.name));
}
