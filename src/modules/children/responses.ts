import { z } from 'zod';
import { isoDate, isoTime, pageOf, rowSchema } from '../../platform/http/responses.ts';
import { ACE_STATUSES } from './aces.ts';
import { CLOCKS } from './clocks.ts';
import { PRIORITY_REASONS } from './priority.ts';
import { childrenSettingsSchema } from './settings.ts';
import { children, referrals, siblingGroupHistory, siblingGroups, siblingRelationships } from './schema.ts';

/** What the API of children who wait answers (see the OpenAPI document). */
const referralOut = rowSchema(referrals).omit({ draft: true });
export const referralCreated = z.object({ referralId: z.uuid(), childIds: z.array(z.uuid()), siblingGroupId: z.uuid().optional() });
export const referralPage = pageOf(referralOut.extend({ organisationName: z.string(), referredByName: z.string() }));
export const referralDetail = referralOut.extend({ children: z.array(rowSchema(children).pick({ id: true, status: true })) });
export const referralDecided = rowSchema(referrals);

export const childOut = rowSchema(children);
const clock = z.object({ name: z.enum(CLOCKS), since: isoDate(), days: z.number().int(), level: z.enum(['ok', 'warning', 'urgent']) });
/** A child as lists show it: priority reasons, the clocks since each date and the worst clock's threshold. */
export const childPage = pageOf(
  z.object({
    id: z.uuid(),
    name: z.string(),
    legalName: z.string(),
    /** The referring authority's own reference for the child, when it gave one. */
    localAuthorityReference: z.string().nullable(),
    dateOfBirth: isoDate(),
    age: z.number().int(),
    sex: z.string(),
    ethnicity: z.string(),
    region: z.string().nullable(),
    status: childOut.shape.status,
    referralDate: isoDate(),
    placementOrderDate: isoDate().nullable(),
    priorityReasons: z.array(z.enum(PRIORITY_REASONS)),
    needCategories: z.array(z.string()),
    outcome: z.string().nullable(),
    siblingGroupId: z.uuid().nullable(),
    clocks: z.array(clock),
    clockLevel: z.enum(['ok', 'warning', 'urgent']),
    clockLevelMonths: z.number().int().nullable(),
    organisationId: z.uuid(),
    version: z.number().int(),
  }),
);
const aceCounts = z.object({
  known: z.number().int(),
  knownOrSuspected: z.number().int(),
  notKnown: z.number().int(),
  extendedKnown: z.number().int(),
  extendedKnownOrSuspected: z.number().int(),
});
export const childDetail = childOut.extend({
  needs: z.array(z.object({ category: z.string(), severity: z.string(), description: z.string().nullable() })),
  priority: z.array(z.object({ reason: z.enum(PRIORITY_REASONS), params: z.record(z.string(), z.union([z.string(), z.number()])) })),
  clocks: z.array(clock),
  aceCounts: aceCounts.nullable(),
  siblingGroupId: z.uuid().nullable(),
});
const aceEntry = z.object({ category: z.string(), status: z.enum(ACE_STATUSES), source: z.string().nullable(), recordedOn: isoDate().nullable() });
export const acesOut = z.object({ entries: z.array(aceEntry.extend({ updatedAt: isoTime() })), counts: aceCounts, version: z.number().int() });
export const acesSaved = z.object({ entries: z.array(aceEntry), counts: aceCounts, version: z.number().int() });

/** A figure outside the agency is a count or 'c' (suppressed by disclosure control). */
const cell = z.union([z.number(), z.literal('c')]);
export const aceAnalyticsOut = z.object({
  disclosed: z.boolean(),
  children: cell,
  mean: cell.nullable(),
  median: cell.nullable(),
  distribution: z.array(cell),
  comparatorMean: z.number(),
  comparatorLabel: z.object({ en: z.string(), cy: z.string() }),
  disclosure: z.object({ minimumCount: z.number().int(), roundTotalsTo: z.number().int() }),
  measure: z.enum(['known', 'knownOrSuspected']),
});

const siblingGroupOut = rowSchema(siblingGroups);
export { siblingGroupOut };
export const siblingGroupPage = pageOf(siblingGroupOut.extend({ childIds: z.array(z.uuid()) }));
export const siblingGroupDetail = z.object({
  group: siblingGroupOut,
  members: z.array(childOut.pick({ id: true, legalGivenNames: true, legalFamilyName: true, preferredName: true, dateOfBirth: true })),
  relationships: z.array(rowSchema(siblingRelationships)),
  history: z.array(rowSchema(siblingGroupHistory)),
});

export const settingsOut = z.object({
  settings: childrenSettingsSchema,
  version: z.number().int(),
  changedAt: isoTime().nullable(),
  changeReason: z.string().nullable(),
});
export const settingsSaved = z.object({ settings: childrenSettingsSchema, version: z.number().int() });
