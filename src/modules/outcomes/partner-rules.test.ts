import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkDefinition } from './instrument.ts';
import { AUTHORITY_SATISFACTION, WORKFORCE_SATISFACTION } from './partner-definitions.ts';
import { authorityQuestionnairesDue, financialYearOf, financialYearsWithin, readAnswers, satisfactionCounts } from './partner-rules.ts';
import { commentsOf, satisfactionByItem } from './satisfaction.ts';
import { discloseSatisfaction } from './satisfaction-disclosure.ts';
import { DEFAULT_DISCLOSURE } from '../reporting/index.ts';

const all = (definition: typeof AUTHORITY_SATISFACTION, value: number) => Object.fromEntries((definition.items ?? []).map((i) => [i.code, String(value)]));

describe('the partners’ questionnaires as data', () => {
  it('are sound definitions with every statement in English and Welsh', () => {
    for (const definition of [AUTHORITY_SATISFACTION, WORKFORCE_SATISFACTION]) {
      assert.deepEqual(checkDefinition(definition), []);
      for (const item of definition.items ?? []) assert.notEqual(item.text.en, item.text.cy, `${definition.code} ${item.code} is translated`);
    }
  });
});

describe('what a local authority has due', () => {
  const placed = [{ agencyId: 'agency', childIds: ['amy', 'ben'], placementDate: '2026-01-10' }];

  it('opens nothing before three months after the child moved in', () => {
    assert.deepEqual(authorityQuestionnairesDue(AUTHORITY_SATISFACTION.schedule, placed, new Set(), '2026-04-09'), []);
  });

  it('opens one questionnaire per child of a sibling group on the day three months after the move, due for eight weeks', () => {
    const due = authorityQuestionnairesDue(AUTHORITY_SATISFACTION.schedule, placed, new Set(), '2026-04-10');
    assert.deepEqual(
      due.map((d) => [d.childId, d.months, d.dueOn, d.windowEnd, d.state, d.agencyId]),
      [
        ['amy', 3, '2026-04-10', '2026-06-05', 'due', 'agency'],
        ['ben', 3, '2026-04-10', '2026-06-05', 'due', 'agency'],
      ],
    );
  });

  it('keeps an unanswered one open, overdue, after its window, and drops one answered', () => {
    const due = authorityQuestionnairesDue(AUTHORITY_SATISFACTION.schedule, placed, new Set(['amy|2026-04-10']), '2026-09-01');
    assert.deepEqual(
      due.map((d) => [d.childId, d.state]),
      [['ben', 'overdue']],
    );
  });

  it('asks no baseline at placement', () => {
    assert.deepEqual(authorityQuestionnairesDue(AUTHORITY_SATISFACTION.schedule, placed, new Set(), '2026-01-10'), []);
  });
});

describe('the workers’ financial year', () => {
  it('runs from 1 April to 31 March and is named as funders name it', () => {
    assert.deepEqual(financialYearOf('2026-03-31'), { period: '2025-26', startsOn: '2025-04-01', endsOn: '2026-03-31' });
    assert.deepEqual(financialYearOf('2026-04-01'), { period: '2026-27', startsOn: '2026-04-01', endsOn: '2027-03-31' });
    assert.equal(financialYearOf('2099-12-31').period, '2099-00');
  });
});

describe('reading an answered questionnaire', () => {
  it('scores a complete answer as the sum of the statements, with the comment trimmed', () => {
    const read = readAnswers(AUTHORITY_SATISFACTION, all(AUTHORITY_SATISFACTION, 4), '  Good partnership.  ');
    assert.deepEqual(read.problems, []);
    assert.deepEqual(read.scores, { satisfaction: 28 });
    assert.equal(read.comment, 'Good partnership.');
  });

  it('names every unanswered statement, a value not offered and an overlong comment at once', () => {
    const answers = { ...all(AUTHORITY_SATISFACTION, 5), referral: '', value: '9' };
    const read = readAnswers(AUTHORITY_SATISFACTION, answers, 'x'.repeat(2001));
    assert.deepEqual(
      read.problems.map((p) => [p.field, p.key]),
      [
        ['answers.referral', 'outcomes:errors.answer.required'],
        ['answers.value', 'outcomes:errors.answer.invalid'],
        ['comment', 'outcomes:errors.comment.tooLong'],
      ],
    );
  });

  it('keeps an empty comment as none', () => {
    assert.equal(readAnswers(WORKFORCE_SATISFACTION, all(WORKFORCE_SATISFACTION, 3), '   ').comment, null);
  });
});

