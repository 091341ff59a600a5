import { z } from 'zod';
import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';
import { pageAnswer, pageQuery } from '../../platform/http/cursor.ts';
import {
  activitySettingInput,
  careChoiceInput,
  directCostInput,
  hourlyRateInput,
  periodQuery,
  priceIndexInput,
  reinvestmentInput,
  returnSettingsInput,
  unitCostInput,
} from './costs-inputs.ts';
import {
  activitySettingOut,
  careChoiceOut,
  costRecoveryOut,
  costSettingsOut,
  directCostOut,
  directCostPage,
  financialReturnOut,
  hourlyRateOut,
  priceIndexSavedOut,
  reinvestmentOut,
  reinvestmentPage,
  returnSettingsSavedOut,
  unitCostSavedOut,
} from './costs-responses.ts';
import { WEEKS_PER_YEAR } from './financial-return.ts';
import type { FinanceCostsService } from './costs-service.ts';

type Recovery = Awaited<ReturnType<FinanceCostsService['costRecoveryReport']>>;
type Return = Awaited<ReturnType<FinanceCostsService['financialReturnReport']>>;

/** The version a settings edit is made at: If-Match, or `version` in the body (0 to set a value for the first time). */
const versionField = { version: z.number().int().min(0).max(2147483647).optional() };

/** Cost recovery as the API answers it (names beside ids). */
export function recoveryAnswer(found: Recovery) {
  const { report } = found;
  const agreementOf = new Map(found.agreements.map((a) => [a.id, a]));
  return {
    period: found.period,
    total: report.total,
    years: report.years,
    localAuthorities: report.localAuthorities.map((r) => ({ ...r, name: found.localAuthorityNames[r.localAuthorityId]?.name ?? null })),
    agreements: report.agreements.map((r) => ({
      ...r,
      name: agreementOf.get(r.agreementId)?.name ?? '',
      reference: agreementOf.get(r.agreementId)?.reference ?? '',
    })),
    children: report.children,
    activities: report.activities,
    directByCategory: report.directByCategory,
    reinvestedPence: report.reinvestedPence,
    toReinvestPence: report.toReinvestPence,
  };
}

/** The financial return as the API answers it: every assumption beside the figures. */
export function returnAnswer(found: Return) {
  const { report } = found;
  return {
    period: found.period,
    assumptions: {
      reportYear: report.assumptions.reportYear,
      discountBasisPoints: report.assumptions.discountBasisPoints,
      defaultRouteFeePence: report.assumptions.defaultRouteFeePence,
      weeksPerYear: WEEKS_PER_YEAR,
      unitCosts: report.weeklyAtReportYear.map((w) => ({
        careKind: w.careKind,
        priceYear: w.unit.priceYear,
        weeklyPence: w.unit.weeklyPence,
        source: w.unit.source,
        weeklyAtReportYearPence: w.weeklyPence,
        indexFrom: w.indexFrom,
        indexTo: w.indexTo,
      })),
    },
    totals: report.totals,
    byYear: report.byYear.map(({ key, ...t }) => ({ financialYear: key, ...t })),
    byLocalAuthority: report.byLocalAuthority.map(({ key, ...t }) => ({ localAuthorityId: key, name: found.localAuthorityNames[key]?.name ?? null, ...t })),
    children: report.children.map(({ placementYear: _year, ...c }) => ({ ...c, careSource: found.care.get(c.childId)!.source })),
    sensitivity: report.sensitivity,
  };
}

