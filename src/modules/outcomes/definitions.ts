import { AGREE } from './agree-scale.ts';
import type { InstrumentDefinition, Scale } from './instrument.ts';
import { AUTHORITY_SATISFACTION, WORKFORCE_SATISFACTION } from './partner-definitions.ts';

/**
 * The definitions the platform ships (the partners' satisfaction questionnaires are in partner-definitions.ts). An administrator adds others, or a new version of
 * these, from the instruments page; both live beside these in the instrument register.
 */

const SDQ_BANDS_SOURCE =
  'Youth in Mind, "Scoring the SDQ" (sdqinfo.org, scoring instructions for SDQs for 4- to 17-year-olds), four-band categorisation for parent-completed SDQs, UK norms';
/**
 * The SD and reliability of each SDQ scale were entered from memory of the sources below, not read
 * from them. Checked on 2026-12-07 against what could be found (no copy of either primary table):
 * - SD: sdqinfo.org "Normative School-Age SDQ Data from Britain" (www.sdqinfo.com/norms/UKSchoolNorm.html)
 *   names the sample (10,298 parents of 5–15-year-olds, Meltzer et al. 2000) and links the whole-sample
 *   means and SDs, which could not be opened. The same British parent norms split by sex, as reproduced
 *   in a published table (n = 5,153 boys / 5,145 girls), give SDs emotional 2.0 / 2.0, conduct 1.8 / 1.6,
 *   hyperactivity 2.7 / 2.4, peer 1.7 / 1.6, prosocial 1.7 / 1.4, total 6.0 / 5.5: consistent with the
 *   whole-sample figures below (2.0, 1.7, 2.7, 1.7, 1.6, 5.8), not a confirmation of them.
 * - Reliability: Goodman (2001)'s abstract gives only the mean alpha over every informant (.73); the
 *   per-scale parent alphas below (.67, .63, .77, .57, .65, .82) were not found in any source read.
 * Until the clinical lead confirms them against the two sources (and a new version records that), each
 * scale's norms carry `toBeConfirmed`, and the instruments page says so in English and Welsh.
 */
const SDQ_NORMS_SOURCE =
  'SD: UK national norms for parent-completed SDQs, 5–15-year-olds (Meltzer, Gatward, Goodman & Ford 2000, published at sdqinfo.org "UK norms"); reliability: internal consistency (Cronbach alpha) of the parent report, Goodman R (2001) Psychometric properties of the Strengths and Difficulties Questionnaire, J Am Acad Child Adolesc Psychiatry 40:1337–1345. Entered from memory of these sources: to be confirmed by the clinical lead';

const FOUR_BANDS = {
  closeToAverage: { en: 'Close to average', cy: 'Yn agos at y cyfartaledd' },
  slightlyRaised: { en: 'Slightly raised', cy: 'Ychydig yn uwch' },
  high: { en: 'High', cy: 'Uchel' },
  veryHigh: { en: 'Very high', cy: 'Uchel iawn' },
  slightlyLowered: { en: 'Slightly lowered', cy: 'Ychydig yn is' },
  low: { en: 'Low', cy: 'Isel' },
  veryLow: { en: 'Very low', cy: 'Isel iawn' },
};

/** A difficulties scale: the four UK bands from the lowest score up, each band's top score given. */
function difficulties(code: string, name: Scale['name'], max: number, tops: [number, number, number], sd?: number, reliability?: number): Scale {
  const [a, b, c] = tops;
  return {
    code,
    name,
    min: 0,
    max,
    higherIsBetter: false,
    bands: [
      { code: 'close_to_average', name: FOUR_BANDS.closeToAverage, min: 0, max: a },
      { code: 'slightly_raised', name: FOUR_BANDS.slightlyRaised, min: a + 1, max: b },
      { code: 'high', name: FOUR_BANDS.high, min: b + 1, max: c },
      { code: 'very_high', name: FOUR_BANDS.veryHigh, min: c + 1, max },
    ],
    ...(sd && reliability ? { norms: { sd, reliability, source: SDQ_NORMS_SOURCE, toBeConfirmed: true } } : {}),
  };
}

