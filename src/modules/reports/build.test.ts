import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildReportDocument, type ReportHeading } from './build.ts';
import type { ReportSection, ReportTable } from './document.ts';
import { emptyFacts, type ReportFacts } from './facts.ts';

const heading = (language: 'en' | 'cy' = 'en'): ReportHeading => ({
  language,
  recipient: 'Example Trust',
  issuer: 'Adopting Together',
  period: { from: '2026-04-01', to: '2027-03-31' },
  reference: null,
  issuedOn: null,
});

const facts = (change: (f: ReportFacts) => void): ReportFacts => {
  const f = emptyFacts();
  change(f);
  return f;
};

const section = (doc: { sections: ReportSection[] }, code: string) => doc.sections.find((s) => s.code === code)!;
const table = (s: ReportSection, code: string) => s.tables.find((t) => t.code === code)!;
const row = (t: ReportTable, label: string) => t.rows.find((r) => r.label === label)!.values;

describe('report document measures', () => {
  it('counts children at each step by local authority and suppresses a small authority with a complement', () => {
    const doc = buildReportDocument(
      facts((f) => {
        f.flow = [
          { authority: 'Cardiff', referred: 20, accepted: 18, matched: 10, placed: 9, adopted: 6 },
          { authority: 'Swansea', referred: 3, accepted: 3, matched: 7, placed: 8, adopted: 0 },
          { authority: 'Newport', referred: 12, accepted: 11, matched: 6, placed: 5, adopted: 7 },
        ];
      }),
      heading(),
    );
    const flow = table(section(doc, 'children'), 'children_flow');
    assert.deepEqual(row(flow, 'Cardiff'), [20, 18, 10, 9, 6]);
    // Swansea's 3 referred and 3 accepted are hidden; a second authority is hidden in those columns so the total cannot give them back.
    assert.equal(row(flow, 'Swansea')[0], 'c');
    assert.equal(row(flow, 'Swansea')[1], 'c');
    assert.ok(row(flow, 'Cardiff')[0] === 'c' || row(flow, 'Newport')[0] === 'c');
    assert.deepEqual(row(flow, 'Total'), [35, 30, 25, 20, 15]);
    assert.ok(flow.notes.some((n) => n.includes('“c”')));
    assert.ok(section(doc, 'children').headlines[0]!.startsWith('20 children were placed'));
    const chart = section(doc, 'children').charts[0]!;
    assert.deepEqual(
      chart.bars.map((b) => b.value),
      [35, 30, 25, 20, 15],
    );
  });

  it('a commissioning authority alone: its own figures, small ones as "c"', () => {
    const doc = buildReportDocument(
      facts((f) => {
        f.flow = [{ authority: 'Swansea', referred: 3, accepted: 3, matched: 7, placed: 8, adopted: 0 }];
      }),
      heading(),
    );
    const flow = table(section(doc, 'children'), 'children_flow');
    assert.equal(flow.rows.length, 1);
    assert.deepEqual(flow.rows[0]!.values, ['c', 'c', 7, 8, 0]);
  });

  it('shares sibling groups placed together without giving back a hidden part', () => {
    const doc = buildReportDocument(
      facts((f) => (f.siblingGroups = { together: 9, apart: 2 })),
      heading(),
    );
    const siblings = table(section(doc, 'children'), 'sibling_groups');
    assert.equal(row(siblings, 'Placed apart')[0], 'c');
    assert.equal(row(siblings, 'Placed together')[0], 'c', 'the complement is hidden too, since the total is shown');
    assert.equal(row(siblings, 'Placed together')[1], 'c');
  });

  it('counts each priority reason on its own, hiding small ones', () => {
    const doc = buildReportDocument(
      facts((f) => {
        f.priorityReasons = [
          { code: 'age', children: 14 },
          { code: 'sibling_group', children: 2 },
        ];
      }),
      heading(),
    );
    const reasons = table(section(doc, 'priority'), 'priority_reasons');
    assert.deepEqual(row(reasons, 'Aged 4 or older at referral'), [14]);
    assert.deepEqual(row(reasons, 'In a sibling group'), ['c']);
  });

  it('gives the average ACEs of children placed against the comparison cohort, and hides it beside a hidden cell', () => {
    const many = buildReportDocument(
      facts((f) => {
        f.aces = {
          distribution: [0, 0, 0, 0, 0, 5, 5, 5, 5, 5, 0],
          comparatorMean: 4,
          comparatorLabel: { en: 'mainstream adoptions', cy: 'mabwysiadau prif ffrwd' },
        };
      }),
      heading(),
    );
    const aces = section(many, 'aces');
    assert.deepEqual(row(table(aces, 'aces_average'), 'Children placed'), [7]);
    assert.equal(aces.headlines[0], 'Children placed had on average 7.0 ACEs against 4.0 in the mainstream adoptions.');
    const few = buildReportDocument(
      facts((f) => {
        f.aces = { distribution: [0, 0, 0, 0, 0, 5, 5, 5, 5, 2, 0], comparatorMean: 4, comparatorLabel: { en: 'x', cy: 'x' } };
      }),
      heading(),
    );
    assert.deepEqual(row(table(section(few, 'aces'), 'aces_average'), 'Children placed'), ['c']);
  });

  it('hides an average of days over too few children and keeps shares whole', () => {
    const doc = buildReportDocument(
      facts((f) => {
        f.timeliness.careToMovedIn = { children: 3, averageDays: 400 };
        f.timeliness.orderToDecision = { children: 12, averageDays: 201.6 };
        f.timeliness.stableAt12Months = { met: 15, of: 20 };
      }),
      heading(),
    );
    const t = table(section(doc, 'timeliness'), 'timeliness');
    assert.equal(t.rows[0]!.values[0], 'c');
    assert.equal(t.rows[1]!.values[0], 202);
    assert.deepEqual(t.rows[3]!.values, [15, 20, 75]);
    assert.equal(section(doc, 'timeliness').headlines[0], '75% of placements that reached 12 months in the period were stable.');
  });

  it('shares reliable change by scale, each scale on its own', () => {
    const doc = buildReportDocument(
      facts((f) => {
        f.outcomes = [
          { scale: { en: 'Emotional symptoms', cy: 'Symptomau emosiynol' }, improved: 10, noChange: 8, deteriorated: 2 },
          { scale: { en: 'Conduct', cy: 'Ymddygiad' }, improved: 6, noChange: 6, deteriorated: 8 },
        ];
      }),
      heading(),
    );
    const t = table(section(doc, 'outcomes'), 'reliable_change');
    // 2 deteriorated is hidden, and the next smallest (8) with it, so the total of 20 gives neither back.
    assert.deepEqual(row(t, 'Emotional symptoms'), [10, 'c', 'c', 20, 50]);
    assert.deepEqual(row(t, 'Conduct'), [6, 6, 8, 20, 30]);
  });

  it('writes local authorities’ and workers’ satisfaction by statement, with a mean only where nothing behind it is hidden', () => {
    const statement = (en: string, agreed: number, answered: number) => ({ item: { en, cy: `${en} (cy)` }, agreed, answered });
    const doc = buildReportDocument(
      facts((f) => {
        f.partnerSatisfaction = {
          localAuthorities: { responses: 20, scoreSum: 20 * 28.25, min: 7, max: 35, statements: [statement('Kept informed', 15, 20)] },
          workers: { responses: 12, scoreSum: 12 * 20, min: 5, max: 25, statements: [statement('Supervision', 9, 12), statement('Workload', 2, 12)] },
        };
      }),
      heading(),
    );
    const s = section(doc, 'satisfaction');
    const groups = table(s, 'satisfaction_groups');
    assert.deepEqual(row(groups, 'Local authorities'), [20, 28.3, '7–35']);
    assert.deepEqual(row(groups, 'Workers'), [10, 'c', '5–25'], 'two workers agreeing with one statement is hidden, so their mean is too');
    assert.deepEqual(row(table(s, 'satisfaction_local_authorities'), 'Kept informed'), [15, 20, 75]);
    assert.deepEqual(row(table(s, 'satisfaction_workers'), 'Workload'), ['c', 10, 'c']);
    assert.deepEqual(
      s.tables.map((t) => t.code),
      ['satisfaction', 'satisfaction_groups', 'satisfaction_local_authorities', 'satisfaction_workers'],
    );
  });

  it('hides a single answer of a group and its mean', () => {
    const doc = buildReportDocument(
      facts((f) => {
        f.partnerSatisfaction = {
          localAuthorities: {
            responses: 1,
            scoreSum: 30,
            min: 7,
            max: 35,
            statements: [{ item: { en: 'Kept informed', cy: 'Cael gwybod' }, agreed: 1, answered: 1 }],
          },
          workers: null,
        };
      }),
      heading('cy'),
    );
    const s = section(doc, 'satisfaction');
    assert.deepEqual(row(table(s, 'satisfaction_groups'), 'Awdurdodau lleol'), ['c', 'c', '7–35']);
    assert.deepEqual(row(table(s, 'satisfaction_local_authorities'), 'Cael gwybod'), ['c', 'c', 'c']);
    assert.equal(table(s, 'satisfaction_workers'), undefined, 'a group the report does not gather has no table');
    assert.ok(table(s, 'satisfaction_groups').notes.length > 0, 'the hidden figures are named in the notes');
  });

  it('writes satisfaction, recruitment, support, workforce and money', () => {
    const doc = buildReportDocument(
      facts((f) => {
        f.satisfaction = [{ item: { en: 'I felt prepared', cy: "Roeddwn i'n teimlo'n barod" }, agreed: 15, answered: 20 }];
        f.recruitment = { enquiries: 120, approvals: 12, considerWaiting: 9, preparationCompleted: 15, trainingSessions: 24, trainingMinutes: 24 * 180 };
        f.support = { families: 30, sessions: 210, minutes: 210 * 60, waitingDays: [3, 10, 14, 21] };
        f.workforce = { staffTrained: 3, trainingMinutes: 600, supervisionSessions: 48, supervisionMinutes: 48 * 90 };
        f.money = { incomePence: 90_000_00, costPence: 100_000_00, placementsLasting: 9 };
      }),
      heading(),
    );
    assert.deepEqual(table(section(doc, 'satisfaction'), 'satisfaction').rows[0]!.values, [15, 20, 75]);
    const recruitment = table(section(doc, 'recruitment'), 'recruitment');
    assert.deepEqual(row(recruitment, 'Enquiries'), [120]);
    assert.deepEqual(row(recruitment, 'Approved households who can consider children who wait'), ['c']);
    assert.deepEqual(row(recruitment, 'Hours of training delivered'), [72]);
    const support = table(section(doc, 'support'), 'support');
    assert.deepEqual(row(support, 'Median days waited for support'), ['c'], 'a median over 4 families is hidden');
    assert.deepEqual(row(support, 'Hours of support'), [210]);
    assert.deepEqual(row(table(section(doc, 'workforce'), 'workforce'), 'Staff who completed training'), ['c']);
    assert.deepEqual(row(table(section(doc, 'money'), 'money_recovery'), 'Cost recovery (%)'), [90]);
    assert.equal(section(doc, 'money').headlines[0], 'Fees recovered 90% of the cost of the work.');
  });

  it('is written in Welsh, dates and all, when issued in Welsh', () => {
    const doc = buildReportDocument(
      facts((f) => {
        f.flow = [{ authority: 'Abertawe', referred: 3, accepted: 6, matched: 7, placed: 8, adopted: 5 }];
        f.priorityReasons = [{ code: 'sibling_group', children: 6 }];
      }),
      { ...heading('cy'), recipient: 'Llywodraeth Cymru', reference: 'R-2026-0001 v1', issuedOn: '2026-12-07' },
    );
    assert.equal(doc.title, 'Mabwysiadu Gyda’n Gilydd: adroddiad i Llywodraeth Cymru');
    assert.equal(doc.period.words, '1 Ebrill 2026 i 31 Mawrth 2027');
    assert.equal(doc.issuedOn, '7 Rhagfyr 2026');
    const children = section(doc, 'children');
    assert.equal(children.tables[0]!.columns[0]!.heading, 'Atgyfeiriwyd');
    assert.equal(children.tables[0]!.rows[0]!.values[0], 'c');
    assert.ok(children.tables[0]!.notes.includes('Mae rhai ffigurau wedi eu cuddio (“c”) i ddiogelu plant a theuluoedd.'));
    assert.deepEqual(row(table(section(doc, 'priority'), 'priority_reasons'), 'Mewn grŵp o frodyr a chwiorydd'), [6]);
    assert.match(doc.disclosureNote, /Dangosir ffigurau o 1 i 4/);
  });

  it('names each authority in the report’s language, in that language’s order, marking an English-only name in a Welsh report', () => {
    const flow = (f: ReportFacts) =>
      (f.flow = [
        { authority: 'Cardiff', authorityCy: 'Caerdydd', referred: 20, accepted: 18, matched: 10, placed: 9, adopted: 6 },
        { authority: 'Swansea', authorityCy: 'Abertawe', referred: 12, accepted: 11, matched: 6, placed: 5, adopted: 7 },
        { authority: 'Newport', referred: 15, accepted: 14, matched: 8, placed: 7, adopted: 6 },
      ]);
    const welsh = table(section(buildReportDocument(facts(flow), heading('cy')), 'children'), 'children_flow');
    assert.deepEqual(
      welsh.rows.map((r) => [r.label, r.labelLang]),
      [
        ['Abertawe', undefined],
        ['Caerdydd', undefined],
        ['Newport', 'en'],
        ['Cyfanswm', undefined],
      ],
    );
    assert.deepEqual(row(welsh, 'Caerdydd'), [20, 18, 10, 9, 6]);
    const english = table(section(buildReportDocument(facts(flow), heading('en')), 'children'), 'children_flow');
    assert.deepEqual(
      english.rows.map((r) => [r.label, r.labelLang]),
      [
        ['Cardiff', undefined],
        ['Newport', undefined],
        ['Swansea', undefined],
        ['Total', undefined],
      ],
    );
    assert.ok(!('labelLang' in english.rows[0]!), 'an English report’s rows carry no language mark (as before)');
  });

  it("uses the agency's threshold when it has one", () => {
    const doc = buildReportDocument(
      facts((f) => (f.priorityReasons = [{ code: 'age', children: 7 }])),
      { ...heading(), disclosure: { minimumCount: 10, roundTotalsTo: 1 } },
    );
    assert.deepEqual(table(section(doc, 'priority'), 'priority_reasons').rows[0]!.values, ['c']);
    assert.match(doc.disclosureNote, /1 to 9/);
  });
});
