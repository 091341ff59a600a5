import { and, asc, desc, eq, ilike, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { keyset, pageOf, type Page, type PageRequest } from '../../platform/db/keyset.ts';
import { organisations, users, type OrganisationType } from '../../platform/auth/schema.ts';
import type { Role } from '../../platform/policy/roles.ts';

/** A person's account as the rest of the platform sees it: no password hash, no second-factor secret. */
export type UserSummary = {
  id: string;
  organisationId: string;
  organisationName: string;
  organisationNameCy: string | null;
  email: string;
  name: string;
  roles: Role[];
  preferredLanguage: 'en' | 'cy';
  secondFactorEnrolled: boolean;
  disabled: boolean;
  version: number;
  createdAt: Date;
};

export type Organisation = typeof organisations.$inferSelect;

const userColumns = {
  id: users.id,
  organisationId: users.organisationId,
  organisationName: organisations.name,
  organisationNameCy: organisations.nameCy,
  email: users.email,
  name: users.name,
  roles: users.roles,
  preferredLanguage: users.preferredLanguage,
  totpEnabledAt: users.totpEnabledAt,
  disabledAt: users.disabledAt,
  version: users.version,
  createdAt: users.createdAt,
};

type UserColumns = Omit<UserSummary, 'secondFactorEnrolled' | 'disabled' | 'roles'> & { roles: string[]; totpEnabledAt: Date | null; disabledAt: Date | null };

function toSummary(row: UserColumns): UserSummary {
  return {
    id: row.id,
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    organisationNameCy: row.organisationNameCy,
    email: row.email,
    name: row.name,
    roles: row.roles as Role[],
    preferredLanguage: row.preferredLanguage,
    secondFactorEnrolled: row.totpEnabledAt !== null,
    disabled: row.disabledAt !== null,
    version: row.version,
    createdAt: row.createdAt,
  };
}

const organisationOrder = keyset(sql`${organisations.name}`, organisations.id, 'asc', 'text');

/** Organisations by name, keyset-paginated (the pages ask for all of them: a partnership has a few dozen). */
export async function listOrganisations(tx: Tx, page: PageRequest = { limit: 10_000 }): Promise<Page<Organisation>> {
  const rows = await tx
    .select({ organisation: organisations, sortValue: organisationOrder.value })
    .from(organisations)
    .where(organisationOrder.after(page.after))
    .orderBy(...organisationOrder.orderBy)
    .limit(page.limit + 1);
  return pageOf(
    rows,
    page.limit,
    (r) => ({ value: r.sortValue, id: r.organisation.id }),
    (r) => r.organisation,
  );
}

export async function getOrganisation(tx: Tx, id: string): Promise<Organisation | undefined> {
  const [row] = await tx.select().from(organisations).where(eq(organisations.id, id));
  return row;
}

export async function getOrganisationBySlug(tx: Tx, slug: string): Promise<Organisation | undefined> {
  const [row] = await tx.select().from(organisations).where(eq(organisations.slug, slug));
  return row;
}

export async function insertOrganisation(
  tx: Tx,
  values: { slug: string; name: string; nameCy: string | null; type: OrganisationType; region: string | null },
): Promise<Organisation> {
  const [row] = await tx.insert(organisations).values(values).returning();
  return row!;
}

/** Updates only when the version read is still current; undefined means someone else changed it. */
export async function updateOrganisation(
  tx: Tx,
  id: string,
  version: number,
  values: { name: string; nameCy: string | null; region: string | null },
): Promise<Organisation | undefined> {
  const [row] = await tx
    .update(organisations)
    .set({ ...values, version: sql`${organisations.version} + 1`, updatedAt: new Date() })
    .where(and(eq(organisations.id, id), eq(organisations.version, version)))
    .returning();
  return row;
}

export type UserListFilter = { organisationId?: string; after?: { name: string; id: string }; limit: number; includeDisabled: boolean };

/** Keyset-paginated by (name, id): stable and fast however long the list. */
export async function listUsers(tx: Tx, filter: UserListFilter): Promise<UserSummary[]> {
  // A leaver's account destroyed by retention is gone for everyone (its row stays only for the ids that name it).
  const conditions: SQL[] = [isNull(users.destroyedAt)];
  if (filter.organisationId) conditions.push(eq(users.organisationId, filter.organisationId));
  if (!filter.includeDisabled) conditions.push(isNull(users.disabledAt));
  if (filter.after) conditions.push(sql`(${users.name}, ${users.id}) > (${filter.after.name}, ${filter.after.id}::uuid)`);
  const rows = await tx
    .select(userColumns)
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(users.name), asc(users.id))
    .limit(filter.limit);
  return rows.map(toSummary);
}

