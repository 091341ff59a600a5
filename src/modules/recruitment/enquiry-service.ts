import { recordAudit } from '../../platform/audit/audit.ts';
import { NotFoundError, TooManyRequestsError } from '../../platform/http/errors.ts';
import { withinLimit } from '../../platform/limits/limits.ts';
import { type RequestContext } from '../../platform/policy/actor.ts';
import { authorize } from '../../platform/policy/policy.ts';
import { notify } from '../notifications/index.ts';
import type { EnquiryInput } from './inputs.ts';
import * as repo from './repository.ts';
import type { RecruitmentContext } from './service-context.ts';

/** The public enquiry form and the campaign behind a link. */
/** How long an identical enquiry from the same address counts as the same one sent again. */
const RESUBMISSION_WINDOW_MS = 24 * 3_600_000;

export function createEnquiryUseCases(context: RecruitmentContext) {
  const { runner, campaigns, today, config } = context;

  /**
   * The public enquiry form. The answer is the same whether or not the address is known, a bot
   * filled the honeypot, or a campaign code is unknown: nothing about the agency's records leaks.
   */
  async function submitEnquiry(ctx: RequestContext, input: EnquiryInput, address: string): Promise<{ received: true }> {
    authorize(ctx.actor, 'enquiries.submit');
    if (input.website && input.website.trim()) {
      await runner.recordStandalone(ctx, { action: 'enquiries.submit', resourceType: 'enquiry', outcome: 'denied', detail: { honeypot: true } });
      return { received: true };
    }
    // The form has no signed-in person: it writes as the platform, and the audit names the anonymous sender.
    await runner.runAsSystemJob('publicEnquiry', ctx, async (tx) => {
      // The same enquiry sent again (the back button and "resubmit", a double click) is one enquiry:
      // serialised on the address, an identical one received within the day is not stored twice, and
      // the sender is answered exactly as the first time.
      await repo.lockEnquirer(tx, input.email);
      if (await repo.sameEnquiryReceivedSince(tx, input, new Date(Date.now() - RESUBMISSION_WINDOW_MS))) {
        await recordAudit(tx, ctx, { action: 'enquiries.submit', resourceType: 'enquiry', detail: { resubmitted: true } });
        return;
      }
      if (!(await withinLimit(tx, config.enquiryLimit, address))) throw new TooManyRequestsError('recruitment:errors.enquiry.tooMany');
      const campaign = input.campaign ? await campaigns.campaignByCode(tx, input.campaign) : undefined;
      const organisationId = campaign?.organisationId ?? (await repo.firstAgency(tx))?.id;
      if (!organisationId) throw new NotFoundError();
      const date = today();
      const existing = await repo.openHouseholdByEmail(tx, organisationId, input.email);
      let householdId = existing?.id;
      if (!householdId) {
        const household = await repo.insertHousehold(tx, {
          organisationId,
          reference: await repo.nextReference(tx, date.slice(0, 4)),
          stage: 'enquiry',
          stageSince: date,
          enquiryDate: date,
          preferredLanguage: input.preferredLanguage,
          email: input.email,
          phone: input.phone,
          postcode: input.postcode,
          campaignId: campaign?.id ?? null,
          channel: input.channel,
          referrerCode: input.campaign,
        });
        householdId = household.id;
        await repo.insertApplicant(tx, {
          householdId,
          organisationId,
          givenNames: input.givenNames,
          familyName: input.familyName,
          email: input.email,
          phone: input.phone,
          preferredLanguage: input.preferredLanguage,
        });
        await repo.insertStageEvent(tx, { householdId, organisationId, fromStage: null, toStage: 'enquiry', effectiveDate: date, reason: null, actorId: null });
      }
      await repo.insertEnquiry(tx, {
        organisationId,
        householdId,
        givenNames: input.givenNames,
        familyName: input.familyName,
        email: input.email,
        phone: input.phone,
        postcode: input.postcode,
        preferredLanguage: input.preferredLanguage,
        campaignId: campaign?.id ?? null,
        channel: input.channel,
        referrerCode: input.campaign,
        interests: input.interests,
        message: input.message,
        repeat: Boolean(existing),
      });
      // The acknowledgement, in the language the family chose on the form (sent for a repeat enquiry too:
      // the answer must not tell whether the address was known).
      await notify(tx, {
        event: 'enquiryAcknowledged',
        organisationId,
        recipient: { email: input.email, language: input.preferredLanguage },
        data: { name: input.givenNames },
        references: { householdId },
      });
      await recordAudit(tx, ctx, {
        action: 'enquiries.submit',
        resourceType: 'household',
        resourceId: householdId,
        detail: { repeat: Boolean(existing), campaign: Boolean(campaign) },
      });
    });
    return { received: true };
  }
  /** What the enquiry form says about the campaign its link names (its name, in both languages). */
  async function campaignForLink(ctx: RequestContext, code: string) {
    return runner.runAsSystemJob('publicEnquiry', ctx, (tx) => campaigns.campaignByCode(tx, code));
  }

  return { submitEnquiry, campaignForLink };
}
