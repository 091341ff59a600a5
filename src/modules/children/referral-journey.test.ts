import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError } from '../../platform/http/errors.ts';
import { dateFromParts, dateToParts } from '../../platform/forms/forms.ts';
import type { ChildInput } from './inputs.ts';
import {
  emptyDraft,
  firstIncomplete,
  previousStep,
  readDraft,
  stepUrl,
  unfinishedForm,
  withChild,
  withoutChild,
  withUnfinished,
  type ReferralDraft,
} from './referral-journey.ts';
import { childFromForm, childToForm } from './referral-forms.ts';

const child = (name: string) => ({ legalGivenNames: name, legalFamilyName: 'Prydderch', dateOfBirth: '2019-03-27' }) as ChildInput;

function threeChildren(): ReferralDraft {
  return {
    ...emptyDraft(),
    legalBasis: 'consent',
    children: [child('Alys'), child('Bedwyr'), child('Cerys')],
    siblingRelationships: [
      { child: 0, sibling: 1, relationship: 'full' },
      { child: 0, sibling: 2, relationship: 'half' },
      { child: 1, sibling: 2, relationship: 'half' },
    ],
    siblingAssessment: { assessment: 'together', reasons: 'Close', assessmentDate: null },
  };
}

function fieldsOf(work: () => unknown): string[] {
  try {
    work();
  } catch (error) {
    if (error instanceof ValidationError) return error.fieldErrors.map((e) => e.field);
    throw error;
  }
  return [];
}

describe('the referral journey', () => {
  it('goes legal basis → first child → brothers and sisters → check', () => {
    const draft = emptyDraft();
    assert.deepEqual(firstIncomplete(draft), { step: 'legal-basis' });
    const withBasis = { ...draft, legalBasis: 'consent' as const };
    assert.deepEqual(firstIncomplete(withBasis), { step: 'child', index: 0 });
    const one = withChild(withBasis, 0, child('Alys'));
    assert.deepEqual(firstIncomplete(one), { step: 'check' }, 'one child has no brothers and sisters step');
    const two = withChild(one, 1, child('Bedwyr'));
    assert.deepEqual(firstIncomplete(two), { step: 'siblings' });
    assert.deepEqual(firstIncomplete(threeChildren()), { step: 'check' });
  });

  it('asks again about brothers and sisters when a child is added', () => {
    const four = withChild(threeChildren(), 3, child('Dylan'));
    assert.deepEqual(firstIncomplete(four), { step: 'siblings' });
  });

  it('removes a child with their relationships and moves later children up', () => {
    const draft = withoutChild(threeChildren(), 0);
    assert.deepEqual(
      draft.children.map((c) => c.legalGivenNames),
      ['Bedwyr', 'Cerys'],
    );
    assert.deepEqual(draft.siblingRelationships, [{ child: 0, sibling: 1, relationship: 'half' }]);
    const single = withoutChild(draft, 1);
    assert.deepEqual(single.siblingRelationships, []);
    assert.equal(single.siblingAssessment, undefined);
  });

  it('links each step back to the one before', () => {
    const draft = threeChildren();
    assert.deepEqual(previousStep({ step: 'check' }, draft), { step: 'siblings' });
    assert.deepEqual(previousStep({ step: 'siblings' }, draft), { step: 'child', index: 2 });
    assert.deepEqual(previousStep({ step: 'child', index: 0 }, draft), { step: 'legal-basis' });
    assert.equal(stepUrl('d', { step: 'child', index: 1 }), '/referrals/drafts/d/children/2');
  });
});

describe('the forms of the journey', () => {
  it('turns day, month and year into a date, refusing one that does not exist', () => {
    assert.deepEqual(dateFromParts({ 'd-day': '7', 'd-month': '3', 'd-year': '2019' }, 'd'), { value: '2019-03-07' });
    assert.deepEqual(dateFromParts({}, 'd'), { value: null });
    assert.equal(dateFromParts({ 'd-day': '31', 'd-month': '2', 'd-year': '2019' }, 'd').error?.key, 'children:errors.dateParts.invalid');
    assert.equal(dateFromParts({ 'd-day': '1', 'd-year': '2019' }, 'd').error?.key, 'children:errors.dateParts.incomplete');
    assert.deepEqual(dateToParts('2019-03-07'), { day: '7', month: '3', year: '2019' });
  });

  it('reads a child with needs and their severity', () => {
    const parsed = childFromForm({
      legalGivenNames: 'Alys',
      legalFamilyName: 'Prydderch',
      'dateOfBirth-day': '27',
      'dateOfBirth-month': '3',
      'dateOfBirth-year': '2019',
      sex: 'female',
      ethnicity: 'white_british',
      legalStatus: 'care_order',
      languages: 'cy',
      needs: ['autism_spectrum'],
      'needSeverity-autism_spectrum': 'moderate',
      developmentalUncertainty: 'yes',
    });
    assert.equal(parsed.dateOfBirth, '2019-03-27');
    assert.deepEqual(parsed.languages, ['cy']);
    assert.deepEqual(parsed.needs, [{ category: 'autism_spectrum', severity: 'moderate', description: null }]);
    assert.equal(parsed.developmentalUncertainty, true);
    assert.equal(childToForm(parsed)['needSeverity-autism_spectrum'], 'moderate');
  });

  it('reports every problem of a child in one round, in the order of the page', () => {
    const fields = fieldsOf(() =>
      childFromForm({
        legalGivenNames: 'Alys',
        'dateOfBirth-day': '1',
        'dateOfBirth-month': '1',
        'dateOfBirth-year': '2999',
        needs: ['autism_spectrum'],
        sex: 'female',
        ethnicity: 'white_british',
      }),
    );
    assert.deepEqual(fields, ['legalFamilyName', 'dateOfBirth', 'legalStatus', 'needSeverity-autism_spectrum']);
  });

  it('keeps a page saved unfinished as typed, sends the person back to it, and forgets it once complete', () => {
    const draft = withUnfinished(
      { ...threeChildren(), children: [child('Alys')], siblingRelationships: [], siblingAssessment: undefined },
      { step: 'child', index: 1 },
      { _csrf: 'token', action: 'save-later', legalGivenNames: 'Bedwyr', languages: ['cy'] },
    );
    assert.deepEqual(unfinishedForm(draft, { step: 'child', index: 1 }), { legalGivenNames: 'Bedwyr', languages: ['cy'] }, 'no CSRF token or button kept');
    assert.deepEqual(firstIncomplete(draft), { step: 'child', index: 1 }, 'the unfinished page comes before check your answers');
    assert.deepEqual(readDraft(JSON.parse(JSON.stringify(draft))).unfinished, draft.unfinished, 'it survives being stored');
    const complete = withChild(draft, 1, child('Bedwyr'));
    assert.equal(unfinishedForm(complete, { step: 'child', index: 1 }), undefined);
    assert.deepEqual(firstIncomplete(complete), { step: 'siblings' });
  });

  it('moves an unfinished child page up with its child when an earlier child is removed', () => {
    const draft = withUnfinished(threeChildren(), { step: 'child', index: 2 }, { legalGivenNames: 'Cerys-typed' });
    const without = withoutChild(draft, 0);
    assert.deepEqual(unfinishedForm(without, { step: 'child', index: 1 }), { legalGivenNames: 'Cerys-typed' });
    assert.equal(unfinishedForm(withoutChild(draft, 2), { step: 'child', index: 2 }), undefined, 'the removed child’s page goes with them');
  });
});
