import { z } from 'zod';

/**
 * An instrument is data, not code (domain.md, "Licensing"): its scales, score ranges, direction,
 * bands with their cut-offs, the norms reliable change needs, who answers it and whether its items
 * may be shown on screen. Every score is stored with the definition version it was scored against.
 */

const text = z.object({ en: z.string().trim().min(1).max(300), cy: z.string().trim().min(1).max(300) });
export type Text = z.infer<typeof text>;

export const RESPONDENTS = ['parent_carer', 'teacher', 'child', 'worker'] as const;
export type Respondent = (typeof RESPONDENTS)[number];

/** Who answers a questionnaire about the service itself (not about a child): the referring authority's staff. */
export const DEFINITION_RESPONDENTS = [...RESPONDENTS, 'local_authority'] as const;

/**
 * Where an instrument is answered. paper: scale scores entered by a worker; portal: answered by the
 * family; worker: recorded by the worker about a child; authority: answered by the child's local
 * authority about the service it received for the child; workforce: answered by the agency's and the
 * clinical partner's workers about the training, supervision and support they receive.
 */
export const ANSWERED_IN = ['paper', 'portal', 'worker', 'authority', 'workforce'] as const;

/** Instruments a worker records about a child (paper scores or their own check); everything else is answered by someone else. */
export const recordedByWorkers = (d: { answeredIn: string }) => d.answeredIn === 'paper' || d.answeredIn === 'worker';

/** What a schedule's first point is anchored on; `none` for questionnaires with no baseline (the authority's, asked once settled). */
export const BASELINE_ANCHORS = ['referral_acceptance', 'placement', 'none'] as const;

const band = z.object({ code: z.string().regex(/^[a-z][a-z0-9_]*$/), name: text, min: z.number().int(), max: z.number().int() });

const scale = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]*$/),
  name: text,
  min: z.number().int(),
  max: z.number().int(),
  /** Prosocial behaviour and satisfaction: a rise is good. Difficulties: a rise is worse. */
  higherIsBetter: z.boolean(),
  /** Cut-offs, lowest score first, covering min..max without gaps. */
  bands: z.array(band).min(1),
  /** Norms for the reliable change index; absent when no published reliability exists. */
  norms: z
    .object({
      sd: z.number().positive(),
      reliability: z.number().gt(0).lt(1),
      source: z.string().min(1),
      /** True while the figures have not been checked against the source they cite: the instruments page says so. */
      toBeConfirmed: z.boolean().optional(),
    })
    .optional(),
  /** A total checked on entry: it must equal the sum of these scales. */
  sumOf: z.array(z.string()).optional(),
});

const item = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]*$/),
  text,
  scale: z.string(),
  /** The answers offered, each scoring its value towards the item's scale. */
  answers: z.array(z.object({ value: z.number().int(), label: text })).min(2),
});

export const instrumentDefinition = z.object({
  code: z.string().regex(/^[a-z][a-z0-9-]*$/),
  version: z.number().int().min(1),
  name: text,
  respondent: z.enum(DEFINITION_RESPONDENTS),
  answeredIn: z.enum(ANSWERED_IN),
  licence: z.object({ itemsOnScreen: z.boolean(), note: text }),
  /** Where the band cut-offs come from. */
  bandSource: z.string().min(1),
  scales: z.array(scale).min(1),
  items: z.array(item).optional(),
  /** An optional free-text comment after the statements (partners' questionnaires), up to this many characters. */
  commentMaxLength: z.number().int().min(1).max(5000).optional(),
  schedule: z.object({
    baseline: z.enum(BASELINE_ANCHORS),
    followUpMonths: z.array(z.number().int().min(1).max(120)),
    /** How many days before and after each due date an administration still counts for it. */
    windowDaysBefore: z.number().int().min(0).max(180),
    windowDaysAfter: z.number().int().min(0).max(180),
    /** Due once in each period rather than against a child's dates (the workers' questionnaire: each financial year). */
    recurs: z.enum(['financial_year']).optional(),
  }),
});

export type InstrumentDefinition = z.infer<typeof instrumentDefinition>;
export type Scale = InstrumentDefinition['scales'][number];
export type Band = Scale['bands'][number];

/** The band a score falls in (bands cover the scale's whole range; see checkDefinition). */
export function bandOf(scale: Scale, score: number): Band | undefined {
  return scale.bands.find((b) => score >= b.min && score <= b.max);
}

/** How serious a band is, 0 = the best band, whichever way the scale runs. */
export function bandRank(scale: Scale, score: number): number {
  const index = scale.bands.findIndex((b) => score >= b.min && score <= b.max);
  return scale.higherIsBetter ? scale.bands.length - 1 - index : index;
}

export function nameIn(text: Text, language: 'en' | 'cy'): string {
  return text[language];
}

/**
 * What makes a definition unusable, as plain reasons: bands that leave gaps or overlap, a total of
 * unknown scales, items scoring a scale that does not exist. Empty when it is sound.
 */
export function checkDefinition(definition: InstrumentDefinition): string[] {
  const problems: string[] = [];
  const codes = new Set<string>();
  for (const s of definition.scales) {
    if (codes.has(s.code)) problems.push(`scale ${s.code} twice`);
    codes.add(s.code);
    if (s.min >= s.max) problems.push(`scale ${s.code}: minimum must be below maximum`);
    let next = s.min;
    for (const b of s.bands) {
      if (b.min !== next || b.max < b.min) problems.push(`scale ${s.code}: band ${b.code} must start at ${next}`);
      next = b.max + 1;
    }
    if (next !== s.max + 1) problems.push(`scale ${s.code}: bands must end at ${s.max}`);
  }
  for (const s of definition.scales) {
    for (const part of s.sumOf ?? []) if (!codes.has(part)) problems.push(`scale ${s.code}: sums unknown scale ${part}`);
  }
  for (const i of definition.items ?? []) if (!codes.has(i.scale)) problems.push(`item ${i.code}: unknown scale ${i.scale}`);
  if (definition.items?.length && !definition.licence.itemsOnScreen) problems.push('items given but the licence does not allow them on screen');
  return problems;
}
