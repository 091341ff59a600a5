import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { choices, dateField, dateFromQuery, dateParts, datesFromForm, formErrors, formValues, list, queryWithDates, selectItems, text } from './forms.ts';

const t = (key: string) => `«${key}»`;
const hrefs = (model: { errorList: { href: string }[] }) => model.errorList.map((e) => e.href);

describe('the error summary of a form', () => {
  it('links a date’s message to its day box, the first input of the group', () => {
    const model = formErrors(
      [
        { field: 'dueDate', key: 'x' },
        { field: 'description', key: 'y' },
      ],
      t,
      { dateFields: ['dueDate'] },
    );
    assert.deepEqual(hrefs(model), ['#dueDate-day', '#description']);
  });

  it('links dates named per row by a test of the anchor (an ACE category’s “recorded on”)', () => {
    const model = formErrors([{ field: 'recordedOn-neglect', key: 'x' }], t, { dateFields: (anchor) => anchor.startsWith('recordedOn-') });
    assert.deepEqual(hrefs(model), ['#recordedOn-neglect-day']);
  });

  it('sends a stale version or a problem with the whole form to the main content', () => {
    assert.deepEqual(
      hrefs(
        formErrors(
          [
            { field: 'version', key: 'x' },
            { field: 'body', key: 'y' },
          ],
          t,
        ),
      ),
      ['#main-content', '#main-content'],
    );
  });

  it('points a field at another element when asked, and renames service fields to their form control', () => {
    const model = formErrors(
      [
        { field: 'applicantId', key: 'x' },
        { field: 'targetProfile.ageMin', key: 'y' },
      ],
      t,
      { anchors: { applicantId: 'booking' }, fieldNames: { 'targetProfile.ageMin': 'targetAgeMin' } },
    );
    assert.deepEqual(hrefs(model), ['#booking', '#targetAgeMin']);
    assert.equal(model.fieldErrors.targetAgeMin?.text, '«y»');
  });

  it('without options is the plain GOV.UK summary: one link per field, at the field', () => {
    const model = formErrors(
      [
        { field: 'date', key: 'x' },
        { field: 'date', key: 'again' },
      ],
      t,
    );
    assert.deepEqual(hrefs(model), ['#date']);
  });
});

describe('reading a posted form', () => {
  it('takes one trimmed answer, the first of a repeated name', () => {
    assert.equal(text({ a: '  Dewi ', b: ['x', 'y'] }, 'a'), 'Dewi');
    assert.equal(text({ b: ['x', 'y'] }, 'b'), 'x');
    assert.equal(text({}, 'c'), '');
  });

  it('reads a checkbox list whether one or many boxes are ticked, without blanks', () => {
    assert.deepEqual(list({ a: 'one' }, 'a'), ['one']);
    assert.deepEqual(list({ a: ['one', '', 'two'] }, 'a'), ['one', 'two']);
    assert.deepEqual(list({ a: '' }, 'a'), []);
  });

  it('shows the form again as typed, without its CSRF token', () => {
    assert.deepEqual(formValues({ _csrf: 'secret', name: ' as typed ' }), { name: ' as typed ' });
  });
});

describe('date inputs', () => {
  it('words a mistake the module’s way, and a blank date only when one is required', () => {
    const errors: { field: string; key: string }[] = [];
    assert.equal(dateField({ 'd-day': '31', 'd-month': '2', 'd-year': '2025' }, 'd', errors, { invalid: 'mine.invalid' }), null);
    assert.equal(dateField({}, 'e', errors), null);
    assert.equal(dateField({}, 'f', errors, { required: 'mine.required' }), null);
    assert.deepEqual(errors, [
      { field: 'd', key: 'mine.invalid' },
      { field: 'f', key: 'mine.required' },
    ]);
  });

  it('reads several optional dates with the general messages', () => {
    const { values, errors } = datesFromForm({ 'a-day': '7', 'a-month': '3', 'a-year': '2019', 'b-day': '1' }, ['a', 'b', 'c']);
    assert.deepEqual(values, { a: '2019-03-07', b: null, c: null });
    assert.deepEqual(errors, [{ field: 'b', key: 'children:errors.dateParts.incomplete' }]);
  });

  it('fills the three boxes from an ISO date', () => {
    assert.deepEqual(dateParts('agreedDate', '2024-09-05'), { 'agreedDate-day': '5', 'agreedDate-month': '9', 'agreedDate-year': '2024' });
    assert.deepEqual(dateParts('agreedDate', null), { 'agreedDate-day': '', 'agreedDate-month': '', 'agreedDate-year': '' });
  });
});

describe('choices', () => {
  it('marks the current answers and puts an empty option first in a select', () => {
    assert.deepEqual(
      choices(['a', 'b'], 'p', t, ['b']).map((c) => [c.value, c.checked]),
      [
        ['a', false],
        ['b', true],
      ],
    );
    assert.deepEqual(selectItems(['a'], 'p', t, undefined, 'Any')[0], { value: '', text: 'Any', selected: true });
  });
});

describe('a date asked for in a GET form', () => {
  it('reads the three boxes of its date input, and shows them again', () => {
    const found = dateFromQuery({ 'asOf-day': '5', 'asOf-month': '4', 'asOf-year': '2026' }, 'asOf');
    assert.equal(found.value, '2026-04-05');
    assert.deepEqual(found.values, { 'asOf-day': '5', 'asOf-month': '4', 'asOf-year': '2026' });
  });

  it('reads the ISO date a link or a download carries, as the boxes would show it', () => {
    const found = dateFromQuery({ asOf: '2026-04-05' }, 'asOf');
    assert.equal(found.value, '2026-04-05');
    assert.equal(found.values['asOf-day'], '5');
  });

  it('names a date that does not exist with the module’s own message, keeping what was typed; blank is no date', () => {
    const found = dateFromQuery({ 'asOf-day': '30', 'asOf-month': '2', 'asOf-year': '2026' }, 'asOf', 'support:errors.asOf.invalid');
    assert.deepEqual([found.value, found.error], [null, { field: 'asOf', key: 'support:errors.asOf.invalid' }]);
    assert.equal(found.values['asOf-day'], '30');
    assert.equal(dateFromQuery({ asOf: '2026-02-30' }, 'asOf').error?.field, 'asOf');
    assert.deepEqual([dateFromQuery({}, 'asOf').value, dateFromQuery({}, 'asOf').error], [null, undefined]);
  });
});

describe('a filter’s period from its date inputs', () => {
  it('reads the boxes or a link’s ISO dates into the query, and names a date that is not real at its day box', () => {
    const read = queryWithDates({ 'from-day': '1', 'from-month': '3', 'from-year': '2026', to: '2026-03-31', status: 'delivered' });
    assert.deepEqual(read.query, { from: '2026-03-01', to: '2026-03-31', status: 'delivered' });
    assert.deepEqual(read.errors, []);
    assert.equal(read.values['to-day'], '31');

    const wrong = queryWithDates({ 'from-day': '30', 'from-month': '2', 'from-year': '2026' });
    assert.deepEqual(wrong.query, {}, 'a wrong date does not filter');
    assert.deepEqual(wrong.errors, [{ field: 'from', key: 'errors.filterFrom.invalid' }]);
    assert.equal(wrong.values['from-day'], '30', 'the boxes show what was typed');
    assert.equal(formErrors(wrong.errors, (k) => k, { dateFields: ['from', 'to'] }).errorList[0]!.href, '#from-day');
  });
});
