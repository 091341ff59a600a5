import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../src/platform/db/pool.ts';
import { addMonths, dateInWales } from '../../src/platform/dates/dates.ts';
import { children } from '../../src/modules/children/schema.ts';
import { matches } from '../../src/modules/matching/schema.ts';
import { applicants, households } from '../../src/modules/recruitment/schema.ts';
import { callApi } from './api-client.ts';
import type { TestApp } from './app.ts';

/**
 * Records a test stands on, written as the platform's testFixtures job (the workflows that would make
 * them are not under test there): a child, a household with its applicant, a match between them, and
 * "an agency with a matched family", all three at once. Every default is fictional; a test names
 * what matters to it. Dates are relative to today in Wales.
 */

type ChildValues = typeof children.$inferInsert;
type HouseholdValues = typeof households.$inferInsert;
type ApplicantValues = typeof applicants.$inferInsert;
type MatchValues = typeof matches.$inferInsert;

const today = () => dateInWales(new Date());
const shortId = () => randomUUID().slice(0, 6);

/** A child of `council` shared with `agency`: placed, born 80 months ago, referred 30 months ago, unless `values` say otherwise. */
export async function insertChild(tx: Tx, council: string, agency: string, values: Partial<ChildValues> = {}): Promise<string> {
  const [row] = await tx
    .insert(children)
    .values({
      organisationId: council,
      status: 'placed',
      legalGivenNames: 'Fictional Child',
      legalFamilyName: 'Testchild',
      dateOfBirth: addMonths(today(), -80),
      sex: 'female',
      ethnicity: 'white_british',
      legalStatus: 'placement_order',
      referralDate: addMonths(today(), -30),
      sharedWith: [agency],
      ...values,
    })
    .returning();
  return row!.id;
}

/** A household of `agency` (placed six months ago unless `values` say otherwise) and, when `applicant` is given, its applicant. */
export async function insertHousehold(
  tx: Tx,
  agency: string,
  values: Partial<HouseholdValues> = {},
  applicant?: Partial<ApplicantValues>,
): Promise<{ id: string; applicantId?: string }> {
  const [row] = await tx
    .insert(households)
    .values({
      organisationId: agency,
      reference: `FAM-${shortId()}`,
      stage: 'placed',
      stageSince: addMonths(today(), -6),
      enquiryDate: addMonths(today(), -30),
      email: `${randomUUID()}@test.invalid`,
      ...values,
    })
    .returning();
  if (!applicant) return { id: row!.id };
  const [added] = await tx
    .insert(applicants)
    .values({ householdId: row!.id, organisationId: agency, givenNames: 'Fictional', familyName: 'Parent', ...applicant })
    .returning();
  return { id: row!.id, applicantId: added!.id };
}

/** A match of `agency`'s household with children of `council` (one child: `childIds` and `unitKey` are the child), linked by hand. */
export async function insertMatch(
  tx: Tx,
  agency: string,
  council: string,
  values: Pick<MatchValues, 'householdId' | 'childIds' | 'stage'> & Partial<MatchValues>,
): Promise<string> {
  const [row] = await tx
    .insert(matches)
    .values({
      organisationId: agency,
      childOrganisationId: council,
      sharedWith: [agency, council],
      unitKey: values.childIds[0]!,
      stageSince: today(),
      source: 'manual',
      linkedDate: addMonths(today(), -1),
      ...values,
    })
    .returning();
  return row!.id;
}

export type MatchedFamilyOptions = {
  /** The agency whose household it is (and the match's). */
  agency: string;
  /** The local authority whose child it is. */
  council: string;
  /** A child already there (its id), or what the new child has other than `insertChild`'s defaults. */
  child?: string | Partial<ChildValues>;
  household?: Partial<HouseholdValues>;
  /** The household's applicant, written only when given. */
  applicant?: Partial<ApplicantValues>;
  /** The match, placed unless said otherwise. */
  match?: Partial<MatchValues>;
};

/** An agency with a matched family: a child, a household and the match between them, in one transaction. */
export async function matchedFamily(t: TestApp, options: MatchedFamilyOptions): Promise<{ child: string; household: string; match: string }> {
  const { agency, council } = options;
  return t.services.runner.run(t.system, async (tx) => {
    const child = typeof options.child === 'string' ? options.child : await insertChild(tx, council, agency, options.child);
    const household = (await insertHousehold(tx, agency, options.household, options.applicant)).id;
    const match = await insertMatch(tx, agency, council, { householdId: household, childIds: [child], stage: 'placed', ...options.match });
    return { child, household, match };
  });
}

export type ReferralAnswer = { referralId: string; childIds: string[]; siblingGroupId?: string };

/**
 * Children referred by a local authority's referrer (`body` as the referral API takes it, under the
 * Welsh adoption agencies regulations unless it says otherwise) and accepted by the agency's family
 * finder, who becomes theirs.
 */
export async function acceptedReferral(
  t: TestApp,
  people: { referrerToken: string; finderToken: string; finderId: string },
  body: Record<string, unknown>,
): Promise<ReferralAnswer> {
  const referral = await callApi(t, people.referrerToken, 'POST', '/api/v1/referrals', { legalBasis: 'adoption_agencies_wales_regulations', ...body });
  assert.equal(referral.status, 201, JSON.stringify(referral.body));
  const decision = await callApi(t, people.finderToken, 'POST', `/api/v1/referrals/${referral.body.referralId}/decision`, {
    decision: 'accept',
    familyFinderId: people.finderId,
  });
  assert.equal(decision.status, 200, JSON.stringify(decision.body));
  return referral.body as ReferralAnswer;
}