describe('the satisfaction report of a group', () => {
  const rows = [
    { submittedOn: null, year: '2026-27', answers: { training: 5, supervision: 4, consultation: 4, supported: 5, workload: 2 }, scores: { satisfaction: 20 } },
    { submittedOn: null, year: '2026-27', answers: { training: 3, supervision: 4, consultation: 2, supported: 4, workload: 2 }, scores: { satisfaction: 15 } },
    { submittedOn: null, year: '2025-26', answers: { training: 4, supervision: 4, consultation: 4, supported: 4, workload: 4 }, scores: { satisfaction: 20 } },
  ];

  it('gives each statement’s mean and share agreeing, the overall mean and the means by financial year', () => {
    const report = satisfactionByItem(WORKFORCE_SATISFACTION, rows);
    assert.equal(report.responses, 3);
    assert.deepEqual(report.years, ['2025-26', '2026-27']);
    const training = report.items.find((i) => i.code === 'training')!;
    assert.deepEqual(training.overall, { responses: 3, agreed: 2, mean: 4, agreePercent: 67 });
    assert.equal(training.byYear['2026-27']!.mean, 4);
    assert.deepEqual(report.overall, { responses: 3, meanScore: 18.3, min: 5, max: 25 });
    assert.deepEqual(report.overallByYear, [
      { year: '2025-26', responses: 1, meanScore: 20 },
      { year: '2026-27', responses: 2, meanScore: 17.5 },
    ]);
  });

  it('lists comments newest period first, in an order that says nothing about who answered when', () => {
    assert.deepEqual(
      commentsOf([
        { year: '2025-26', comment: 'More supervision, please.' },
        { year: '2026-27', comment: 'Training was excellent.' },
        { year: '2026-27', comment: null },
        { year: '2026-27', comment: 'A lot of travel.' },
      ]),
      [
        { year: '2026-27', text: 'A lot of travel.' },
        { year: '2026-27', text: 'Training was excellent.' },
        { year: '2025-26', text: 'More supervision, please.' },
      ],
    );
  });
});

describe('an authority’s own answers shown outside the agency', () => {
  const answer = (value: number) => ({
    answers: Object.fromEntries((AUTHORITY_SATISFACTION.items ?? []).map((i) => [i.code, value])),
    scores: { satisfaction: value * 7 },
  });

  it('hides small counts and the means behind them', () => {
    const figures = discloseSatisfaction(AUTHORITY_SATISFACTION, [answer(4), answer(5), answer(5)], DEFAULT_DISCLOSURE);
    const referral = figures.items.find((i) => i.code === 'referral')!;
    assert.ok(referral.counts.includes('c'));
    assert.equal(referral.mean, 'c');
    assert.equal(figures.overall.meanScore, 'c');
    assert.equal(figures.responses, 'c', 'three answers are a small number');
  });

  it('shows the mean when no count behind it is hidden', () => {
    const figures = discloseSatisfaction(
      AUTHORITY_SATISFACTION,
      Array.from({ length: 10 }, () => answer(4)),
      DEFAULT_DISCLOSURE,
    );
    const referral = figures.items.find((i) => i.code === 'referral')!;
    assert.deepEqual(referral.counts, [0, 0, 0, 10, 0]);
    assert.equal(referral.mean, 4);
    assert.equal(figures.overall.meanScore, 28);
    assert.equal(figures.responses, 10);
  });
});

describe('the partners’ satisfaction for a report’s period', () => {
  it('counts a financial year only when it lies wholly inside the period', () => {
    assert.deepEqual(financialYearsWithin('2025-04-01', '2026-03-31'), ['2025-26']);
    assert.deepEqual(financialYearsWithin('2024-04-01', '2026-03-31'), ['2024-25', '2025-26']);
    assert.deepEqual(financialYearsWithin('2025-04-01', '2025-06-30'), [], 'a quarter holds no whole year');
    assert.deepEqual(financialYearsWithin('2025-04-02', '2027-03-31'), ['2026-27'], 'a year begun before the period is left out');
    assert.deepEqual(financialYearsWithin('2025-01-01', '2026-12-31'), ['2025-26']);
  });

  it('counts who answered and who agreed per statement, and sums the overall scores, without the answers', () => {
    const read = (value: number) => readAnswers(WORKFORCE_SATISFACTION, all(WORKFORCE_SATISFACTION, value), '');
    const rows = [read(5), read(4), read(2)].map((r): { answers: Record<string, number>; scores: Record<string, number> | null } => ({
      answers: r.answers,
      scores: r.scores,
    }));
    rows.push({ answers: { training: 1 }, scores: null });
    const counts = satisfactionCounts(WORKFORCE_SATISFACTION, rows);
    assert.equal(counts.responses, 3, 'a questionnaire without an overall score is not a response');
    assert.equal(counts.scoreSum, 25 + 20 + 10);
    assert.deepEqual([counts.min, counts.max], [5, 25]);
    assert.deepEqual(
      counts.statements.map((s) => [s.code, s.answered, s.agreed]),
      [
        ['training', 4, 2],
        ['supervision', 3, 2],
        ['consultation', 3, 2],
        ['supported', 3, 2],
        ['workload', 3, 2],
      ],
    );
    assert.deepEqual(counts.statements[0]!.text, WORKFORCE_SATISFACTION.items![0]!.text);
  });
});