/** The headings the people page can be sorted by. */
export const USER_LIST_SORTS = ['name', 'email', 'organisation', 'status'] as const;
export type UserListSort = (typeof USER_LIST_SORTS)[number];
export type UserPageFilter = { organisationId?: string; role?: Role; status?: 'active' | 'disabled'; q?: string };

/** One numbered page of people, sorted by a heading, with how many match (row-level security scopes both). */
export async function pageUsers(
  tx: Tx,
  filter: UserPageFilter,
  order: { sort: UserListSort; dir: 'asc' | 'desc'; limit: number; offset: number },
): Promise<{ rows: UserSummary[]; total: number }> {
  const conditions: SQL[] = [isNull(users.destroyedAt)];
  if (filter.organisationId) conditions.push(eq(users.organisationId, filter.organisationId));
  if (filter.role) conditions.push(sql`${filter.role} = ANY (${users.roles})`);
  if (filter.status) conditions.push(filter.status === 'active' ? isNull(users.disabledAt) : isNotNull(users.disabledAt));
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(users.name, pattern), ilike(users.email, pattern))!);
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const by = order.dir === 'asc' ? asc : desc;
  const key = {
    name: by(sql`lower(${users.name})`),
    email: by(sql`lower(${users.email})`),
    organisation: by(organisations.name),
    // Active before disabled when ascending.
    status: by(sql`${users.disabledAt} IS NOT NULL`),
  }[order.sort];
  const [counted] = await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(where);
  const rows = await tx
    .select(userColumns)
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(where)
    .orderBy(key, asc(sql`lower(${users.name})`), asc(users.id))
    .limit(order.limit)
    .offset(order.offset);
  return { rows: rows.map(toSummary), total: counted?.total ?? 0 };
}

export async function getUser(tx: Tx, id: string): Promise<UserSummary | undefined> {
  const [row] = await tx
    .select(userColumns)
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(users.id, id), isNull(users.destroyedAt)));
  return row ? toSummary(row) : undefined;
}

export async function emailTaken(tx: Tx, email: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return Boolean(row);
}

export async function insertUser(
  tx: Tx,
  values: {
    organisationId: string;
    email: string;
    name: string;
    roles: Role[];
    preferredLanguage: 'en' | 'cy';
    passwordHash: string;
    totpSecret?: string | null;
    totpEnabledAt?: Date | null;
  },
): Promise<string> {
  const [row] = await tx.insert(users).values(values).returning({ id: users.id });
  return row!.id;
}

export async function updateUser(
  tx: Tx,
  id: string,
  version: number,
  values: { name: string; roles: Role[]; preferredLanguage: 'en' | 'cy' },
): Promise<boolean> {
  const rows = await tx
    .update(users)
    .set({ ...values, version: sql`${users.version} + 1`, updatedAt: new Date() })
    .where(and(eq(users.id, id), eq(users.version, version)))
    .returning({ id: users.id });
  return rows.length > 0;
}

/** Takes the account's next version when the one read is still current (a change with no field of its own, such as an unlock). */
export async function touchUser(tx: Tx, id: string, version: number): Promise<boolean> {
  const rows = await tx
    .update(users)
    .set({ version: sql`${users.version} + 1`, updatedAt: new Date() })
    .where(and(eq(users.id, id), eq(users.version, version)))
    .returning({ id: users.id });
  return rows.length > 0;
}

export async function setUserDisabled(tx: Tx, id: string, disabled: boolean): Promise<void> {
  await tx
    .update(users)
    .set({ disabledAt: disabled ? new Date() : null, version: sql`${users.version} + 1`, updatedAt: new Date() })
    .where(eq(users.id, id));
}

export async function findUserIdByEmail(tx: Tx, email: string): Promise<string | undefined> {
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return row?.id;
}

export async function countAllUsers(tx: Tx): Promise<number> {
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
}

export async function countUsersByOrganisation(tx: Tx): Promise<Map<string, number>> {
  const rows = await tx
    .select({ organisationId: users.organisationId, n: sql<number>`count(*)::int` })
    .from(users)
    .where(isNull(users.disabledAt))
    .groupBy(users.organisationId);
  return new Map(rows.map((r) => [r.organisationId, r.n]));
}
