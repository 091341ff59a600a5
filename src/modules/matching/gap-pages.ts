import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';
import { inOrderAnswer, pageQuery } from '../../platform/http/cursor.ts';
import { created } from '../../platform/http/versioning.ts';
import { can } from '../../platform/policy/policy.ts';
import { SUPPRESSED, type Cell } from '../reporting/index.ts';
import { MAX_FAMILIES, type CandidateGap } from './gap-analysis.ts';
import { candidateProfileSchema, describeCandidate } from './gap-profiles.ts';
import { MAX_PLAN_TARGET } from './gap-service.ts';
import { organisationName } from '../../platform/i18n/agency-text.ts';
import type { Unit } from './pool.ts';

const gapQuery = z.object({ plan: z.coerce.number().int().min(1).max(MAX_PLAN_TARGET).optional() });
const cell = z.union([z.number().int(), z.literal(SUPPRESSED)]);

const candidateOut = z.object({
  id: z.string(),
  source: z.enum(['generated', 'manual']),
  version: z.number().int().nullable(),
  profile: candidateProfileSchema,
});

/** One candidate profile of the gap: for agency staff the units newly placed at each K; outside, counts only. */
const gapItemOut = z.object({
  id: z.string(),
  agencyId: z.string().nullable(),
  candidate: candidateOut,
  description: z.string(),
  /** Children placed beyond today's optimum with K = 1…5 families of the profile ("c" when suppressed). */
  moreChildren: z.array(cell),
  perFamily: z.number().nullable(),
  eligibleUnits: z.number().int().nullable(),
  /** The units newly placed with 5 families (agency staff only; null outside the agency). */
  placed: z.array(z.object({ unitId: z.string(), childIds: z.array(z.string()) })).nullable(),
});
const gapPageOut = z.object({ items: z.array(gapItemOut), nextCursor: z.string().nullable() });

const SVG_W = 640;
const SVG_H = 300;

/** The chart: children placed beyond today (y) against families approved (x, 0…5), one line per profile (the top five). */
function chart(series: { label: string; values: number[] }[], t: Call['t']) {
  const pad = { left: 48, right: 16, top: 16, bottom: 44 };
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const x = (k: number) => pad.left + (k / MAX_FAMILIES) * (SVG_W - pad.left - pad.right);
  const y = (v: number) => SVG_H - pad.bottom - (v / max) * (SVG_H - pad.top - pad.bottom);
  const step = Math.max(1, Math.ceil(max / 5));
  const ticks: number[] = [];
  for (let v = 0; v <= max; v += step) ticks.push(v);
  const colours = ['#1d70b8', '#d4351c', '#00703c', '#f47738', '#4c2c92'];
  return {
    width: SVG_W,
    height: SVG_H,
    xAxis: Array.from({ length: MAX_FAMILIES + 1 }, (_, k) => ({ x: x(k), label: String(k) })),
    yAxis: ticks.map((v) => ({ y: y(v), label: String(v) })),
    left: pad.left,
    right: SVG_W - pad.right,
    bottom: SVG_H - pad.bottom,
    xTitle: t('matches:gap.chart.x'),
    yTitle: t('matches:gap.chart.y'),
    lines: series.map((s, i) => ({
      colour: colours[i % colours.length],
      dash: i % 2 ? '6 3' : '',
      label: s.label,
      number: i + 1,
      points: [0, ...s.values].map((v, k) => `${x(k).toFixed(1)},${y(v).toFixed(1)}`).join(' '),
      dots: [0, ...s.values].map((v, k) => ({ x: x(k).toFixed(1), y: y(v).toFixed(1) })),
    })),
  };
}

function unitText(unit: Unit, t: Call['t']): string {
  const ages = unit.children.map((c) => (c.ageYears === null ? '?' : String(c.ageYears))).join(', ');
  return t('matches:recommend.unit', { names: unit.childNames.join(', '), ages, count: Math.floor(unit.waitingDays / 30.4375) });
}

const cellText = (c: Cell, t: Call['t']) => (c === SUPPRESSED ? t('matches:gap.suppressed') : String(c));