/** The cost side's JSON API: the same service calls as the pages. */
export function financeCostsApiRoutes(services: Services) {
  const reports = services.financeCosts;
  const settings = services.financeCostSettings;
  return [
    route({
      method: 'GET',
      url: '/api/v1/finance/cost-recovery',
      kind: 'api',
      action: 'financeCosts.view',
      summary:
        'Cost recovery from..to: income invoiced and received against the cost of the work, per financial year, local authority, agreement and child (pence)',
      query: periodQuery,
      response: costRecoveryOut,
      handler: async (call) => recoveryAnswer(await reports.costRecoveryReport(call.ctx, call.query)),
    }),
    route({
      method: 'GET',
      url: '/api/v1/finance/financial-return',
      kind: 'api',
      action: 'financialReturn.view',
      summary:
        'The financial return of placements made from..to that lasted: care costs avoided until 18, discounted, less the route’s cost, with every assumption and the sensitivity table',
      query: periodQuery,
      response: financialReturnOut,
      handler: async (call) => returnAnswer(await reports.financialReturnReport(call.ctx, call.query)),
    }),
    route({
      method: 'GET',
      url: '/api/v1/finance/cost-settings',
      kind: 'api',
      action: 'financeCosts.view',
      summary: 'Hourly rates by role and year, activity durations, unit costs of care, the price index and the discount rate (starting values marked)',
      response: costSettingsOut,
      handler: async (call) => {
        const found = await settings.settings(call.ctx);
        return {
          activities: found.activities,
          rates: found.rates.map((r) => ({ role: r.role, financialYear: r.financialYear, pencePerHour: r.pencePerHour, version: r.version })),
          unitCosts: found.unitCosts,
          priceIndex: found.priceIndex,
          returnSettings: found.returnSettings,
        };
      },
    }),
    route({
      method: 'PUT',
      url: '/api/v1/finance/hourly-rates',
      kind: 'api',
      action: 'financeCosts.configure',
      summary: 'Set a role’s hourly rate for a financial year (If-Match or version; 0 for a year not yet set)',
      body: hourlyRateInput.extend(versionField),
      response: hourlyRateOut,
      versioned: {},
      handler: async (call, version) => {
        const { version: _v, ...input } = call.body;
        const saved = await settings.setHourlyRate(call.ctx, input, version);
        return { role: saved.role, financialYear: saved.financialYear, pencePerHour: saved.pencePerHour, version: saved.version };
      },
    }),
    route({
      method: 'PUT',
      url: '/api/v1/finance/activity-settings',
      kind: 'api',
      action: 'financeCosts.configure',
      summary: 'Set an activity’s default duration and the roles who give their time to it',
      body: activitySettingInput.extend(versionField),
      response: activitySettingOut,
      versioned: {},
      handler: async (call, version) => {
        const { version: _v, ...input } = call.body;
        const saved = await settings.setActivity(call.ctx, input, version);
        return { activity: saved.activity, defaultMinutes: saved.defaultMinutes, roles: saved.roles, version: saved.version };
      },
    }),
    route({
      method: 'PUT',
      url: '/api/v1/finance/unit-costs',
      kind: 'api',
      action: 'financialReturn.configure',
      summary: 'Set the weekly unit cost of a kind of care in a year’s prices, with its source',
      body: unitCostInput.extend(versionField),
      response: unitCostSavedOut,
      versioned: {},
      handler: async (call, version) => {
        const { version: _v, ...input } = call.body;
        const saved = await settings.setUnitCost(call.ctx, input, version);
        return { careKind: saved.careKind, priceYear: saved.priceYear, weeklyPence: saved.weeklyPence, source: saved.source, version: saved.version };
      },
    }),
    route({
      method: 'PUT',
      url: '/api/v1/finance/price-index',
      kind: 'api',
      action: 'financialReturn.configure',
      summary: 'Set the price index of a financial year (thousandths: 133.3 = 133300)',
      body: priceIndexInput.extend(versionField),
      response: priceIndexSavedOut,
      versioned: {},
      handler: async (call, version) => {
        const { version: _v, ...input } = call.body;
        const saved = await settings.setPriceIndex(call.ctx, input, version);
        return { financialYear: saved.financialYear, indexThousandths: saved.indexThousandths, version: saved.version };
      },
    }),
    route({
      method: 'PUT',
      url: '/api/v1/finance/return-settings',
      kind: 'api',
      action: 'financialReturn.configure',
      summary: 'Set the discount rate (basis points: 350 = 3.5%) and the fee assumed for a child with none recorded',
      body: returnSettingsInput.extend(versionField),
      response: returnSettingsSavedOut,
      versioned: {},
      handler: async (call, version) => {
        const { version: _v, ...input } = call.body;
        const saved = await settings.setReturnSettings(call.ctx, input, version);
        return { discountBasisPoints: saved.discountBasisPoints, defaultRouteFeePence: saved.defaultRouteFeePence, version: saved.version };
      },
    }),
    route({
      method: 'PUT',
      url: '/api/v1/finance/financial-return/children/:childId/care',
      kind: 'api',
      action: 'financialReturn.configure',
      summary: 'Choose the care a placed child would otherwise have had, with the reason (a child the agency did not place answers 404)',
      params: z.object({ childId: fields.uuid() }),
      body: careChoiceInput.extend(versionField),
      response: careChoiceOut,
      versioned: {},
      handler: async (call, version) => {
        const { version: _v, ...input } = call.body;
        const saved = await services.financeCostSettings.setCareChoice(call.ctx, call.params.childId, input, version, await reports.placedChildIds(call.ctx));
        return { childId: saved.childId, careKind: saved.careKind, reason: saved.reason, version: saved.version };
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/finance/direct-costs',
      kind: 'api',
      action: 'financeCosts.view',
      summary: 'Direct costs entered by hand, newest first (keyset-paginated; optional from/to)',
      query: pageQuery.extend({ from: z.iso.date().optional(), to: z.iso.date().optional() }),
      response: directCostPage,
      handler: async (call) =>
        pageAnswer(
          await settings.pageDirectCosts(call.ctx, { from: call.query.from, to: call.query.to }, { limit: call.query.limit, after: call.query.cursor }),
        ),
    }),
    route({
      method: 'POST',
      url: '/api/v1/finance/direct-costs',
      kind: 'api',
      action: 'financeCosts.record',
      summary: 'Record a direct cost (venue, interpreter, travel, other) in pence; a negative amount corrects an earlier entry',
      body: directCostInput,
      successStatus: 201,
      response: directCostOut,
      handler: async (call) => settings.recordDirectCost(call.ctx, call.body),
    }),
    route({
      method: 'GET',
      url: '/api/v1/finance/reinvestments',
      kind: 'api',
      action: 'financeCosts.view',
      summary: 'The register of surplus reinvested, newest first (keyset-paginated)',
      query: pageQuery,
      response: reinvestmentPage,
      handler: async (call) => pageAnswer(await settings.pageReinvestments(call.ctx, { limit: call.query.limit, after: call.query.cursor })),
    }),
    route({
      method: 'POST',
      url: '/api/v1/finance/reinvestments',
      kind: 'api',
      action: 'financeCosts.record',
      summary: 'Record surplus reinvested: amount in pence, purpose, date',
      body: reinvestmentInput,
      successStatus: 201,
      response: reinvestmentOut,
      handler: async (call) => settings.recordReinvestment(call.ctx, call.body),
    }),
  ];
}
