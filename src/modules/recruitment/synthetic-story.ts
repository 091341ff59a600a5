import type { IsoDate } from '../../platform/dates/dates.ts';
import { NEED_CATEGORIES, prng, type NeedCategory } from '../children/index.ts';
import { addDays, stage2Facts, type SyntheticCheck, type SyntheticHousehold, type SyntheticJourney, type SyntheticStageEvent } from './synthetic.ts';
import type { ConsiderationLevel, ContactArrangement, Stage } from './vocabulary.ts';

/**
 * The approved families of the demo's story (see src/demo.ts): invented households, marked
 * "(fictional)", with the synthetic postcodes given (ZZ99 pseudo-postcodes without them) and @example.invalid addresses, each approved on a
 * given day after the whole adopter's journey at the usual pace. Their terms (what they can
 * consider) are written for the children the story links them with, so the match makes sense.
 * Pure: the same spec and today give the same rows.
 */

export type StoryFamily = {
  /** A short, stable key ("placed", "introductions", ...), used in the household's reference. */
  key: string;
  approvedOn: IsoDate;
  applicants: { givenNames: string; familyName: string; email?: string }[];
  town: string;
  localAuthorityArea: string;
  welsh: boolean;
  /** What the family can consider, fitted to the children they will be linked with. */
  terms: {
    childrenMax: number;
    ageMin: number;
    ageMax: number;
    siblingGroups: boolean;
    needs: readonly NeedCategory[];
    contact: readonly ContactArrangement[];
    strengths: string;
  };
};

/** Days between the steps of the adopter's journey, counted back from approval (a typical pace). */
const BEFORE_APPROVAL = {
  agencyDecision: 14,
  panel: 35,
  report: 42,
  stage2: 155,
  stage1: 215,
  registration: 235,
  informationEvent: 260,
  enquiry: 280,
} as const;

/** The journey of a family approved on `approvedOn`: every stage in order, as the state machine allows. */
export function storyJourney(approvedOn: IsoDate): { journey: SyntheticJourney; history: SyntheticStageEvent[] } {
  const on = (days: number) => addDays(approvedOn, -days);
  const steps: [Stage, IsoDate][] = [
    ['enquiry', on(BEFORE_APPROVAL.enquiry)],
    ['information_event', on(BEFORE_APPROVAL.informationEvent)],
    ['registration', on(BEFORE_APPROVAL.registration)],
    ['stage1', on(BEFORE_APPROVAL.stage1)],
    ['stage2', on(BEFORE_APPROVAL.stage2)],
    ['panel', on(BEFORE_APPROVAL.panel)],
    ['agency_decision', on(BEFORE_APPROVAL.agencyDecision)],
    ['approved', approvedOn],
  ];
  const history: SyntheticStageEvent[] = steps.map(([toStage, effectiveDate], i) => ({
    fromStage: i === 0 ? null : steps[i - 1]![0],
    toStage,
    effectiveDate,
    reason: null,
  }));
  const date = (stage: Stage) => steps.find(([s]) => s === stage)![1];
  return {
    history,
    journey: {
      stage: 'approved',
      stageSince: approvedOn,
      stageBeforeHold: null,
      stageReason: null,
      enquiryDate: date('enquiry'),
      informationEventDate: date('information_event'),
      registrationDate: date('registration'),
      stage1Date: date('stage1'),
      breakDate: null,
      stage2Date: date('stage2'),
      panelDate: date('panel'),
      approvedDate: approvedOn,
      linkedDate: null,
      matchedDate: null,
      placedDate: null,
      closedDate: null,
      reportCompletedDate: on(BEFORE_APPROVAL.report),
      panelMeetingDate: date('agency_decision'),
      panelRecommendation: 'suitable',
      decisionDate: approvedOn,
      decision: 'suitable',
      decisionMaker: 'Agency decision maker (fictional)',
    },
  };
}

/** Stage 1 checks, all back and satisfactory before Stage 2 began. */
function storyChecks(journey: SyntheticJourney, applicants: number): SyntheticCheck[] {
  const requested = journey.stage1Date!;
  const check = (kind: SyntheticCheck['kind'], applicant: number | null, subject: string | null, days: number): SyntheticCheck => ({
    kind,
    applicant,
    subject,
    requestedDate: requested,
    receivedDate: addDays(requested, days),
    outcome: 'satisfactory',
  });
  const out: SyntheticCheck[] = [];
  for (let a = 0; a < applicants; a++) out.push(check('dbs', a, null, 21 + a), check('medical', a, null, 30 + a));
  for (let r = 1; r <= 3; r++) out.push(check('reference', null, `Referee ${r} (fictional)`, 14 + 5 * r));
  out.push(check('local_authority', null, 'Home local authority', 25));
  return out;
}

/** The households of the story, in the order given; references SYN-<seed>-S01, S02, ... */
export function storyHouseholds(families: readonly StoryFamily[], seed: number, postcodes: readonly string[] = []): SyntheticHousehold[] {
  const assessed = prng(seed ^ 0x570e);
  return families.map((family, i): SyntheticHousehold => {
    const { journey, history } = storyJourney(family.approvedOn);
    const language: 'en' | 'cy' = family.welsh ? 'cy' : 'en';
    const applicants = family.applicants.map((a, n) => ({
      givenNames: a.givenNames,
      familyName: a.familyName,
      email: a.email ?? `story.${seed}.${i + 1}.${n === 0 ? 'a' : 'b'}@example.invalid`,
      // Adults in their thirties and forties when they enquired.
      dateOfBirth: addDays(journey.enquiryDate, -(365 * (34 + ((i * 3 + n * 5) % 12)) + 40 * n)),
      preferredLanguage: language,
    }));
    const needs: Record<string, ConsiderationLevel> = Object.fromEntries(
      NEED_CATEGORIES.map((need) => [need, family.terms.needs.includes(need) ? 'with_support' : 'cannot']),
    );
    return {
      ...journey,
      reference: `SYN-${seed}-S${String(i + 1).padStart(2, '0')}`,
      campaignIndex: null,
      channel: 'word_of_mouth',
      referrerCode: null,
      preferredLanguage: language,
      email: applicants[0]!.email,
      phone: `01632 960${String(700 + i).padStart(3, '0')}`,
      town: family.town,
      postcode: postcodes.length ? postcodes[i % postcodes.length]! : `ZZ99 ${1 + (i % 9)}ST`,
      localAuthorityArea: family.localAuthorityArea,
      languages: family.welsh ? ['cy', 'en'] : ['en'],
      ...stage2Facts(assessed),
      healthDeclaration: 'complete',
      supportNetworkRating: 'strong',
      allocated: true,
      applicants,
      profiles: [
        {
          profileVersion: 1,
          isCurrent: true,
          childrenMin: 1,
          childrenMax: family.terms.childrenMax,
          ageMin: family.terms.ageMin,
          ageMax: family.terms.ageMax,
          siblingGroups: family.terms.siblingGroups,
          needs,
          contact: ['letterbox', ...family.terms.contact.filter((c) => c !== 'letterbox')],
          strengths: family.terms.strengths,
          changeReason: null,
          recordedOn: journey.stage2Date!,
        },
      ],
      checks: storyChecks(journey, applicants.length),
      history,
    };
  });
}
