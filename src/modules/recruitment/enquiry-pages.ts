import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { parse } from '../../platform/http/validation.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { choices, formErrors, list, selectItems, text } from '../../platform/forms/forms.ts';
import { agencyText, agencyTextHtml } from '../../platform/i18n/agency-text.ts';
import { escapeHtml } from '../../platform/format/format.ts';
import { enquiryInput } from './inputs.ts';
import { RECRUITMENT_FORM } from './page-helpers.ts';
import { CHANNELS } from './vocabulary.ts';

const INTERESTS = ['siblings', 'older_children', 'additional_needs', 'not_sure'] as const;
const anyForm = z.record(z.string(), z.unknown());

/** A message with a name put in as markup: the message's own words escaped, the name's markup (its `lang`) kept. */
const NAME = '\u0000';
const messageHtml = (message: string, nameHtml: string) => message.split(NAME).map(escapeHtml).join(nameHtml);

/** The public enquiry form: no sign-in, bilingual, attributed to the campaign whose link brought the person. */
export function enquiryPageRoutes(services: Services) {
  const recruitment = services.recruitment;

  async function formPage(call: Call, values: Record<string, unknown>, errors: FieldError[] = [], status = 200) {
    const t = call.t;
    const code = text(values, 'campaign');
    const campaign = code ? await recruitment.campaignForLink(call.ctx, code) : undefined;
    const { errorList, fieldErrors } = formErrors(errors, t, RECRUITMENT_FORM);
    return call.render(
      'recruitment/views/enquire.njk',
      {
        pageTitle: t('recruitment:enquire.title'),
        values,
        // The campaign's name from the one chooser: Welsh to a Welsh reader when it has one, else English marked as such.
        campaignHtml: campaign
          ? messageHtml(
              t('recruitment:enquire.campaign', { name: NAME }),
              agencyTextHtml(agencyText({ en: campaign.name, cy: campaign.nameCy }, call.language)!),
            )
          : null,
        languageItems: choices(['en', 'cy'], 'recruitment:vocabulary.language', t, values.preferredLanguage ?? call.language),
        channelItems: selectItems(CHANNELS, 'recruitment:vocabulary.channel', t, values.channel, t('recruitment:enquire.channelChoose')),
        interestItems: choices(INTERESTS, 'recruitment:enquire.interests', t, list(values, 'interests')),
        errorList,
        fieldErrors,
      },
      status,
    );
  }

  return [
    route({
      method: 'GET',
      url: '/enquire',
      kind: 'page',
      action: 'enquiries.submit',
      summary: 'Enquire about adopting (public)',
      query: z.object({ campaign: z.string().trim().max(60).optional(), channel: z.enum(CHANNELS).optional().catch(undefined) }),
      handler: async (call) => formPage(call, { campaign: call.query.campaign ?? '', channel: call.query.channel ?? '' }),
    }),
    route({
      method: 'POST',
      url: '/enquire',
      kind: 'page',
      action: 'enquiries.submit',
      summary: 'Send an enquiry (public)',
      body: anyForm,
      onInvalid: (call, errors) => formPage(call, call.body as Record<string, unknown>, errors, 400),
      handler: async (call) => {
        const form = call.body;
        const input = parse(enquiryInput, {
          givenNames: text(form, 'givenNames'),
          familyName: text(form, 'familyName'),
          email: text(form, 'email'),
          phone: text(form, 'phone'),
          postcode: text(form, 'postcode'),
          preferredLanguage: text(form, 'preferredLanguage') || call.language,
          channel: text(form, 'channel') || null,
          campaign: text(form, 'campaign') || null,
          interests: list(form, 'interests'),
          message: text(form, 'message'),
          consent: text(form, 'consent') || undefined,
          website: text(form, 'website'),
        });
        await recruitment.submitEnquiry(call.ctx, input, call.request.ip);
        return call.redirect('/enquire/thank-you');
      },
    }),
    route({
      method: 'GET',
      url: '/enquire/thank-you',
      kind: 'page',
      action: 'enquiries.submit',
      summary: 'Enquiry received (public)',
      handler: async (call) => call.render('recruitment/views/enquiry-sent.njk', { pageTitle: call.t('recruitment:enquire.sent.title') }),
    }),
  ];
}
