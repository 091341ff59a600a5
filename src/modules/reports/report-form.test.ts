import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inputFromForm } from './report-form.ts';

const today = '2026-12-07';
const base = { organisation: 'welsh-government', language: 'cy' };
const fieldsOf = (result: ReturnType<typeof inputFromForm>) => ('errors' in result ? result.errors.map((e) => [e.field, e.key]) : []);

describe('the report form’s second page, for the kind of period chosen first', () => {
  it('a financial year runs from 1 April to 31 March', () => {
    assert.deepEqual(inputFromForm({ ...base, year: '2025' }, 'year', today), {
      input: { organisation: 'welsh-government', from: '2025-04-01', to: '2026-03-31', language: 'cy' },
    });
  });

  it('a quarter needs its year and which quarter, each said at its own box', () => {
    assert.deepEqual(fieldsOf(inputFromForm({ ...base, year: '25' }, 'quarter', today)), [
      ['year', 'reports:errors.year.invalid'],
      ['quarter', 'reports:errors.quarter.required'],
    ]);
    assert.deepEqual(inputFromForm({ ...base, year: '2026', quarter: '2' }, 'quarter', today), {
      input: { organisation: 'welsh-government', from: '2026-07-01', to: '2026-09-30', language: 'cy' },
    });
  });

  it('other dates: both asked for, and a period ending after today refused at the last date', () => {
    assert.deepEqual(fieldsOf(inputFromForm({ ...base }, 'dates', today)), [
      ['from', 'reports:errors.from.required'],
      ['to', 'reports:errors.to.required'],
    ]);
    const dates = { 'from-day': '1', 'from-month': '11', 'from-year': '2026', 'to-day': '31', 'to-month': '12', 'to-year': '2026' };
    assert.deepEqual(fieldsOf(inputFromForm({ ...base, ...dates }, 'dates', today)), [['to', 'reports:errors.to.inFuture']]);
  });

  it('the boxes of another kind of period are ignored (a year typed before choosing dates)', () => {
    const dates = { 'from-day': '1', 'from-month': '4', 'from-year': '2026', 'to-day': '30', 'to-month': '6', 'to-year': '2026' };
    assert.deepEqual(inputFromForm({ ...base, year: 'nonsense', ...dates }, 'dates', today), {
      input: { organisation: 'welsh-government', from: '2026-04-01', to: '2026-06-30', language: 'cy' },
    });
  });

  it('asks for the recipient and the language whatever the period', () => {
    assert.deepEqual(fieldsOf(inputFromForm({ year: '2025' }, 'year', today)), [
      ['organisation', 'reports:errors.organisation.required'],
      ['language', 'reports:errors.language.required'],
    ]);
  });
});
