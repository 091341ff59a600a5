import type { Tx } from '../../platform/db/pool.ts';
import type { IsoDate } from '../../platform/dates/dates.ts';
import { getHousehold, insertStageEvent, profilesOf, updateHousehold } from './repository.ts';
import { transition } from './stages.ts';
import type { Stage } from './vocabulary.ts';

/**
 * What matching asks of a household, in matching's own transaction: recruitment owns the household's
 * stage and its history, so a link, a match or a placement moves the household here.
 */

/** A household's record, read in the caller's transaction. */
export const getHouseholdInTx = getHousehold;

/** A household's consideration profiles (what the family can consider), newest first. */
export const householdProfilesInTx = profilesOf;

/** Moves the household along its own journey when its links change (approved ⇄ linked ⇄ matched → placed). */
export async function followHouseholdInTx(
  tx: Tx,
  move: { householdId: string; to: Stage; date: IsoDate; reason: string | null; actorId: string | null; today: IsoDate },
) {
  const { householdId, to, date, reason, actorId, today } = move;
  const household = await getHousehold(tx, householdId);
  if (!household || household.stage === to) return;
  const decision = transition(household, { to, date: date < household.stageSince ? household.stageSince : date, reason }, [], today);
  if (!decision.ok) return; // e.g. still linked elsewhere: the household stays where it is
  await updateHousehold(tx, householdId, household.version, decision.patch);
  await insertStageEvent(tx, {
    householdId,
    organisationId: household.organisationId,
    fromStage: decision.from,
    toStage: decision.to,
    effectiveDate: decision.patch.stageSince,
    reason,
    actorId,
  });
}
