import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { users } from '../../platform/auth/schema.ts';
import { consultations, formulations } from './schema.ts';

/** Psychologists' consultations and formulations. Row-level security shows those about children the person may see. */

export type ConsultationRow = typeof consultations.$inferSelect;
export type FormulationRow = typeof formulations.$inferSelect;

export async function insertConsultation(tx: Tx, values: typeof consultations.$inferInsert): Promise<ConsultationRow> {
  const [row] = await tx.insert(consultations).values(values).returning();
  return row!;
}

export async function getConsultation(tx: Tx, id: string) {
  const [row] = await tx
    .select({ consultation: consultations, psychologistName: users.name })
    .from(consultations)
    .innerJoin(users, eq(users.id, consultations.psychologistId))
    .where(eq(consultations.id, id));
  return row;
}

export async function updateConsultation(
  tx: Tx,
  id: string,
  version: number,
  values: Partial<typeof consultations.$inferInsert>,
): Promise<ConsultationRow | undefined> {
  const [row] = await tx
    .update(consultations)
    .set({ ...values, version: sql`${consultations.version} + 1` })
    .where(and(eq(consultations.id, id), eq(consultations.version, version)))
    .returning();
  return row;
}

export async function consultationsOfChild(tx: Tx, childId: string, limit = 100) {
  return tx
    .select({ consultation: consultations, psychologistName: users.name })
    .from(consultations)
    .innerJoin(users, eq(users.id, consultations.psychologistId))
    .where(sql`${childId}::uuid = any(${consultations.childIds})`)
    .orderBy(desc(consultations.consultationDate), desc(consultations.createdAt))
    .limit(limit);
}

/** Every version of the formulation line a child belongs to, newest first. */
export async function formulationVersionsOfChild(tx: Tx, childId: string) {
  return tx
    .select({ formulation: formulations, recordedByName: users.name })
    .from(formulations)
    .leftJoin(users, eq(users.id, formulations.recordedBy))
    .where(sql`${childId}::uuid = any(${formulations.childIds})`)
    .orderBy(desc(formulations.recordedAt), desc(formulations.formulationVersion));
}

export async function currentFormulationOfUnit(tx: Tx, unitKey: string, forUpdate = false): Promise<FormulationRow | undefined> {
  const query = tx
    .select()
    .from(formulations)
    .where(and(eq(formulations.unitKey, unitKey), eq(formulations.isCurrent, true)));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

/** Current formulations covering any of these children (what an adopter household may come to read). */
export async function currentFormulationsOfChildren(tx: Tx, childIds: readonly string[]): Promise<FormulationRow[]> {
  if (childIds.length === 0) return [];
  return tx
    .select()
    .from(formulations)
    .where(
      and(
        eq(formulations.isCurrent, true),
        sql`${formulations.childIds} && array[${sql.join(
          childIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}]`,
      ),
    )
    .orderBy(asc(formulations.recordedAt));
}

/**
 * A new version of a unit's formulation: the current one is kept as history, the new one becomes
 * current. The unique indexes (one current per unit; one row per version) settle a race.
 */
export async function insertFormulationVersion(tx: Tx, values: Omit<typeof formulations.$inferInsert, 'isCurrent'>): Promise<FormulationRow> {
  await tx
    .update(formulations)
    .set({ isCurrent: false })
    .where(and(eq(formulations.unitKey, values.unitKey), eq(formulations.isCurrent, true)));
  const [row] = await tx
    .insert(formulations)
    .values({ ...values, isCurrent: true })
    .returning();
  return row!;
}

/** Each child's current formulation version (of the newest line naming them). */
export async function currentVersionsOfChildren(tx: Tx, childIds: readonly string[]): Promise<Map<string, number>> {
  if (childIds.length === 0) return new Map();
  const ids = sql`array[${sql.join(
    childIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}]`;
  const result = await tx.execute(sql`
    select distinct on (c.child_id) c.child_id::text as child_id, f.formulation_version as version
    from ${formulations} f, unnest(f.child_ids) as c(child_id)
    where f.is_current and f.child_ids && ${ids} and c.child_id = any(${ids})
    order by c.child_id, f.recorded_at desc`);
  return new Map((result.rows as { child_id: string; version: number }[]).map((r) => [r.child_id, Number(r.version)]));
}

/**
 * What a psychologist still has to write: their consultations with no notes yet, and the children
 * they consulted about whom no current formulation speaks (each with the first such consultation's date).
 */
export async function writingOfPsychologist(tx: Tx, psychologistId: string) {
  const notes = await tx
    .select({ id: consultations.id, consultationDate: consultations.consultationDate })
    .from(consultations)
    .where(and(eq(consultations.psychologistId, psychologistId), sql`coalesce(btrim(${consultations.notes}), '') = ''`))
    .orderBy(asc(consultations.consultationDate));
  const result = await tx.execute(sql`
    select c.child_ids[1]::text as child_id, min(c.consultation_date)::text as since
    from ${consultations} c
    where c.psychologist_id = ${psychologistId}::uuid
      and not exists (select 1 from ${formulations} f where f.is_current and f.child_ids && c.child_ids)
    group by c.child_ids[1]
    order by since`);
  return { notes, formulations: result.rows as { child_id: string; since: string }[] };
}
