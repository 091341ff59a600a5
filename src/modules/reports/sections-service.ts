import { discloseCount, publishesStatistics, publishTable, roundTotal, SUPPRESSED, type Cell } from '../reporting/index.ts';
import type { ReportSection, ReportTable, ReportValue } from './document.ts';
import type { GroupSatisfaction, ReportFacts } from './facts.ts';
import { chartOf, hoursOf, median, notesOf, publishShare, say, valuesOf, type Build } from './build-helpers.ts';

/**
 * Reliable change by scale. Scales share children (one child, several scales), so a column total over
 * scales would count a child more than once: each scale is its own row through publishTable.
 */
export function outcomesSection(facts: ReportFacts, build: Build): ReportSection {
  const { w, config } = build;
  const rows = facts.outcomes.map((scale) => {
    const published = publishTable({ counts: [[scale.improved, scale.noChange, scale.deteriorated]] }, config);
    const [improved, noChange, deteriorated] = published.cells[0]!;
    return {
      label: scale.scale[build.language],
      values: [improved!, noChange!, deteriorated!, published.grandTotal, published.percentages[0]![0]!] as ReportValue[],
    };
  });
  const table: ReportTable = {
    code: 'reliable_change',
    caption: w.outcomes.caption,
    labelHeading: w.outcomes.scale,
    columns: [
      { code: 'improved', heading: w.outcomes.improved, kind: 'count' },
      { code: 'no_reliable_change', heading: w.outcomes.noChange, kind: 'count' },
      { code: 'deteriorated', heading: w.outcomes.deteriorated, kind: 'count' },
      { code: 'children', heading: w.total, kind: 'count' },
      { code: 'improved_percent', heading: w.outcomes.improvedShare, kind: 'percent' },
    ],
    rows,
    notes: [],
  };
  table.notes = notesOf(valuesOf(table), build, true);
  return {
    code: 'outcomes',
    title: w.outcomes.title,
    method: w.outcomes.method,
    headlines: [],
    tables: [table],
    charts: [
      chartOf(
        'reliable_change',
        w.outcomes.chart,
        w.outcomes.chartDescription,
        w.outcomes.unit,
        rows.map((r) => ({ label: r.label, value: r.values[4]! })),
      ),
    ],
  };
}

/** Who agreed of who answered, by statement: each row a share that gives nothing back. */
function agreedTable(code: string, caption: string, statements: ReportFacts['satisfaction'], build: Build): ReportTable {
  const { w, config } = build;
  const table: ReportTable = {
    code,
    caption,
    labelHeading: w.satisfaction.item,
    columns: [
      { code: 'agreed', heading: w.satisfaction.agreed, kind: 'count' },
      { code: 'answered', heading: w.satisfaction.answered, kind: 'count' },
      { code: 'percent', heading: w.percent, kind: 'percent' },
    ],
    rows: statements.map((item) => {
      const share = publishShare(item.agreed, item.answered, config);
      return { label: item.item[build.language], values: [share.met, share.of, share.percent] };
    }),
    notes: [],
  };
  table.notes = notesOf(valuesOf(table), build, true);
  return table;
}

/**
 * A group's questionnaires answered (a total, rounded) and their mean overall score, shown only over
 * enough answers and when no figure of the group's statements is hidden ("a mean only where nothing
 * behind it is hidden"): beside a hidden count a mean could help give it back.
 */
function groupRow(label: string, group: GroupSatisfaction, statements: ReportTable, build: Build) {
  const { config } = build;
  const responses = discloseCount(group.responses, config) === SUPPRESSED ? SUPPRESSED : roundTotal(group.responses, config);
  const behind = [[responses], ...statements.rows.map((r) => r.values.filter((v): v is Cell => v !== null && v !== undefined))];
  const mean = group.responses ? Math.round((10 * group.scoreSum) / group.responses) / 10 : null;
  const shown = publishesStatistics(behind, group.responses, config);
  return { label, values: [responses, mean === null ? null : shown ? mean : SUPPRESSED, `${group.min}–${group.max}`] };
}

/**
 * Satisfaction of the three groups of the evaluation: families by question; local authorities and
 * workers by statement, with their answers and mean overall score. Never a comment, never who answered.
 */
export function satisfactionSection(facts: ReportFacts, build: Build): ReportSection {
  const { w } = build;
  const tables: ReportTable[] = [agreedTable('satisfaction', w.satisfaction.caption, facts.satisfaction, build)];
  const groups: { code: string; label: string; caption: string; group: GroupSatisfaction | null }[] = [
    {
      code: 'satisfaction_local_authorities',
      label: w.satisfaction.localAuthorities,
      caption: w.satisfaction.authorityCaption,
      group: facts.partnerSatisfaction.localAuthorities,
    },
    { code: 'satisfaction_workers', label: w.satisfaction.workers, caption: w.satisfaction.workerCaption, group: facts.partnerSatisfaction.workers },
  ];
  const rows: ReportTable['rows'] = [];
  for (const { code, label, caption, group } of groups) {
    if (!group) continue;
    const statements = agreedTable(code, caption, group.statements, build);
    statements.labelHeading = w.satisfaction.statement;
    rows.push(groupRow(label, group, statements, build));
    tables.push(statements);
  }
  if (rows.length) {
    const summary: ReportTable = {
      code: 'satisfaction_groups',
      caption: w.satisfaction.groupsCaption,
      labelHeading: w.satisfaction.group,
      columns: [
        { code: 'responses', heading: w.satisfaction.responses, kind: 'count' },
        { code: 'mean_score', heading: w.satisfaction.meanScore, kind: 'decimal' },
        { code: 'range', heading: w.satisfaction.range, kind: 'text' },
      ],
      rows,
      notes: [],
    };
    summary.notes = notesOf(valuesOf(summary), build, true);
    tables.splice(1, 0, summary);
  }
  return { code: 'satisfaction', title: w.satisfaction.title, method: w.satisfaction.method, headlines: [], tables, charts: [] };
}

