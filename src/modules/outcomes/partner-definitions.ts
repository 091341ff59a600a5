import { AGREE } from './agree-scale.ts';
import type { InstrumentDefinition } from './instrument.ts';

/**
 * The partners' satisfaction questionnaires (domain.md, "Evaluation": satisfaction of families,
 * workers and local authorities). Both are the agency's own statements, free to show on screen,
 * answered 1–5 with an optional comment; overall satisfaction is the sum, banded so that the
 * bands match a mean answer below 3, from 3 to under 4, and 4 or more (as the families' questionnaire).
 */

const OWN_LICENCE = {
  itemsOnScreen: true,
  note: {
    en: 'Written by Adopting Together; free to use on screen.',
    cy: 'Wedi’i ysgrifennu gan Mabwysiadu Gyda’n Gilydd; mae’n rhydd i’w ddefnyddio ar sgrin.',
  },
};

const satisfactionScale = (items: number, mixedFrom: number, satisfiedFrom: number) => ({
  code: 'satisfaction',
  name: { en: 'Overall satisfaction', cy: 'Bodlonrwydd cyffredinol' },
  min: items,
  max: items * 5,
  higherIsBetter: true,
  bands: [
    { code: 'dissatisfied', name: { en: 'Dissatisfied', cy: 'Anfodlon' }, min: items, max: mixedFrom - 1 },
    { code: 'mixed', name: { en: 'Mixed', cy: 'Cymysg' }, min: mixedFrom, max: satisfiedFrom - 1 },
    { code: 'satisfied', name: { en: 'Satisfied', cy: 'Bodlon' }, min: satisfiedFrom, max: items * 5 },
  ],
});

const AUTHORITY_ITEMS: [string, string, string][] = [
  ['referral', 'The agency responded promptly and clearly to our referral.', 'Ymatebodd yr asiantaeth i’n hatgyfeiriad yn brydlon ac yn glir.'],
  [
    'kept_informed',
    'We were kept informed of the child’s progress throughout family finding and matching.',
    'Cawsom ein hysbysu am gynnydd y plentyn drwy gydol y broses o ddod o hyd i deulu a pharu.',
  ],
  ['family_meets_needs', 'The family found meets the child’s assessed needs.', 'Mae’r teulu a ganfuwyd yn diwallu anghenion asesedig y plentyn.'],
  [
    'therapeutic',
    'The therapeutic support offered to the child and family suits their needs.',
    'Mae’r cymorth therapiwtig a gynigiwyd i’r plentyn a’r teulu yn addas i’w hanghenion.',
  ],
  ['partnership', 'The agency worked well in partnership with our staff.', 'Gweithiodd yr asiantaeth yn dda mewn partneriaeth â’n staff.'],
  ['value', 'The service is good value for the fee paid.', 'Mae’r gwasanaeth yn werth da am y ffi a dalwyd.'],
  ['refer_again', 'We would refer another child to Adopting Together.', 'Byddem yn atgyfeirio plentyn arall at Mabwysiadu Gyda’n Gilydd.'],
];

/**
 * Answered by the referring local authority's staff about the service for one child of theirs the
 * agency placed, once, three months after the child moved in (settled enough to judge the match and
 * the support, early enough to remember the referral). Open for eight weeks; after that it is overdue
 * and may still be answered.
 */
export const AUTHORITY_SATISFACTION: InstrumentDefinition = {
  code: 'authority-satisfaction',
  version: 1,
  name: { en: 'Local authority satisfaction questionnaire', cy: 'Holiadur bodlonrwydd awdurdodau lleol' },
  respondent: 'local_authority',
  answeredIn: 'authority',
  licence: OWN_LICENCE,
  bandSource: 'Adopting Together’s own bands for its questionnaire (7 items scored 1–5)',
  scales: [satisfactionScale(7, 21, 28)],
  items: AUTHORITY_ITEMS.map(([code, en, cy]) => ({ code, text: { en, cy }, scale: 'satisfaction', answers: AGREE })),
  commentMaxLength: 2000,
  schedule: { baseline: 'none', followUpMonths: [3], windowDaysBefore: 0, windowDaysAfter: 56 },
};

const WORKFORCE_ITEMS: [string, string, string][] = [
  [
    'training',
    'The training I receive helps me work with the children who wait longest and their families.',
    'Mae’r hyfforddiant a gaf yn fy helpu i weithio gyda’r plant sy’n aros hiraf a’u teuluoedd.',
  ],
  ['supervision', 'I receive regular clinical supervision that helps my practice.', 'Rwy’n cael goruchwyliaeth glinigol reolaidd sy’n helpu fy ymarfer.'],
  ['consultation', 'I can get advice from a clinical psychologist when I need it.', 'Gallaf gael cyngor gan seicolegydd clinigol pan fydd ei angen arnaf.'],
  ['supported', 'I feel supported by the service in my work.', 'Rwy’n teimlo bod y gwasanaeth yn fy nghefnogi yn fy ngwaith.'],
  [
    'workload',
    'My workload lets me give children and families the time they need.',
    'Mae fy llwyth gwaith yn caniatáu i mi roi’r amser sydd ei angen ar blant a theuluoedd.',
  ],
];

/**
 * Answered by the agency's and the clinical partner's workers about the training, supervision and
 * support they receive, once each financial year (April to March: the year the funders' reports
 * cover). Anonymous: the answers never name who gave them (see partner-service.ts).
 */
export const WORKFORCE_SATISFACTION: InstrumentDefinition = {
  code: 'workforce-satisfaction',
  version: 1,
  name: { en: 'Workers’ satisfaction questionnaire', cy: 'Holiadur bodlonrwydd gweithwyr' },
  respondent: 'worker',
  answeredIn: 'workforce',
  licence: OWN_LICENCE,
  bandSource: 'Adopting Together’s own bands for its questionnaire (5 items scored 1–5)',
  scales: [satisfactionScale(5, 15, 20)],
  items: WORKFORCE_ITEMS.map(([code, en, cy]) => ({ code, text: { en, cy }, scale: 'satisfaction', answers: AGREE })),
  commentMaxLength: 2000,
  schedule: { baseline: 'none', followUpMonths: [], windowDaysBefore: 0, windowDaysAfter: 0, recurs: 'financial_year' },
};
