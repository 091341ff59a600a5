import { z } from 'zod';
import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { longDate } from '../../platform/format/format.ts';
import { idParams } from '../../platform/forms/form-route.ts';
import { can } from '../../platform/policy/policy.ts';
import { isoDate } from './agreements-inputs.ts';
import { formatPounds } from './invoices-pdf.ts';
import { organisationName, organisationNameText } from '../../platform/i18n/agency-text.ts';
import type { UpliftRule } from './schema.ts';

const money = formatPounds;
const percent = (bp: number | null | undefined) => (bp == null ? null : `${(bp / 100).toFixed(2)}%`);

/** Agreements, their versions, the fees raised (which child, which step) and each authority's statement. */
export function agreementPageRoutes(services: Services) {
  const billing = services.billing;
  return [
    route({
      method: 'GET',
      url: '/finance/agreements',
      kind: 'page',
      action: 'agreements.view',
      summary: 'Service-level agreements (an authority sees its own)',
      handler: async (call) => {
        const found = await billing.listAgreements(call.ctx, { limit: 200 });
        return call.render('finance/views/agreements.njk', {
          pageTitle: call.t('billing:agreements.title'),
          agreements: found.items.map((a) => ({ ...a, partyText: call.t(`billing:parties.${a.party}`) })),
          canSeeRates: can(call.actor, 'feeRates.view'),
        });
      },
    }),
    route({
      method: 'GET',
      url: '/finance/agreements/:id',
      kind: 'page',
      action: 'agreements.view',
      summary: 'An agreement: its authorities, and every version of its terms from its date',
      params: idParams,
      handler: async (call) => {
        const t = call.t;
        const { agreement, versions, authorities, billingSettings, agency } = await billing.getAgreement(call.ctx, call.params.id);
        const upliftText = (u: UpliftRule) =>
          u.kind === 'none'
            ? t('billing:agreement.uplift.none')
            : u.kind === 'percentage'
              ? t('billing:agreement.uplift.percentage', { rate: percent(u.basisPoints), cap: percent(u.capBasisPoints) ?? '–' })
              : t('billing:agreement.uplift.index', {
                  cap: percent(u.capBasisPoints) ?? '–',
                  figures: u.figures.map((f) => `${f.year}: ${f.value}`).join(', ') || '–',
                });
        return call.render('finance/views/agreement.njk', {
          pageTitle: agreement.name,
          agreement,
          partyText: t(`billing:parties.${agreement.party}`),
          authorities: authorities.map((a) => ({ id: a.id, name: organisationName(a, call.language) })),
          disruptionText: t(billingSettings.reversePlacementFeesOnDisruption ? 'billing:disruption.chosenReverse' : 'billing:disruption.chosenKeep', {
            agency: organisationNameText(agency, call.language),
          }),
          versions: [...versions].reverse().map((v) => ({
            ...v,
            from: longDate(v.effectiveFrom, call.language),
            period: `${longDate(v.periodStart, call.language)} – ${v.periodEnd ? longDate(v.periodEnd, call.language) : t('billing:agreement.openEnded')}`,
            fees: v.feeSchedule.map((f) => ({
              step: t(`billing:triggers.${f.trigger}`),
              amount: money(f.amountPence),
              sibling: f.siblingAmountPence != null ? money(f.siblingAmountPence) : '–',
              vat: t(`billing:vat.${f.vatStatus ?? 'exempt'}`),
            })),
            upliftText: upliftText(v.uplift),
            cap: v.childCapPerYear ?? '–',
            hourly: v.supportHourlyPence != null ? money(v.supportHourlyPence) : '–',
            signatories: v.signatories.map((s) => `${s.name}, ${s.role}, ${s.organisation}${s.signedOn ? ` (${longDate(s.signedOn, call.language)})` : ''}`),
          })),
        });
      },
    }),
    route({
      method: 'GET',
      url: '/finance/fees',
      kind: 'page',
      action: 'feeEvents.view',
      summary: 'Fees raised by the workflow: which child, which step, how much, and whether invoiced',
      handler: async (call) => {
        const found = await billing.listFeeEvents(call.ctx, {}, { limit: 200 });
        const cy = call.language === 'cy';
        return call.render('finance/views/fees.njk', {
          pageTitle: call.t('billing:fees.title'),
          canReverse: can(call.actor, 'feeEvents.reverse'),
          fees: found.items.map((e) => ({
            ...e,
            text: cy ? e.descriptionCy : e.description,
            date: longDate(e.occurredOn, call.language),
            amount: money(e.amountPence),
            basisText: call.t(`billing:basis.${e.basis}`),
          })),
        });
      },
    }),
    route({
      method: 'GET',
      url: '/finance/statements/:id',
      kind: 'page',
      action: 'statements.view',
      summary: 'Statement of account of one authority',
      params: idParams,
      query: z.object({ from: isoDate('billing:errors.date.invalid').optional(), to: isoDate('billing:errors.date.invalid').optional() }),
      handler: async (call) => {
        const to = call.query.to ?? billing.today();
        const from = call.query.from ?? `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`;
        const statement = await billing.statement(call.ctx, call.params.id, { from, to });
        return call.render('finance/views/statement.njk', {
          pageTitle: call.t('billing:statement.title', {
            authority: organisationNameText({ name: statement.authorityName, nameCy: statement.authorityNameCy }, call.language),
          }),
          period: call.t('billing:statement.period', { from: longDate(from, call.language), to: longDate(to, call.language) }),
          opening: money(statement.openingPence),
          closing: money(statement.closingPence),
          overdue: money(statement.overduePence),
          entries: statement.entries.map((e) => ({
            ...e,
            when: longDate(e.date, call.language),
            kindText: call.t(`billing:kinds.${e.kind}`),
            amount: money(e.amountPence),
            balance: money(e.balancePence),
            href: e.kind === 'payment' ? null : `/finance/invoices/${e.id}`,
          })),
        });
      },
    }),
  ];
}
