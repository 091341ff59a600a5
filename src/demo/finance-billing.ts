import type { Services } from '../server/services.ts';
import type { RequestContext } from '../platform/policy/actor.ts';
import { addDays, type IsoDate } from '../platform/dates/dates.ts';
import { ConflictError } from '../platform/http/errors.ts';

/**
 * Money in for the demo, done by the demo finance officer: the inter-agency fee table and two
 * agreements before the story begins (so its referrals, placements and orders raise their fees as
 * they happen), then, after it, invoices issued at three moments, one part paid and one overdue.
 */
export async function seedDemoAgreements(services: Services, finance: RequestContext, authorities: { north: string; south: string }) {
  const billing = services.billing;
  for (const rate of [
    { effectiveFrom: '2011-04-01', firstChildPence: 2_700_000, siblingPence: 1_600_000, description: 'Inter-agency fee (2011)' },
    { effectiveFrom: '2019-04-01', firstChildPence: 3_162_000, siblingPence: 1_897_200, description: 'Voluntary adoption agencies’ rate (2019)' },
    { effectiveFrom: '2025-04-01', firstChildPence: 3_924_500, siblingPence: 2_354_700, description: 'Voluntary adoption agencies’ rate from April 2025' },
  ])
    await billing.addRate(finance, rate);
  // The Adopting Together model: £8,000 a child = £2,000 recruitment and training + £6,000 therapeutic support.
  const schedule = [
    { trigger: 'referral_accepted' as const, amountPence: 200_000, siblingAmountPence: 150_000, vatStatus: 'exempt' as const, label: null, labelCy: null },
    { trigger: 'placement' as const, amountPence: 600_000, siblingAmountPence: 450_000, vatStatus: 'exempt' as const, label: null, labelCy: null },
  ];
  const terms = (effectiveFrom: IsoDate, signedBy: string, organisation: string) => ({
    effectiveFrom,
    periodStart: '2018-04-01',
    periodEnd: null,
    services: ['Specialised recruitment and preparation of adopters', 'Therapeutic family finding', 'Therapeutic adoption support'],
    feeSchedule: schedule,
    uplift: { kind: 'percentage' as const, basisPoints: 200, capBasisPoints: 300 },
    childCapPerYear: 20,
    supportHourlyPence: 7_500,
    paymentTermsDays: 30,
    signatories: [
      { name: signedBy, role: 'Head of Children’s Services', organisation, signedOn: '2018-03-20' },
      { name: 'Seren Manager', role: 'Service manager', organisation: 'Demo Adoption Agency (fictional)', signedOn: '2018-03-22' },
    ],
    notes: 'Fictional agreement for the demo.',
  });
  await billing.createAgreement(finance, {
    name: 'North Wales Adoption Collaborative (fictional)',
    reference: 'SLA-NWAC-2018',
    party: 'regional_collaborative',
    authorityIds: [authorities.north],
    language: 'cy',
    terms: terms('2018-04-01', 'Gwyn Pennaeth', 'North Wales Adoption Collaborative (fictional)'),
  });
  await billing.createAgreement(finance, {
    name: 'Demo South Council SLA (fictional)',
    reference: 'SLA-SOUTH-2018',
    party: 'local_authority',
    authorityIds: [authorities.south],
    language: 'en',
    terms: terms('2018-04-01', 'Sam Head', 'Demo South Council (fictional)'),
  });
}

export async function seedDemoInvoices(services: Services, finance: RequestContext, authorities: { north: string; south: string }, today: IsoDate) {
  const billing = services.billing;
  const issue = async (localAuthorityId: string, on: IsoDate) => {
    try {
      return (await billing.issueInvoices(finance, { localAuthorityId, upTo: on, issuedOn: on })).invoices;
    } catch (error) {
      if (error instanceof ConflictError) return [];
      throw error;
    }
  };
  // North's older fees, invoiced 100 days ago and part paid: overdue with the rest still owed.
  const north = await issue(authorities.north, addDays(today, -100));
  const first = north[0] && (await billing.getInvoice(finance, north[0]));
  if (first)
    await billing.recordPayment(finance, {
      invoiceId: first.invoice.id,
      receivedOn: addDays(today, -75),
      amountPence: Math.floor(first.invoice.totalPence / 2),
      reference: 'BACS NWAC 0001',
    });
  // South's, invoiced 45 days ago and unpaid: overdue by 15 days.
  await issue(authorities.south, addDays(today, -45));
  // Everything since, invoiced today: not yet due.
  await issue(authorities.north, today);
  await issue(authorities.south, today);
}
