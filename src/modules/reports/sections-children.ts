import { organisationName } from '../../platform/i18n/agency-text.ts';
import { discloseCohort, discloseCount, publishTable, type Cell } from '../reporting/index.ts';
import type { ReportRow, ReportSection, ReportTable, ReportValue } from './document.ts';
import type { ReportFacts } from './facts.ts';
import { chartOf, notesOf, publishShare, say, valuesOf, type Build } from './build-helpers.ts';

const STAGES = ['referred', 'accepted', 'matched', 'placed', 'adopted'] as const;

/**
 * Children referred, accepted, matched, placed and adopted, by local authority. Each step is its own
 * column of counts that adds up only down the authorities (a child referred is not "a part" of a child
 * adopted), so each column passes publishTable on its own: its authorities and its total.
 */
export function flowSection(facts: ReportFacts, build: Build): ReportSection {
  const { w, config } = build;
  // Each authority named in the report's language (its English name when it has none in Welsh), in that order.
  const flow = facts.flow
    .map((row) => ({ row, name: organisationName({ name: row.authority, nameCy: row.authorityCy }, build.language) }))
    .sort((a, b) => a.name.text.localeCompare(b.name.text, build.language));
  const columns = STAGES.map((stage) => publishTable({ counts: flow.map(({ row }) => [row[stage]]) }, config));
  const rows: ReportRow[] = flow.map(({ name }, r) => ({
    label: name.text,
    ...(name.lang ? { labelLang: name.lang } : {}),
    values: columns.map((c) => c.cells[r]![0]!),
  }));
  const totals: Cell[] = columns.map((c) => (flow.length ? c.grandTotal : 0));
  if (flow.length > 1) rows.push({ label: w.total, values: totals, total: true });
  const table: ReportTable = {
    code: 'children_flow',
    caption: w.flow.caption,
    labelHeading: w.localAuthority,
    columns: STAGES.map((stage) => ({ code: stage, heading: w.flow.stages[stage], kind: 'count' })),
    rows,
    notes: [],
  };
  table.notes = notesOf(valuesOf(table), build, facts.flow.length > 1);

  const siblings = publishShare(facts.siblingGroups.together, facts.siblingGroups.together + facts.siblingGroups.apart, config);
  const siblingTable: ReportTable = {
    code: 'sibling_groups',
    caption: w.flow.siblingsCaption,
    labelHeading: w.measure,
    columns: [
      { code: 'groups', heading: w.count, kind: 'count' },
      { code: 'percent', heading: w.percent, kind: 'percent' },
    ],
    rows: [
      { label: w.flow.together, values: [siblings.met, siblings.percent] },
      { label: w.flow.apart, values: [siblings.rest, null] },
      { label: w.total, values: [siblings.of, null], total: true },
    ],
    notes: [],
  };
  siblingTable.notes = notesOf(valuesOf(siblingTable), build, true);

  const headlines = [w.flow.headline(say(totals[3]!, build), say(totals[4]!, build))];
  if (siblings.of !== 0) headlines.push(w.flow.siblingsHeadline(say(siblings.met, build), say(siblings.percent, build, 'percent')));
  return {
    code: 'children',
    title: w.flow.title,
    method: w.flow.method,
    headlines,
    tables: [table, siblingTable],
    charts: [
      chartOf(
        'children_flow',
        w.flow.chart,
        w.flow.chartDescription,
        w.children,
        STAGES.map((s, i) => ({ label: w.flow.stages[s], value: totals[i]! })),
      ),
    ],
  };
}

/** Priority reasons: a child may have several, so each reason is a count of its own (no total to difference). */
export function prioritySection(facts: ReportFacts, build: Build): ReportSection {
  const { w, config } = build;
  const rows = facts.priorityReasons.map((r) => ({
    label: w.priority.reasons[r.code] ?? r.code,
    values: [discloseCount(r.children, config)] as ReportValue[],
  }));
  const table: ReportTable = {
    code: 'priority_reasons',
    caption: w.priority.caption,
    labelHeading: w.priority.reason,
    columns: [{ code: 'children', heading: w.count, kind: 'count' }],
    rows,
    notes: [],
  };
  table.notes = notesOf(valuesOf(table), build, false);
  return {
    code: 'priority',
    title: w.priority.title,
    method: w.priority.method,
    headlines: [],
    tables: [table],
    charts: [
      chartOf(
        'priority_reasons',
        w.priority.chart,
        w.priority.chartDescription,
        w.children,
        rows.map((r) => ({ label: r.label, value: r.values[0]! })),
      ),
    ],
  };
}

