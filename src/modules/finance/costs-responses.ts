import { z } from 'zod';
import { isoDate, pageOf, rowSchema } from '../../platform/http/responses.ts';
import { financeDirectCosts, financeReinvestments } from './costs-schema.ts';
import { ACTIVITIES, CARE_KINDS, COSTED_ROLES } from './costs-vocabulary.ts';

/** What the cost side's API answers (see the OpenAPI document). Money is integer pence throughout. */

const pence = () => z.number().int();
const figures = {
  costPence: pence(),
  invoicedPence: pence(),
  receivedPence: pence(),
  surplusPence: pence().describe('Invoiced − cost'),
  outstandingPence: pence().describe('Invoiced − received'),
};

export const directCostOut = rowSchema(financeDirectCosts);
export const reinvestmentOut = rowSchema(financeReinvestments);
export const directCostPage = pageOf(directCostOut);
export const reinvestmentPage = pageOf(reinvestmentOut);

const activityOut = z.object({
  activity: z.enum(ACTIVITIES),
  defaultMinutes: z.number().int(),
  roles: z.array(z.enum(COSTED_ROLES)),
  version: z.number().int().describe('0: the starting value, not yet set by the agency'),
  isDefault: z.boolean(),
});
const rateOut = z.object({ role: z.enum(COSTED_ROLES), financialYear: z.number().int(), pencePerHour: pence(), version: z.number().int() });
const unitCostOut = z.object({
  careKind: z.enum(CARE_KINDS),
  priceYear: z.number().int(),
  weeklyPence: pence(),
  source: z.string(),
  version: z.number().int(),
  isDefault: z.boolean(),
});
const indexOut = z.object({ financialYear: z.number().int(), indexThousandths: z.number().int(), version: z.number().int(), isDefault: z.boolean() });
const returnSettingsOut = z.object({ discountBasisPoints: z.number().int(), defaultRouteFeePence: pence(), version: z.number().int(), isDefault: z.boolean() });

export const costSettingsOut = z.object({
  activities: z.array(activityOut),
  rates: z.array(rateOut),
  unitCosts: z.array(unitCostOut),
  priceIndex: z.array(indexOut),
  returnSettings: returnSettingsOut,
});
export const activitySettingOut = activityOut.omit({ isDefault: true });
export const hourlyRateOut = rateOut;
export const unitCostSavedOut = unitCostOut.omit({ isDefault: true });
export const priceIndexSavedOut = indexOut.omit({ isDefault: true });
export const returnSettingsSavedOut = returnSettingsOut.omit({ isDefault: true });
export const careChoiceOut = z.object({ childId: z.uuid(), careKind: z.enum(CARE_KINDS), reason: z.string(), version: z.number().int() });

const period = z.object({ from: isoDate(), to: isoDate() });

export const costRecoveryOut = z.object({
  period,
  total: z.object({
    ...figures,
    staffPence: pence(),
    directPence: pence(),
    sharedPence: pence().describe('Shared work and costs, shared equally among the children worked with'),
    attributedPence: pence(),
    children: z.number().int(),
  }),
  years: z.array(
    z.object({ financialYear: z.number().int().describe('2025 = April 2025 to March 2026'), staffPence: pence(), directPence: pence(), ...figures }),
  ),
  localAuthorities: z.array(z.object({ localAuthorityId: z.uuid(), name: z.string().nullable(), children: z.number().int(), ...figures })),
  agreements: z.array(z.object({ agreementId: z.uuid(), name: z.string(), reference: z.string(), children: z.number().int(), ...figures })),
  children: z.array(z.object({ childId: z.uuid(), localAuthorityId: z.uuid().nullable(), attributedPence: pence(), sharedPence: pence(), ...figures })),
  activities: z.array(
    z.object({ activity: z.enum(ACTIVITIES), records: z.number().int(), minutes: z.number().int(), defaulted: z.number().int(), pence: pence() }),
  ),
  directByCategory: z.array(z.object({ category: z.string(), amountPence: pence() })),
  reinvestedPence: pence(),
  toReinvestPence: pence(),
});

const totals = { children: z.number().int(), discountedPence: pence(), undiscountedPence: pence(), routeCostPence: pence(), netPence: pence() };

export const financialReturnOut = z.object({
  period,
  assumptions: z.object({
    reportYear: z.number().int(),
    discountBasisPoints: z.number().int(),
    defaultRouteFeePence: pence(),
    weeksPerYear: z.number().int(),
    unitCosts: z.array(
      z.object({
        careKind: z.enum(CARE_KINDS),
        priceYear: z.number().int(),
        weeklyPence: pence(),
        source: z.string(),
        weeklyAtReportYearPence: pence(),
        indexFrom: z.number().int(),
        indexTo: z.number().int(),
      }),
    ),
  }),
  totals: z.object(totals),
  byYear: z.array(z.object({ financialYear: z.number().int(), ...totals })),
  byLocalAuthority: z.array(z.object({ localAuthorityId: z.uuid(), name: z.string().nullable(), ...totals })),
  children: z.array(
    z.object({
      childId: z.uuid(),
      localAuthorityId: z.uuid(),
      placementDate: isoDate(),
      ageAtPlacement: z.number().int(),
      careKind: z.enum(CARE_KINDS),
      careSource: z.enum(['chosen', 'plan']),
      weeksAvoided: z.number().int(),
      weeklyPence: pence(),
      undiscountedPence: pence(),
      discountedPence: pence(),
      routeCostPence: pence(),
      feeAssumed: z.boolean(),
      netPence: pence(),
    }),
  ),
  sensitivity: z.array(
    z.object({
      unitCostPercent: z.number().int(),
      discountBasisPoints: z.number().int(),
      weeksLess: z.number().int(),
      discountedPence: pence(),
      netPence: pence(),
    }),
  ),
});
