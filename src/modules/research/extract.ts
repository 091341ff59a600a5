import type { IsoDate } from '../../platform/dates/dates.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { researchCategoryCounts, researchRecords, type ResearchCount, type ResearchCountedColumn, type ResearchRecord } from '../children/index.ts';
import { applyPlan, CategoryTally, type MergePlan } from './categories.ts';
import { agreementKey, coarsenField, pseudonymiser, yearsFromParts } from './coarsen.ts';
import { extractDictionary, fieldOf, type ChoosableField } from './dictionary.ts';
import { writeExtractZip } from './extract-zip.ts';
import { extractReadme } from './readme.ts';

/** A zip is stored in parts of about this size: written and read back without holding it whole. */
export const PART_BYTES = 1024 * 1024;

export type ExtractPlan = {
  agreement: {
    id: string;
    title: string;
    organisationId: string;
    purpose: string;
    lawfulBasis: string;
    endDate: IsoDate;
    partnerName: string;
    partnerNameCy: string | null;
  };
  fields: readonly string[];
  secret: string;
  asOf: IsoDate;
  minimumCount: number;
  partBytes?: number;
  savePart: (bytes: Buffer) => Promise<void>;
};

const merged = (field: string) => {
  const kind = fieldOf(field)?.kind;
  return kind === 'category' || kind === 'categories' || kind === 'district';
};
const multi = (field: string) => {
  const kind = fieldOf(field)?.kind;
  return kind === 'categories' || kind === 'district';
};

/** A CSV cell (RFC 4180): quoted only when it must be. Written here, not by csv-stringify, as this loop runs a million times. */
const cell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The column of the children's record each merged field is counted by (researchCategoryCounts groups by it). */
const COUNTED_BY: Partial<Record<ChoosableField, ResearchCountedColumn>> = {
  ageAtReferral: 'referralAge',
  ageAtExtract: 'dateOfBirth',
  sex: 'sex',
  ethnicity: 'ethnicity',
  legalStatus: 'legalStatus',
  status: 'status',
  region: 'region',
  needCategories: 'needCategories',
  developmentalUncertainty: 'developmentalUncertainty',
  additionalLearningNeeds: 'additionalLearningNeeds',
  acesKnown: 'aceKnown',
  acesKnownOrSuspected: 'aceKnownOrSuspected',
  outcome: 'outcome',
  importantContactDistricts: 'importantContactPostcodes',
};

/** A group's value of a field as coarsenField gives it for each child of the group. */
function countedValue(field: ChoosableField, group: ResearchCount, asOf: IsoDate): string {
  if (field === 'ageAtReferral') return String(yearsFromParts(group.referralYears!, group.referralBirthdayPassed!));
  // The group holds the one column the field is coarsened from (COUNTED_BY).
  return coarsenField(field, group as ResearchRecord, asOf);
}

/**
 * The first pass of an extract: how many children hold each value of each merged field, counted
 * in PostgreSQL by the column the field is coarsened from (a few thousand groups rather than every
 * child's record), each group's value coarsened here as a child's would be. Also answers how many
 * children the extract holds.
 */
export async function countCategories(tx: Tx, agencyId: string, fields: readonly ChoosableField[], asOf: IsoDate) {
  const counted = fields.filter(merged).map((field) => {
    const by = COUNTED_BY[field];
    if (!by) throw new Error(`no column to count ${field} by`);
    return { field, by, multi: multi(field) };
  });
  const tally = new CategoryTally();
  let children = 0;
  for (const group of await researchCategoryCounts(tx, agencyId)) {
    if (group.counted === 'all') children = group.children;
    for (const { field, by, multi } of counted) if (by === group.counted) tally.add(field, countedValue(field, group, asOf), multi, group.children);
  }
  return { tally, children };
}

/**
 * Builds an extract in two passes over the agency's children (memory stays flat): the first counts
 * each category's children (in PostgreSQL, countCategories), the second reads the rows in batches
 * and writes them with small categories merged (categories.ts), through the zip to `savePart`.
 * Answers the zip's SHA-256 and size.
 */
export async function buildExtract(tx: Tx, plan: ExtractPlan) {
  const fields = plan.fields as ChoosableField[];
  const agencyId = plan.agreement.organisationId;
  const { tally, children } = await countCategories(tx, agencyId, fields, plan.asOf);
  const plans = new Map<string, MergePlan>(fields.filter(merged).map((f) => [f, tally.plan(f, plan.minimumCount)]));
  // The agreement's key padded once for every child's HMAC (coarsen.ts): the same pseudonyms, at less cost.
  const pseudonym = pseudonymiser(agreementKey(plan.secret, plan.agreement.id));
  // A field of several values is merged value by value (sets and a sort): each distinct value is merged once.
  const columns = fields.map((field) => ({ field, merging: plans.get(field), multi: multi(field), shown: new Map<string, string>() }));
  const lines = async function* () {
    for await (const batch of researchRecords(tx, agencyId)) {
      let text = '';
      for (const record of batch) {
        let line = pseudonym(record.id);
        for (const { field, merging, multi, shown } of columns) {
          const value = coarsenField(field, record, plan.asOf);
          if (!merging) line += `,${cell(value)}`;
          else if (!multi) line += `,${cell(applyPlan(value, merging, false))}`;
          else {
            let merged = shown.get(value);
            if (merged === undefined) shown.set(value, (merged = cell(applyPlan(value, merging, true))));
            line += `,${merged}`;
          }
        }
        text += `${line}\n`;
      }
      yield text;
    }
  };

  const limit = plan.partBytes ?? PART_BYTES;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const bytes = Buffer.concat(pending);
    pending = [];
    pendingBytes = 0;
    await plan.savePart(bytes);
  };
  const summary = await writeExtractZip(
    {
      header: ['child', ...fields],
      lines: lines(),
      dictionary: extractDictionary(fields),
      readme: extractReadme({ ...plan.agreement, asOf: plan.asOf, children, minimumCount: plan.minimumCount }),
      madeOn: new Date(`${plan.asOf}T00:00:00Z`),
    },
    async (chunk) => {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= limit) await flush();
    },
  );
  await flush();
  return { ...summary, children, fields };
}