export const SDQ_PARENT: InstrumentDefinition = {
  code: 'sdq-parent',
  version: 1,
  name: { en: 'Strengths and Difficulties Questionnaire (parent or carer)', cy: 'Holiadur Cryfderau ac Anawsterau (rhiant neu ofalwr)' },
  respondent: 'parent_carer',
  answeredIn: 'paper',
  licence: {
    itemsOnScreen: false,
    note: {
      en: 'The SDQ may not be reproduced electronically without the permission of its owner (Youth in Mind). Families complete the paper form; the worker enters the scale scores here.',
      cy: 'Ni cheir atgynhyrchu’r SDQ yn electronig heb ganiatâd ei berchennog (Youth in Mind). Mae teuluoedd yn llenwi’r ffurflen bapur; mae’r gweithiwr yn rhoi sgoriau’r graddfeydd yma.',
    },
  },
  bandSource: SDQ_BANDS_SOURCE,
  scales: [
    difficulties('emotional', { en: 'Emotional symptoms', cy: 'Symptomau emosiynol' }, 10, [3, 4, 6], 2.0, 0.67),
    difficulties('conduct', { en: 'Conduct problems', cy: 'Problemau ymddygiad' }, 10, [2, 3, 5], 1.7, 0.63),
    difficulties('hyperactivity', { en: 'Hyperactivity and inattention', cy: 'Gorfywiogrwydd a diffyg sylw' }, 10, [5, 7, 8], 2.7, 0.77),
    difficulties('peer', { en: 'Peer relationship problems', cy: 'Problemau perthynas â chyfoedion' }, 10, [2, 3, 4], 1.7, 0.57),
    {
      code: 'prosocial',
      name: { en: 'Prosocial behaviour', cy: 'Ymddygiad cymdeithasol' },
      min: 0,
      max: 10,
      higherIsBetter: true,
      bands: [
        { code: 'very_low', name: FOUR_BANDS.veryLow, min: 0, max: 5 },
        { code: 'low', name: FOUR_BANDS.low, min: 6, max: 6 },
        { code: 'slightly_lowered', name: FOUR_BANDS.slightlyLowered, min: 7, max: 7 },
        { code: 'close_to_average', name: FOUR_BANDS.closeToAverage, min: 8, max: 10 },
      ],
      norms: { sd: 1.6, reliability: 0.65, source: SDQ_NORMS_SOURCE, toBeConfirmed: true },
    },
    {
      ...difficulties('total', { en: 'Total difficulties', cy: 'Cyfanswm anawsterau' }, 40, [13, 16, 19], 5.8, 0.82),
      sumOf: ['emotional', 'conduct', 'hyperactivity', 'peer'],
    },
    // The impact supplement has no reliability in the cited source for this use: bands only, no reliable change.
    difficulties('impact', { en: 'Impact', cy: 'Effaith' }, 10, [0, 1, 2]),
  ],
  schedule: { baseline: 'placement', followUpMonths: [6, 12, 24], windowDaysBefore: 28, windowDaysAfter: 42 },
};

const SATISFACTION_ITEMS: [string, string, string][] = [
  [
    'information',
    'We were given the information we needed about our child before they moved in.',
    'Cawsom yr wybodaeth yr oedd ei hangen arnom am ein plentyn cyn iddo symud atom.',
  ],
  [
    'introductions',
    'Introductions were planned at a pace that suited our child.',
    'Cafodd y cyflwyniadau eu cynllunio ar gyflymder a oedd yn addas i’n plentyn.',
  ],
  [
    'contact',
    'Our social worker kept in touch as often as we needed.',
    'Roedd ein gweithiwr cymdeithasol yn cadw mewn cysylltiad mor aml ag yr oedd ei angen arnom.',
  ],
  ['support_access', 'We know how to ask for adoption support when we need it.', 'Rydym yn gwybod sut i ofyn am gymorth mabwysiadu pan fydd ei angen arnom.'],
  [
    'therapeutic',
    'The therapeutic support we received helped us understand our child.',
    'Mae’r cymorth therapiwtig a gawsom wedi ein helpu i ddeall ein plentyn.',
  ],
  ['confidence', 'We feel confident parenting our child day to day.', 'Rydym yn teimlo’n hyderus wrth fagu ein plentyn o ddydd i ddydd.'],
  [
    'language',
    'We could use Welsh or English with the agency, as we preferred.',
    'Roeddem yn gallu defnyddio’r Gymraeg neu’r Saesneg gyda’r asiantaeth, fel yr oeddem yn dymuno.',
  ],
  ['recommend', 'We would recommend Adopting Together to another family.', 'Byddem yn argymell Mabwysiadu Gyda’n Gilydd i deulu arall.'],
];

