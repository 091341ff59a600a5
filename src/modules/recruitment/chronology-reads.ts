import { asc, eq } from 'drizzle-orm';
import { users } from '../../platform/auth/schema.ts';
import type { ChronologyEntry } from '../../platform/chronology/entry.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize, can } from '../../platform/policy/policy.ts';
import { applicantNamesOf } from './household-reads.ts';
import { getHousehold } from './repository.ts';
import { enquiries, homeStudyVisits, householdChecks, householdStageEvents } from './schema.ts';
import { householdResource } from './service-context.ts';

/**
 * Opens a household's chronology: the household must be in the reader's scope (households.view), or
 * the whole chronology answers 404. Gives the names the page is headed with.
 */
export async function householdForChronology(tx: Tx, ctx: RequestContext, householdId: string) {
  const household = await getHousehold(tx, householdId);
  if (!household) {
    authorize(ctx.actor, 'households.view');
    throw new NotFoundError();
  }
  authorize(ctx.actor, 'households.view', householdResource(household));
  const names = (await applicantNamesOf(tx, householdId)).map((a) => `${a.givenNames} ${a.familyName}`);
  return { id: household.id, name: names.length ? `${names.join(' & ')} (${household.reference})` : household.reference };
}

/**
 * Recruitment's part of a household's chronology: the enquiry, every stage (dated when it took
 * effect), each check asked for and received, and the home study visits. The caller has opened the
 * chronology with householdForChronology.
 */
export async function householdRecruitmentChronology(tx: Tx, ctx: RequestContext, householdId: string): Promise<ChronologyEntry[]> {
  const href = `/households/${householdId}`;
  const enquired = await tx.select({ at: enquiries.receivedAt }).from(enquiries).where(eq(enquiries.householdId, householdId));
  const stages = await tx
    .select({ toStage: householdStageEvents.toStage, on: householdStageEvents.effectiveDate, at: householdStageEvents.at, who: users.name })
    .from(householdStageEvents)
    .leftJoin(users, eq(users.id, householdStageEvents.actorId))
    .where(eq(householdStageEvents.householdId, householdId))
    .orderBy(asc(householdStageEvents.at));
  const checks = await tx
    .select({
      id: householdChecks.id,
      kind: householdChecks.kind,
      requested: householdChecks.requestedDate,
      received: householdChecks.receivedDate,
      outcome: householdChecks.outcome,
    })
    .from(householdChecks)
    .where(eq(householdChecks.householdId, householdId));
  const visits = await tx
    .select({ on: homeStudyVisits.visitDate, at: homeStudyVisits.createdAt, who: users.name })
    .from(homeStudyVisits)
    .leftJoin(users, eq(users.id, homeStudyVisits.workerId))
    .where(eq(homeStudyVisits.householdId, householdId));
  const checkEntry = (c: (typeof checks)[number], on: string, key: string): ChronologyEntry => ({
    on,
    kind: 'check',
    text: { key, terms: { check: `recruitment:vocabulary.check.${c.kind}`, outcome: `recruitment:vocabulary.outcome.${c.outcome}` } },
    // The check's own page is a form: only those who may record checks are sent there.
    href: can(ctx.actor, 'households.edit') ? `${href}/checks/${c.id}` : href,
  });
  return [
    ...enquired.map((e): ChronologyEntry => ({ on: dateInWales(e.at), recordedAt: e.at, kind: 'enquiry', text: { key: 'chronology:entries.enquiry' }, href })),
    ...stages.map((s): ChronologyEntry => ({
      on: s.on,
      recordedAt: s.at,
      kind: 'stage',
      who: s.who,
      text: { key: 'chronology:entries.stage', terms: { stage: `recruitment:vocabulary.stage.${s.toStage}` } },
      href,
    })),
    ...checks.flatMap((c) => [
      ...(c.requested ? [checkEntry(c, c.requested, 'chronology:entries.checkRequested')] : []),
      ...(c.received ? [checkEntry(c, c.received, 'chronology:entries.checkReceived')] : []),
    ]),
    ...visits.map((v): ChronologyEntry => ({ on: v.on, recordedAt: v.at, kind: 'stage', who: v.who, text: { key: 'chronology:entries.homeVisit' }, href })),
  ];
}