/** Recruitment of families and their preparation: counts of households, and the work of training them. */
export function recruitmentSection(facts: ReportFacts, build: Build): ReportSection {
  const { w, config } = build;
  const r = facts.recruitment;
  const approvals = discloseCount(r.approvals, config);
  // Those who can consider children who wait are a part of those approved: published as a share.
  const consider = publishShare(r.considerWaiting, r.approvals, config);
  const table: ReportTable = {
    code: 'recruitment',
    caption: w.recruitment.caption,
    labelHeading: w.measure,
    columns: [{ code: 'value', heading: w.count, kind: 'count' }],
    rows: [
      { label: w.recruitment.enquiries, values: [discloseCount(r.enquiries, config)] },
      { label: w.recruitment.approvals, values: [consider.of === SUPPRESSED ? SUPPRESSED : approvals] },
      { label: w.recruitment.considerWaiting, values: [consider.met] },
      { label: w.recruitment.preparationCompleted, values: [discloseCount(r.preparationCompleted, config)] },
      { label: w.recruitment.trainingSessions, values: [r.trainingSessions] },
      { label: w.recruitment.trainingHours, values: [hoursOf(r.trainingMinutes)] },
    ],
    notes: [],
  };
  table.notes = notesOf(valuesOf(table), build, false);
  return {
    code: 'recruitment',
    title: w.recruitment.title,
    method: w.recruitment.method,
    headlines: r.approvals ? [w.recruitment.headline(say(table.rows[1]!.values[0] as ReportValue, build), say(consider.met, build))] : [],
    tables: [table],
    charts: [],
  };
}

/** Support delivered, and the median wait only over enough families. */
export function supportSection(facts: ReportFacts, build: Build): ReportSection {
  const { w, config } = build;
  const s = facts.support;
  const waits = s.waitingDays.length;
  const middle = median(s.waitingDays);
  const table: ReportTable = {
    code: 'support',
    caption: w.support.caption,
    labelHeading: w.measure,
    columns: [{ code: 'value', heading: w.count, kind: 'count' }],
    rows: [
      { label: w.support.families, values: [discloseCount(s.families, config)] },
      { label: w.support.sessions, values: [s.sessions] },
      { label: w.support.hours, values: [hoursOf(s.minutes)] },
      { label: w.support.medianWait, values: [middle === null ? null : waits < config.minimumCount ? SUPPRESSED : Math.round(middle)] },
    ],
    notes: [],
  };
  table.notes = notesOf(valuesOf(table), build, false);
  return { code: 'support', title: w.support.title, method: w.support.method, headlines: [], tables: [table], charts: [] };
}

/** The workforce: staff trained (people, so disclosure-controlled) and the hours of training and supervision. */
export function workforceSection(facts: ReportFacts, build: Build): ReportSection {
  const { w, config } = build;
  const f = facts.workforce;
  const table: ReportTable = {
    code: 'workforce',
    caption: w.workforce.caption,
    labelHeading: w.measure,
    columns: [{ code: 'value', heading: w.count, kind: 'count' }],
    rows: [
      { label: w.workforce.staffTrained, values: [discloseCount(f.staffTrained, config)] },
      { label: w.workforce.trainingHours, values: [hoursOf(f.trainingMinutes)] },
      { label: w.workforce.supervisionSessions, values: [f.supervisionSessions] },
      { label: w.workforce.supervisionHours, values: [hoursOf(f.supervisionMinutes)] },
    ],
    notes: [],
  };
  table.notes = notesOf(valuesOf(table), build, false);
  return { code: 'workforce', title: w.workforce.title, method: w.workforce.method, headlines: [], tables: [table], charts: [] };
}

/** Cost recovery: the agency's money (pence), not people's, with the placements that lasted. */
export function moneySection(facts: ReportFacts, build: Build): ReportSection {
  const { w, config } = build;
  const m = facts.money;
  if (!m) return { code: 'money', title: w.money.title, method: [w.money.notCovered], headlines: [], tables: [], charts: [] };
  const recovery = m.costPence > 0 ? Math.round((100 * m.incomePence) / m.costPence) : null;
  const table: ReportTable = {
    code: 'money',
    caption: w.money.caption,
    labelHeading: w.measure,
    columns: [{ code: 'value', heading: w.money.amount, kind: 'pence' }],
    rows: [
      { label: w.money.income, values: [m.incomePence] },
      { label: w.money.cost, values: [m.costPence] },
    ],
    notes: [],
  };
  const other: ReportTable = {
    code: 'money_recovery',
    caption: w.money.recovery,
    labelHeading: w.measure,
    columns: [{ code: 'value', heading: w.count, kind: 'count' }],
    rows: [
      { label: w.money.recovery, values: [recovery] },
      { label: w.money.lasting, values: [discloseCount(m.placementsLasting, config)] },
    ],
    notes: [],
  };
  other.notes = notesOf(valuesOf(other), build, false);
  return {
    code: 'money',
    title: w.money.title,
    method: w.money.method,
    headlines: recovery === null ? [] : [w.money.headline(say(recovery, build, 'percent'))],
    tables: [table, other],
    charts: [],
  };
}