export const PLACEMENT_SATISFACTION: InstrumentDefinition = {
  code: 'placement-satisfaction',
  version: 1,
  name: { en: 'Placement satisfaction questionnaire for adoptive families', cy: 'Holiadur bodlonrwydd ar y lleoliad i deuluoedd mabwysiadol' },
  respondent: 'parent_carer',
  answeredIn: 'portal',
  licence: {
    itemsOnScreen: true,
    note: {
      en: 'Written by Adopting Together; free to use on screen.',
      cy: 'Wedi’i ysgrifennu gan Mabwysiadu Gyda’n Gilydd; mae’n rhydd i’w ddefnyddio ar sgrin.',
    },
  },
  bandSource: 'Adopting Together’s own bands for its questionnaire (8 items scored 1–5)',
  scales: [
    {
      code: 'satisfaction',
      name: { en: 'Overall satisfaction', cy: 'Bodlonrwydd cyffredinol' },
      min: 8,
      max: 40,
      higherIsBetter: true,
      bands: [
        { code: 'dissatisfied', name: { en: 'Dissatisfied', cy: 'Anfodlon' }, min: 8, max: 23 },
        { code: 'mixed', name: { en: 'Mixed', cy: 'Cymysg' }, min: 24, max: 31 },
        { code: 'satisfied', name: { en: 'Satisfied', cy: 'Bodlon' }, min: 32, max: 40 },
      ],
    },
  ],
  items: SATISFACTION_ITEMS.map(([code, en, cy]) => ({ code, text: { en, cy }, scale: 'satisfaction', answers: AGREE })),
  commentMaxLength: 2000,
  schedule: { baseline: 'placement', followUpMonths: [6, 12, 24], windowDaysBefore: 14, windowDaysAfter: 56 },
};

const MILESTONE_BANDS = [
  { code: 'on_track', name: { en: 'On track', cy: 'Ar y trywydd iawn' }, min: 0, max: 0 },
  { code: 'some_concern', name: { en: 'Some concern', cy: 'Rhywfaint o bryder' }, min: 1, max: 1 },
  { code: 'significant_concern', name: { en: 'Significant concern', cy: 'Pryder sylweddol' }, min: 2, max: 2 },
];

const domain = (code: string, en: string, cy: string): Scale => ({ code, name: { en, cy }, min: 0, max: 2, higherIsBetter: false, bands: MILESTONE_BANDS });

export const DEVELOPMENTAL_CHECK: InstrumentDefinition = {
  code: 'developmental-check',
  version: 1,
  name: { en: 'Developmental check', cy: 'Gwiriad datblygiadol' },
  respondent: 'worker',
  answeredIn: 'worker',
  licence: {
    itemsOnScreen: true,
    note: {
      en: 'Recorded by the child’s worker from what they, the family and health visitor or school see: milestones on track, some concern or significant concern per area.',
      cy: 'Wedi’i gofnodi gan weithiwr y plentyn o’r hyn y mae ef, y teulu a’r ymwelydd iechyd neu’r ysgol yn ei weld: cerrig milltir ar y trywydd iawn, rhywfaint o bryder neu bryder sylweddol ym mhob maes.',
    },
  },
  bandSource: 'Adopting Together’s three-level milestone rating, for children with developmental uncertainty',
  scales: [
    domain('communication', 'Communication and language', 'Cyfathrebu ac iaith'),
    domain('motor', 'Motor skills', 'Sgiliau echddygol'),
    domain('social', 'Social and emotional', 'Cymdeithasol ac emosiynol'),
    domain('learning', 'Learning and play', 'Dysgu a chwarae'),
  ],
  schedule: { baseline: 'referral_acceptance', followUpMonths: [6, 12, 24], windowDaysBefore: 28, windowDaysAfter: 42 },
};

export const SHIPPED_INSTRUMENTS: readonly InstrumentDefinition[] = [
  SDQ_PARENT,
  PLACEMENT_SATISFACTION,
  DEVELOPMENTAL_CHECK,
  AUTHORITY_SATISFACTION,
  WORKFORCE_SATISFACTION,
];
