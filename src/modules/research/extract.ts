import type { IsoDate } from '../../platform/dates/dates.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { researchRecords } from '../children/index.ts';
import { applyPlan, CategoryTally, type MergePlan } from './categories.ts';
import { agreementKey, coarsenField, pseudonym } from './coarsen.ts';
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

/**
 * Builds an extract in two passes over the agency's children, in batches (memory stays flat):
 * the first counts each category's children, the second writes the rows with small categories
 * merged (categories.ts), through the zip to `savePart`. Answers the zip's SHA-256 and size.
 */
export async function buildExtract(tx: Tx, plan: ExtractPlan) {
  const fields = plan.fields as ChoosableField[];
  const agencyId = plan.agreement.organisationId;
  const counted = fields.filter(merged).map((field) => ({ field, multi: multi(field) }));
  const tally = new CategoryTally();
  let children = 0;
  for await (const batch of researchRecords(tx, agencyId)) {
    for (const record of batch) {
      children += 1;
      for (const { field, multi } of counted) tally.add(field, coarsenField(field, record, plan.asOf), multi);
    }
  }
  const plans = new Map<string, MergePlan>(fields.filter(merged).map((f) => [f, tally.plan(f, plan.minimumCount)]));
  const key = agreementKey(plan.secret, plan.agreement.id);
  const columns = fields.map((field) => ({ field, merging: plans.get(field), multi: multi(field) }));
  const lines = async function* () {
    for await (const batch of researchRecords(tx, agencyId)) {
      let text = '';
      for (const record of batch) {
        let line = pseudonym(key, record.id);
        for (const { field, merging, multi } of columns) {
          const value = coarsenField(field, record, plan.asOf);
          line += `,${cell(merging ? applyPlan(value, merging, multi) : value)}`;
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