/** ACEs of children placed: the distribution and its average against the agency's comparison cohort. */
export function acesSection(facts: ReportFacts, build: Build): ReportSection {
  const { w, config } = build;
  const distribution = facts.aces.distribution;
  const children = distribution.reduce((a, b) => a + b, 0);
  const mean = children ? Math.round((10 * distribution.reduce((sum, n, aces) => sum + n * aces, 0)) / children) / 10 : null;
  const disclosed = discloseCohort(distribution, { mean }, config);
  const label = facts.aces.comparatorLabel[build.language];
  const table: ReportTable = {
    code: 'aces_distribution',
    caption: w.aces.caption,
    labelHeading: w.aces.aceCount,
    columns: [{ code: 'children', heading: w.count, kind: 'count' }],
    rows: [
      ...disclosed.cells.map((cell, aces) => ({ label: String(aces), values: [cell] as ReportValue[] })),
      { label: w.total, values: [children ? disclosed.total : 0], total: true },
    ],
    notes: [],
  };
  table.notes = notesOf(valuesOf(table), build, true);
  const averages: ReportTable = {
    code: 'aces_average',
    caption: w.aces.average,
    labelHeading: w.measure,
    columns: [{ code: 'mean', heading: w.aces.average, kind: 'decimal' }],
    rows: [
      { label: w.aces.placedChildren, values: [disclosed.statistics.mean] },
      { label: `${w.aces.comparison} (${label})`, values: [facts.aces.comparatorMean] },
    ],
    notes: [],
  };
  averages.notes = notesOf(valuesOf(averages), build, false);
  const headlines =
    disclosed.statistics.mean === null
      ? []
      : [w.aces.headline(say(disclosed.statistics.mean, build, 'decimal'), say(facts.aces.comparatorMean, build, 'decimal'), label)];
  return {
    code: 'aces',
    title: w.aces.title,
    method: w.aces.method,
    headlines,
    tables: [averages, table],
    charts: [
      chartOf(
        'aces_distribution',
        w.aces.chart,
        w.aces.chartDescription,
        w.children,
        disclosed.cells.map((cell, aces) => ({ label: String(aces), value: cell })),
      ),
    ],
  };
}

/** Timeliness and placement success: averages over enough children, shares that never give back a hidden part. */
export function timelinessSection(facts: ReportFacts, build: Build): ReportSection {
  const { w, config } = build;
  const t = facts.timeliness;
  const average = (a: { children: number; averageDays: number | null }): ReportValue =>
    a.children === 0 || a.averageDays === null ? null : a.children < config.minimumCount ? 'c' : Math.round(a.averageDays);
  const within14 = publishShare(t.movedInWithin14Months.met, t.movedInWithin14Months.of, config);
  const stable = publishShare(t.stableAt12Months.met, t.stableAt12Months.of, config);
  const table: ReportTable = {
    code: 'timeliness',
    caption: w.timeliness.caption,
    labelHeading: w.measure,
    columns: [
      { code: 'value', heading: w.timeliness.value, kind: 'count' },
      { code: 'of', heading: w.timeliness.of, kind: 'count' },
      { code: 'percent', heading: w.percent, kind: 'percent' },
    ],
    rows: [
      {
        label: w.timeliness.careToMovedIn,
        values: [average(t.careToMovedIn), t.careToMovedIn.children ? discloseCount(t.careToMovedIn.children, config) : null, null],
      },
      {
        label: w.timeliness.orderToDecision,
        values: [average(t.orderToDecision), t.orderToDecision.children ? discloseCount(t.orderToDecision.children, config) : null, null],
      },
      { label: w.timeliness.within14, values: [within14.met, within14.of, within14.percent] },
      { label: w.timeliness.stable12, values: [stable.met, stable.of, stable.percent] },
      { label: w.timeliness.disruptions, values: [discloseCount(t.disruptionsBeforeOrder, config), null, null] },
    ],
    notes: [],
  };
  table.notes = notesOf(valuesOf(table), build, true);
  return {
    code: 'timeliness',
    title: w.timeliness.title,
    method: w.timeliness.method,
    headlines: stable.percent === null ? [] : [w.timeliness.headline(say(stable.percent, build, 'percent'))],
    tables: [table],
    charts: [],
  };
}
