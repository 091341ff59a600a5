import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { translator } from '../../platform/i18n/i18n.ts';
import { STAGES } from '../recruitment/index.ts';
import { myApplicationView } from './view-model.ts';
import type { MyApplication } from './service.ts';

const application: MyApplication = {
  householdId: 'h1',
  reference: 'AT-2026-00042',
  stage: 'stage1',
  stageSince: '2026-03-02',
  due: { clock: 'stage1', due: '2026-05-02', daysLeft: 40, level: 'ok' },
  applicants: [
    { id: 'a1', givenNames: 'Morwenna' },
    { id: 'a2', givenNames: 'Tegid' },
  ],
  socialWorkerName: 'Ffion Example',
  outstanding: [
    { kind: 'dbs', applicantId: 'a2', count: 1 },
    { kind: 'reference', applicantId: null, count: 2 },
    { kind: 'local_authority', applicantId: null, count: 1 },
  ],
};

describe('the family’s view of their application', () => {
  it('says the stage in words, since when, when it is due and who their social worker is', () => {
    const view = myApplicationView(application, translator('en'), 'en');
    const text = view.summaryRows.map((r) => `${r.key.text}: ${r.value.text}`);
    assert.deepEqual(text, [
      'Where your application is: Stage 1: checks and preparation',
      'Since: 2 March 2026',
      'Expected to finish by: 2 May 2026',
      'Your social worker: Ffion Example',
      'Applicants: Morwenna, Tegid',
    ]);
    assert.deepEqual(view.outstanding, ['DBS check for Tegid', '2 more references', 'A local authority check']);
  });

  it('says the same in Welsh', () => {
    const view = myApplicationView(application, translator('cy'), 'cy');
    assert.equal(view.summaryRows[0]!.value.text, 'Cam 1: gwiriadau a pharatoi');
    assert.equal(view.summaryRows[2]!.value.text, '2 Mai 2026');
    assert.deepEqual(view.outstanding, ['Gwiriad DBS ar gyfer Tegid', '2 eirda arall', 'Gwiriad awdurdod lleol']);
  });

  it('has words for every stage, in both languages', () => {
    for (const language of ['en', 'cy'] as const) {
      const t = translator(language);
      for (const stage of STAGES) {
        const view = myApplicationView({ ...application, stage, due: null }, t, language);
        assert.doesNotMatch(view.summaryRows[0]!.value.text, /portal:|stage\./, `${language} ${stage}`);
        assert.doesNotMatch(view.stageHelp, /portal:|stageHelp\./, `${language} ${stage}`);
      }
    }
  });

  it('says when no social worker is allocated yet', () => {
    const view = myApplicationView({ ...application, socialWorkerName: null }, translator('en'), 'en');
    assert.ok(view.summaryRows.some((r) => r.value.text === 'Not allocated yet'));
  });
});
