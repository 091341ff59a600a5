import { z } from 'zod';
import { errorViewModel } from '../../server/page.ts';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { longDate, type T } from '../../platform/format/format.ts';
import { RECORD_KINDS, type RetentionClass, type ReviewGroup } from './rules.ts';

const reason = () =>
  z.string({ error: 'retention:errors.reason.required' }).trim().min(1, 'retention:errors.reason.required').max(2000, 'retention:errors.reason.tooLong');

export const holdInput = z.object({
  recordKind: z.enum(RECORD_KINDS),
  recordId: fields.uuid(),
  reason: reason(),
  // The class whose list the record was chosen from (a case document is listed under its case's class).
  classCode: z.string().trim().max(100).optional(),
});
export const liftInput = z.object({ reason: reason(), version: fields.version() });
export const destroyInput = z.object({
  classCode: z.string().trim().min(1).max(100),
  // One checkbox ticked arrives as a string, several as an array.
  recordIds: z.preprocess((v) => (v === undefined ? [] : [v].flat()), z.array(fields.uuid()).min(1, 'retention:errors.recordIds.required').max(500)),
  confirm: z.literal('yes', { error: 'retention:errors.confirm.required' }),
});

/** The administrator's pages for records kept for their time: the review list, holds and destruction. */
export function retentionRoutes(services: Services) {
  const retention = services.retention;

  async function reviewPage(call: Call, errors: FieldError[] = [], status = 200) {
    const { classes, groups, tombstones } = await retention.review(call.ctx);
    return call.render(
      'retention/views/review.njk',
      {
        pageTitle: call.t('retention:review.title'),
        groups: groupsInWords(groups, call.t, call.language),
        classView: classes.map((c) => ({
          code: c.code,
          periodText: periodText(c, call.t),
          coveredText: call.t(c.covered ? 'retention:classesTable.yes' : 'retention:classesTable.notYet'),
        })),
        tombstones,
        ...errorViewModel(errors, call.t),
      },
      status,
    );
  }

  /** A form's errors placed on its own class's fields (the page has one form of each kind per class). */
  const inClass = (call: Call, errors: FieldError[]) => {
    const code = (call.request.body as { classCode?: string } | undefined)?.classCode ?? '';
    return errors.map((e) => ({ ...e, field: `${e.field}-${code}` }));
  };

  return [
    route({
      method: 'GET',
      url: '/admin/retention',
      kind: 'page',
      action: 'retention.review',
      summary: 'Records past their retention period, by class, with holds and recent destructions',
      handler: async (call) => reviewPage(call),
    }),
    route({
      method: 'POST',
      url: '/admin/retention/holds',
      formPage: '/admin/retention',
      kind: 'page',
      action: 'retention.hold',
      summary: 'Place a legal hold on a record',
      body: holdInput,
      onInvalid: (call, errors) => reviewPage(call, inClass(call, errors), 400),
      handler: async (call) => {
        try {
          await retention.placeHold(call.ctx, call.body);
        } catch (error) {
          if (error instanceof ValidationError) return reviewPage(call, inClass(call, error.fieldErrors), 422);
          throw error;
        }
        return call.redirect('/admin/retention', call.t('retention:flash.held'));
      },
    }),
    route({
      method: 'POST',
      url: '/admin/retention/holds/:id/lift',
      formPage: '/admin/retention',
      kind: 'page',
      action: 'retention.hold',
      summary: 'Lift a legal hold, with the reason',
      params: z.object({ id: fields.uuid() }),
      body: liftInput,
      onInvalid: (call, errors) =>
        reviewPage(
          call,
          errors.map((e) => (e.field === 'reason' ? { ...e, field: `lift-reason-${call.params.id}` } : e)),
          400,
        ),
      handler: async (call) => {
        await retention.liftHold(call.ctx, call.params.id, call.body);
        return call.redirect('/admin/retention', call.t('retention:flash.lifted'));
      },
    }),
    route({
      method: 'POST',
      url: '/admin/retention/destroy',
      formPage: '/admin/retention',
      kind: 'page',
      action: 'retention.destroy',
      summary: 'Destroy the records chosen from the review list, leaving tombstones',
      body: destroyInput,
      onInvalid: (call, errors) => reviewPage(call, inClass(call, errors), 400),
      handler: async (call) => {
        const outcome = await retention.destroy(call.ctx, call.body);
        return call.redirect('/admin/retention', call.t('retention:flash.destroyed', { count: outcome.destroyed.length, skipped: outcome.skipped.length }));
      },
    }),
  ];
}

/** How long a class is kept, in the reader's words. */
function periodText(c: RetentionClass, t: T): string {
  if (c.disposal === 'keep' || c.periodMonths === null) return t('retention:classesTable.kept');
  return t(`retention:runsFrom.${c.runsFrom}`, { period: t('retention:years', { count: Math.floor(c.periodMonths / 12) }) });
}

/** The review list with each rule and each record's reason in the reader's language. */
function groupsInWords(groups: ReviewGroup[], t: T, language: string) {
  const why = (item: ReviewGroup['due'][number]) =>
    t(item.why.key, {
      ...item.why.params,
      period: t('retention:years', { count: item.why.params.years }),
      eventDate: longDate(item.eventDate, language),
      dueDate: longDate(item.dueDate, language),
    });
  return groups.map((group) => ({
    ...group,
    ruleText: periodText(group.retentionClass, t),
    due: group.due.map((item) => ({ ...item, whyText: why(item) })),
    held: group.held.map((item) => ({ ...item, whyText: why(item) })),
  }));
}
