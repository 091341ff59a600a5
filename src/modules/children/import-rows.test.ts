import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { translator } from '../../platform/i18n/i18n.ts';
import { columnLabelKey, IMPORT_COLUMNS, parseReferralCsv } from './import-rows.ts';

const header = 'referral,legal_basis,legal_given_names,legal_family_name,date_of_birth,sex,ethnicity,legal_status,placement_order_date,needs';

describe('reading a CSV of referrals', () => {
  it('groups rows with the same referral key into one sibling referral', () => {
    const parsed = parseReferralCsv(
      [
        header,
        'R1,consent,Alys,Demoford,2019-01-01,female,white_british,placement_order,2024-05-01,autism_spectrum:moderate',
        'R1,consent,Bryn,Demoford,2021-02-02,male,white_british,placement_order,2024-05-01,',
        'R2,consent,Cai,Sampleton,2018-03-03,male,white_irish,care_order,,',
      ].join('\n'),
    );
    assert.deepEqual(parsed.rejected, []);
    assert.deepEqual(
      parsed.referrals.map((r) => [r.key, r.input.children.length]),
      [
        ['R1', 2],
        ['R2', 1],
      ],
    );
    assert.deepEqual(parsed.referrals[0]!.input.children[0]!.needs, [{ category: 'autism_spectrum', severity: 'moderate', description: null }]);
  });

  it('reports every bad row with its reason, and keeps brothers and sisters together', () => {
    const parsed = parseReferralCsv(
      [
        header,
        'R1,consent,Alys,Demoford,2019-02-30,female,white_british,placement_order,,',
        'R1,consent,Bryn,Demoford,2021-02-02,male,white_british,placement_order,,',
        'R2,consent,Cai,Sampleton,2018-03-03,male,white_irish,care_order,2017-01-01,',
      ].join('\n'),
    );
    assert.deepEqual(
      parsed.rejected.map((r) => [r.row, r.field, r.key]),
      [
        [2, 'dateOfBirth', 'children:errors.date.invalid'],
        [4, 'placementOrderDate', 'children:errors.placementOrderDate.beforeBirth'],
      ],
    );
    assert.deepEqual(parsed.referrals, [], 'Bryn is not imported without Alys');
  });

  it('says which required column is missing', () => {
    const parsed = parseReferralCsv('referral,legal_given_names\nR1,Alys');
    assert.equal(parsed.rejected[0]!.key, 'imports:errors.missingColumn');
  });

  it('names the column of a rejected field in words of either language, never by its code', () => {
    assert.equal(columnLabelKey('dateOfBirth'), 'children:summary.labels.dateOfBirth');
    assert.equal(columnLabelKey('children.1.needs.0.category'), 'children:summary.labels.needs');
    assert.equal(columnLabelKey('date_of_birth'), 'children:summary.labels.dateOfBirth');
    assert.equal(translator('cy')(columnLabelKey('legalBasis')), 'Sail gyfreithiol');
    for (const language of ['en', 'cy'] as const) {
      const t = translator(language);
      for (const column of [...IMPORT_COLUMNS, 'file', 'children']) {
        const words = t(columnLabelKey(column));
        assert.ok(!words.includes(':') && !words.includes('_'), `${language} ${column}: ${words}`);
      }
    }
  });
});
