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
export async function workersOf(tx: Tx, organisationIds: readonly string[], roles: readonly string[]): Promise<(PersonFacts & { organisationName: string })[]> {
  if (organisationIds.length === 0) return [];
  const rows = await tx
    .select({ id: users.id, name: users.name, organisationId: users.organisationId, roles: users.roles, organisationName: organisations.name })
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

export async function organisationsByIds(tx: Tx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return tx
    .select({ id: organisations.id, name: organisations.name, type: organisations.type })
    .from(organisations)
    .where(inArray(organisations.id, [...ids]));
}

export async function clinicalPartners(tx: Tx) {
  return tx
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.type, 'clinical_partner'))
    .orderBy(asc(organisations.name));
}
