import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { fields, toFieldErrors } from '../../platform/http/validation.ts';
import { can } from '../../platform/policy/policy.ts';
import { formErrors, type Form } from '../../platform/forms/forms.ts';
import { formRoute, idParams } from '../../platform/forms/form-route.ts';
import { longDate } from '../../platform/format/format.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import { interestReasonInput } from './interest-rules.ts';
import { MatchRefusedError } from './service.ts';

const answerParams = z.object({ id: fields.uuid(), interestId: fields.uuid() });

/**
 * The interests families expressed in a child (or the sibling group placed together), for the
 * agency's adoption workers, and their answers: "Explore a link" (a link made through matching's
 * own rules) or "Not taken forward" with the reason the family will read as written.
 */
export function interestPageRoutes(services: Services) {
  const interests = services.interests;

  async function interestsPage(
    call: Call,
    childId: string,
    options: { errors?: FieldError[]; status?: number; typed?: { interestId: string; reason: string } } = {},
  ) {
    const t = call.t;
    const { errors = [], status = 200, typed } = options;
    const found = await interests.interestsInChild(call.ctx, childId);
    const canAnswer = can(call.actor, 'interests.answer');
    return call.render(
      'matching/views/interests.njk',
      {
        pageTitle: t('matches:interests.title'),
        caption: found.child.name,
        childId,
        items: found.interests.map((i) => ({
          id: i.id,
          version: i.version,
          family: i.householdReference ?? t('matches:interests.familyOfAgency'),
          expressed: longDate(dateInWales(i.createdAt), call.language),
          message: i.message,
          statusText: t(`matches:interests.status.${i.status}`),
          reason: i.status === 'not_taken_forward' ? i.reason : null,
          reasonLang: i.reasonLanguage && i.reasonLanguage !== call.language ? i.reasonLanguage : null,
          answered: i.answeredAt ? longDate(dateInWales(i.answeredAt), call.language) : null,
          matchId: i.matchId,
          mayAnswer: canAnswer && i.status === 'waiting',
          reasonValue: typed?.interestId === i.id ? typed.reason : '',
        })),
        ...formErrors(errors, t),
      },
      status,
    );
  }

  return [
    route({
      method: 'GET',
      url: '/children/:id/interests',
      kind: 'page',
      action: 'interests.view',
      summary: 'Expressions of interest in a child from approved families, and their answers',
      params: idParams,
      handler: async (call) => interestsPage(call, call.params.id),
    }),
    formRoute({
      url: '/children/:id/interests/:interestId/explore',
      action: 'interests.answer',
      summary: 'Answer an expression of interest: explore a link with the family (matching’s rules and limits apply)',
      params: answerParams,
      formPage: '/children/:id/interests',
      parse: () => ({ kind: 'explore' as const }),
      save: (call, answer, version) => interests.answerInterest(call.ctx, call.params.interestId, answer, version),
      view: (call, _shown, errors, status) => interestsPage(call, call.params.id, { errors, status }),
      refusal: refusalOf,
      done: (call) => ({ to: `/children/${call.params.id}/interests`, flash: 'matches:interests.explored' }),
    }),
    formRoute({
      url: '/children/:id/interests/:interestId/not-taken-forward',
      action: 'interests.answer',
      summary: 'Answer an expression of interest: not taken forward, with the reason the family reads',
      params: answerParams,
      formPage: '/children/:id/interests',
      parse: (form: Form, _loaded, call) => {
        const result = interestReasonInput.safeParse({ reason: typeof form.reason === 'string' ? form.reason : undefined });
        if (!result.success) throw new ValidationError(toFieldErrors(result.error).map((e) => ({ ...e, field: `reason-${call.params.interestId}` })));
        return { kind: 'notTakenForward' as const, reason: result.data.reason, language: call.language === 'cy' ? ('cy' as const) : ('en' as const) };
      },
      save: (call, answer, version) => interests.answerInterest(call.ctx, call.params.interestId, answer, version),
      view: (call, shown, errors, status) =>
        interestsPage(call, call.params.id, {
          errors: errors.map((e) => (e.field === 'reason' ? { ...e, field: `reason-${call.params.interestId}` } : e)),
          status,
          typed: shown && typeof shown.reason === 'string' ? { interestId: call.params.interestId, reason: shown.reason } : undefined,
        }),
      done: (call) => ({ to: `/children/${call.params.id}/interests`, flash: 'matches:interests.notTakenForward' }),
    }),
  ];
}

/** A link matching refuses (limits on links explored at once, a child no longer waiting): said on the page, nothing answered. */
function refusalOf(error: unknown) {
  return error instanceof MatchRefusedError ? { error: { field: 'answer', key: error.key, params: error.params }, status: error.status } : undefined;
}