/** The recruitment gap: page and API, and the manager's candidate profiles. */
export function recruitmentGapRoutes(services: Services) {
  const gap = services.recruitmentGap;
  const agencyItem = (c: CandidateGap, t: Call['t']) => ({
    id: c.candidate.id,
    agencyId: null,
    candidate: c.candidate,
    description: describeCandidate(c.candidate.profile, t),
    moreChildren: c.gains.map((g) => g.moreChildren),
    perFamily: c.perFamily,
    eligibleUnits: c.eligibleUnits,
    placed: c.gains[MAX_FAMILIES - 1]!.units.map((u) => ({ unitId: u.id, childIds: u.children.map((ch) => ch.id) })),
  });
  return [
    route({
      method: 'GET',
      url: '/matching/recruitment-gap',
      kind: 'page',
      action: 'matching.recruitmentGap',
      summary: 'Which family profiles would place the most waiting children, exactly; the plan for a campaign of N families',
      query: gapQuery,
      handler: async (call) => {
        const t = call.t;
        const found = await gap.recruitmentGap(call.ctx, { planTarget: call.query.plan });
        if (found.disclosed) {
          return call.render('matching/views/recruitment-gap.njk', {
            pageTitle: t('matches:gap.title'),
            disclosed: true,
            planTarget: found.planTarget,
            agencies: found.agencies.map((a) => ({
              name: organisationName({ name: a.agencyName, nameCy: a.agencyNameCy }, call.language),
              waiting: cellText(a.waitingChildren, t),
              leftWaiting: cellText(a.leftWaitingChildren, t),
              plan: cellText(a.planChildren, t),
              candidates: a.candidates.slice(0, 20).map((c) => ({
                description: describeCandidate(c.candidate.profile, t),
                more: c.moreChildren.map((m) => cellText(m, t)),
              })),
            })),
          });
        }
        const a = found.analysis;
        const listed = can(call.actor, 'matching.recruitmentGap.children');
        const top = a.candidates.slice(0, 5);
        return call.render('matching/views/recruitment-gap.njk', {
          pageTitle: t('matches:gap.title'),
          disclosed: false,
          planTarget: found.planTarget,
          mayEdit: found.mayEdit,
          mayCampaign: can(call.actor, 'campaigns.edit'),
          a,
          leftWaitingChildren: a.leftWaiting.reduce((n, u) => n + u.children.length, 0),
          chart: chart(
            top.map((c, i) => ({ label: `${i + 1}. ${describeCandidate(c.candidate.profile, t)}`, values: c.gains.map((g) => g.moreChildren) })),
            t,
          ),
          candidates: a.candidates.slice(0, 50).map((c, i) => ({
            rank: i + 1,
            id: c.candidate.id,
            manual: c.candidate.source === 'manual',
            description: describeCandidate(c.candidate.profile, t),
            more: c.gains.map((g) => g.moreChildren),
            perFamily: c.perFamily.toFixed(1),
            atFamilies: c.atFamilies,
            eligibleUnits: c.eligibleUnits,
            children: listed ? c.gains[MAX_FAMILIES - 1]!.units.map((u) => ({ childId: u.children[0]!.id, text: unitText(u, t) })) : [],
          })),
          plan: a.plan.map((s, i) => ({
            step: i + 1,
            description: describeCandidate(s.candidate.profile, t),
            unit: listed ? unitText(s.unit, t) : '',
            childId: s.unit.children[0]!.id,
            more: s.moreChildren,
            total: s.totalMoreChildren,
          })),
          planChildren: a.plan.length ? a.plan[a.plan.length - 1]!.totalMoreChildren : 0,
        });
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/matching/recruitment-gap',
      kind: 'api',
      action: 'matching.recruitmentGap',
      summary:
        'Candidate family profiles ranked by children placed per family, with the children placed beyond today for K = 1…5 families of each (exact); agency staff get the children behind each figure, others disclosure-controlled counts only',
      query: pageQuery,
      response: gapPageOut,
      handler: async (call) => {
        const found = await gap.recruitmentGap(call.ctx);
        const items: z.infer<typeof gapItemOut>[] = found.disclosed
          ? found.agencies.flatMap((a) =>
              a.candidates.map((c) => ({
                id: c.candidate.id,
                agencyId: a.agencyId,
                candidate: c.candidate,
                description: describeCandidate(c.candidate.profile, call.t),
                moreChildren: c.moreChildren,
                perFamily: null,
                eligibleUnits: null,
                placed: null,
              })),
            )
          : found.analysis.candidates.map((c) => {
              const item = agencyItem(c, call.t);
              return can(call.actor, 'matching.recruitmentGap.children') ? item : { ...item, placed: null };
            });
        return inOrderAnswer(items, call.query, (i) => i.id);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/matching/recruitment-gap/candidates',
      kind: 'api',
      action: 'matching.recruitmentGap.edit',
      summary: 'Add a candidate family profile by hand (the manager’s); it is ranked with the generated ones',
      body: candidateProfileSchema,
      successStatus: 201,
      response: candidateOut,
      handler: async (call) => {
        const saved = await gap.addCandidate(call.ctx, call.body);
        return created(call.reply, `/api/v1/matching/recruitment-gap/candidates/${saved.id}`, saved);
      },
    }),
    route({
      method: 'PUT',
      url: '/api/v1/matching/recruitment-gap/candidates/:id',
      kind: 'api',
      action: 'matching.recruitmentGap.edit',
      summary: 'Change a candidate family profile written by hand (If-Match required)',
      params: z.object({ id: fields.uuid() }),
      body: candidateProfileSchema,
      response: candidateOut,
      versioned: { onlyStale: true },
      handler: async (call, version) => gap.editCandidate(call.ctx, call.params.id, call.body, version),
    }),
  ];
}
