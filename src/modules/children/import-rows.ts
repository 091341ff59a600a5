import { parse as parseCsv } from 'csv-parse/sync';
import { toFieldErrors } from '../../platform/http/validation.ts';
import { childInput, referralInput, type ReferralInput } from './inputs.ts';

/**
 * CSV import of referrals: one row per child; rows sharing a `referral` key are one referral
 * (brothers and sisters together). Pure: text in, referrals and a report of rejected rows out.
 */
export const IMPORT_COLUMNS = [
  'referral',
  'legal_basis',
  'legal_given_names',
  'legal_family_name',
  'preferred_name',
  'local_authority_reference',
  'date_of_birth',
  'sex',
  'ethnicity',
  'religion',
  'languages',
  'legal_status',
  'entered_care_date',
  'care_order_date',
  'placement_order_date',
  'adoption_plan_date',
  'needs',
  'developmental_uncertainty',
  'current_placement',
] as const;

export type RejectedRow = { row: number; field: string; key: string; params?: Record<string, string | number> };
export type ParsedImport = { referrals: { key: string; rows: number[]; input: ReferralInput }[]; rejected: RejectedRow[]; rows: number };

/**
 * The words for the column a rejected row's field came from (a translation key), so the report
 * names it in the reader's language rather than by its code: `dateOfBirth` and
 * `children.1.needs.0.category` are the child's columns, `legalBasis` and `referral` the referral's.
 */
export function columnLabelKey(field: string): string {
  const [first] = field.replace(/^children\.\d+\./, '').split('.');
  if (first === 'legalBasis' || first === 'legal_basis') return 'children:journey.check.legalBasis';
  if (first === 'referral' || first === 'file' || first === 'children') return `imports:columns.${first}`;
  const column = IMPORT_COLUMNS.find((c) => c === first || camel(c) === first);
  return column ? `children:summary.labels.${camel(column)}` : 'imports:columns.file';
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** "autism_spectrum:moderate; medical_condition:mild" → needs. */
function parseNeeds(text: string) {
  return text
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [category, severity] = part.split(':').map((s) => s.trim());
      return { category, severity, description: null };
    });
}

export function parseReferralCsv(text: string): ParsedImport {
  let records: Record<string, string>[];
  try {
    records = parseCsv(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    return {
      referrals: [],
      rejected: [{ row: 1, field: 'file', key: 'imports:errors.notCsv', params: { detail: String((error as Error).message).slice(0, 120) } }],
      rows: 0,
    };
  }
  const rejected: RejectedRow[] = [];
  const first = records[0];
  const missing = IMPORT_COLUMNS.filter((c) => !first || !(c in first)).filter((c) =>
    ['referral', 'legal_basis', 'legal_given_names', 'legal_family_name', 'date_of_birth', 'sex', 'ethnicity', 'legal_status'].includes(c),
  );
  if (records.length === 0 || missing.length) {
    return {
      referrals: [],
      rejected: [
        {
          row: 1,
          field: missing[0] ?? 'file',
          key: records.length === 0 ? 'imports:errors.empty' : 'imports:errors.missingColumn',
          params: { column: missing[0] ?? '', columnKey: columnLabelKey(missing[0] ?? 'file') },
        },
      ],
      rows: records.length,
    };
  }
  const groups = new Map<string, { rows: number[]; children: unknown[]; legalBasis: string; bad: boolean }>();
  records.forEach((record, index) => {
    const row = index + 2; // the header is row 1, as a spreadsheet shows it
    const key = record.referral ?? '';
    const child: Record<string, unknown> = {};
    for (const column of IMPORT_COLUMNS) {
      if (column === 'referral' || column === 'legal_basis') continue;
      const value = record[column];
      if (value === undefined || value === '') continue;
      if (column === 'needs') child.needs = parseNeeds(value);
      else if (column === 'languages')
        child.languages = value
          .split(';')
          .map((v) => v.trim())
          .filter(Boolean);
      else child[camel(column)] = value;
    }
    const parsed = childInput.safeParse(child);
    const group = groups.get(key) ?? { rows: [], children: [], legalBasis: record.legal_basis ?? '', bad: false };
    groups.set(key, group);
    group.rows.push(row);
    if (!key) {
      rejected.push({ row, field: 'referral', key: 'imports:errors.referralKey' });
      group.bad = true;
    }
    if (!parsed.success) {
      for (const e of toFieldErrors(parsed.error)) rejected.push({ row, field: e.field, key: e.key, params: e.params });
      group.bad = true;
    } else group.children.push(parsed.data);
  });
  const referrals: ParsedImport['referrals'] = [];
  for (const [key, group] of groups) {
    if (group.bad) continue;
    const parsed = referralInput.safeParse({ legalBasis: group.legalBasis, children: group.children });
    if (!parsed.success) {
      for (const e of toFieldErrors(parsed.error)) rejected.push({ row: group.rows[0]!, field: e.field, key: e.key, params: e.params });
      continue;
    }
    referrals.push({ key, rows: group.rows, input: parsed.data });
  }
  rejected.sort((a, b) => a.row - b.row);
  return { referrals, rejected, rows: records.length };
}
