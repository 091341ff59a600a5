import { desc, eq, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { recordAudit } from '../audit/audit.ts';
import type { Tx } from '../db/pool.ts';
import { users } from '../auth/schema.ts';
import { ConflictError, type FieldError } from '../http/errors.ts';
import type { Action } from '../policy/actions.ts';
import type { RequestContext } from '../policy/actor.ts';

/** A stored setting checked again on reading: what is stored may predate today's rules. */
export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** One version of an agency's setting as it is stored: nothing is ever updated in place. */
export type SettingVersion = {
  organisationId: string;
  version: number;
  config: Record<string, unknown>;
  changeReason: string | null;
  changedBy: string | null;
};

export type VersionedSettingSpec<T> = {
  /** The table of versions (one row per change) and its columns. */
  table: PgTable;
  columns: { id: PgColumn; organisationId: PgColumn; version: PgColumn; config: PgColumn; changeReason: PgColumn; changedAt: PgColumn };
  /** The row to insert for a new version (a table may name its version column its own way). */
  row: (version: SettingVersion) => Record<string, unknown>;
  check: (stored: unknown) => Checked<T>;
  /** Audited on every change, naming the new row by id. */
  audit: { action: Action; resourceType: string; versionKey: string };
  /** The error for an edit made on a version someone else has since replaced (pages answer 409, the API 412). */
  stale: (currentVersion: number) => Error;
};

export type CurrentSetting<T> = {
  /** The saved value, or null when nothing is saved (or what is stored no longer passes the rules): use the defaults. */
  value: T | null;
  /** 0 before the first change. */
  version: number;
  changedAt: Date | null;
  changeReason: string | null;
};

/**
 * An agency setting kept as versions (the children's waiting settings, the matching weights): the
 * current one is the newest; a change names the version it was based on and a reason, becomes the
 * next version, and is audited. A stale version is refused, and the unique (organisation, version)
 * index refuses the second of two changes saved at the same moment.
 */
export function versionedSetting<T>(spec: VersionedSettingSpec<T>) {
  const { table, columns } = spec;

  /** `owner` is the agency, or an SQL expression that finds it (the partnership's first agency). */
  async function current(tx: Tx, owner: string | SQL): Promise<CurrentSetting<T>> {
    const where = typeof owner === 'string' ? eq(columns.organisationId, owner) : sql`${columns.organisationId} = ${owner}`;
    const [stored] = (await tx
      .select({ version: columns.version, config: columns.config, changeReason: columns.changeReason, changedAt: columns.changedAt })
      .from(table)
      .where(where)
      .orderBy(desc(columns.version))
      .limit(1)) as { version: number; config: unknown; changeReason: string | null; changedAt: Date }[];
    if (!stored) return { value: null, version: 0, changedAt: null, changeReason: null };
    const checked = spec.check(stored.config);
    return { value: checked.ok ? checked.value : null, version: stored.version, changedAt: stored.changedAt, changeReason: stored.changeReason ?? null };
  }

  /** Saves `value` (already checked) as the next version after `version`, the one the person read. */
  async function change(
    tx: Tx,
    ctx: RequestContext,
    owner: string,
    value: T,
    changeReason: string | null,
    version: number,
    changedBy: string | null,
  ): Promise<{ id: string; version: number }> {
    const now = await current(tx, owner);
    if (version !== now.version) throw spec.stale(now.version);
    let row: { id: string } | undefined;
    try {
      const values = spec.row({
        organisationId: owner,
        version: now.version + 1,
        config: value as unknown as Record<string, unknown>,
        changeReason,
        changedBy,
      });
      [row] = (await tx
        .insert(table)
        .values(values as never)
        .returning({ id: columns.id })) as { id: string }[];
    } catch (error) {
      // Two people saving at the same moment: the unique version index lets only one through.
      const cause = (error as { cause?: { code?: string } }).cause ?? (error as { code?: string });
      if (cause?.code === '23505') throw spec.stale(now.version);
      throw error;
    }
    await recordAudit(tx, ctx, {
      action: spec.audit.action,
      resourceType: spec.audit.resourceType,
      resourceId: row!.id,
      detail: { [spec.audit.versionKey]: now.version + 1 },
    });
    return { id: row!.id, version: now.version + 1 };
  }

  return { current, change };
}

/** A table of an agency's setting versions in the usual shape (the children's, the training and the retention settings). */
export type AgencySettingTable = PgTable & Record<'id' | 'organisationId' | 'version' | 'config' | 'changeReason' | 'changedBy' | 'changedAt', PgColumn>;

/** One saved version as a settings page lists it. */
export type SettingChange = { version: number; changeReason: string; changedAt: Date; changedByName: string | null };

/**
 * An agency setting kept in a table of the usual shape: versions as `versionedSetting` keeps them (a
 * reason always stored, audited as `{ version }`, a stale version refused with 409 and
 * `<namespace>:errors.settings.stale`), and its history with who saved each version.
 */
export function agencySettingVersions<T>(spec: {
  table: AgencySettingTable;
  check: (stored: unknown) => Checked<T>;
  audit: { action: Action; resourceType: string };
  /** The module's translation namespace, for its stale-version message. */
  namespace: string;
}) {
  const { table } = spec;
  const versions = versionedSetting<T>({
    table,
    columns: table,
    row: (v) => ({ ...v, changeReason: v.changeReason ?? '' }),
    check: spec.check,
    audit: { ...spec.audit, versionKey: 'version' },
    stale: (currentVersion) => new ConflictError(`${spec.namespace}:errors.settings.stale`, currentVersion),
  });

  /** The last versions of the agency's setting, newest first, with who saved each (the page's history). */
  async function history(tx: Tx, organisationId: string, limit = 5): Promise<SettingChange[]> {
    return (await tx
      .select({ version: table.version, changeReason: table.changeReason, changedAt: table.changedAt, changedByName: users.name })
      .from(table)
      .leftJoin(users, eq(users.id, table.changedBy))
      .where(eq(table.organisationId, organisationId))
      .orderBy(desc(table.version))
      .limit(limit)) as SettingChange[];
  }

  return { ...versions, history };
}
