import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { toFieldErrors } from '../../platform/http/validation.ts';
import { conjunctionContext } from '../../platform/i18n/welsh.ts';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { can } from '../../platform/policy/policy.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import { chronologyRows } from '../../platform/chronology/rows.ts';
import { outcomeInput, siblingAssessmentInput } from './inputs.ts';
import { choices, dateFromParts, dateParts, firstPerField, formErrors } from '../../platform/forms/forms.ts';
import { ASSESSMENTS, childFormOptions, childName, clockLevelText, LEVEL_TAG, longDate, priorityText, CHILDREN_FORM } from './page-helpers.ts';
import { childFromForm, childToForm, childFormValues } from './referral-forms.ts';
import { childSummaryRows } from './view-models.ts';
import { OUTCOMES } from './vocabulary.ts';
import { formRoute, idParams } from '../../platform/forms/form-route.ts';
import { pdfRoute } from '../../platform/pdf/pdf-route.ts';
import { childRecordPdf } from './record-pdf.ts';

/** How many of the chronology's latest lines the child's page shows. */
const LATEST = 5;
/** The words of each kind of row in a sibling group's history (an assessment unless named). */
const HISTORY_EVENT_KEY: Record<string, string> = { created: 'created', 'member-added': 'memberAdded', 'reasons-removed': 'reasonsRemoved' };

/** A child's page, the edit and outcome forms and the sibling group (the ACE record: ace-pages.ts). */
export function childRecordRoutes(services: Services) {
  const children = services.children;

  async function latestOfChronology(call: Call, id: string) {
    const { entries } = await services.chronology.childChronology(call.ctx, id);
    return chronologyRows(entries.slice(-LATEST).reverse(), call.t, call.language);
  }

  /** What the child's page shows (its PDF prints the same, so it never holds more). */
  async function childModel(call: Call, id: string) {
    const t = call.t;
    const record = await children.getChild(call.ctx, id);
    const { child, summary } = record;
    const matches = can(call.actor, 'matches.view') ? await services.matching.listMatches(call.ctx, { childId: id, open: false }) : [];
    const sharing = can(call.actor, 'matches.view') ? await children.profileSharing(call.ctx, id) : null;
    return {
      // Whether approved families see the profile, and the interests they expressed (matching's page).
      profileSharing: sharing && {
        text: sharing.shared
          ? t('children:profileSharing.childPage.shown', { date: longDate(dateInWales(sharing.shared.at), call.language) })
          : t('children:profileSharing.childPage.notShown'),
        canChange: can(call.actor, 'children.shareProfile'),
        canSeeInterests: can(call.actor, 'interests.view'),
      },
      familyFinding: can(call.actor, 'matches.view') && {
        canLink: can(call.actor, 'matches.create') && services.matching.childMayBeLinked(child.status),
        canRecommend: can(call.actor, 'matching.recommendations') && services.matching.childMayBeRecommended(child.status),
        matches: matches.map((m) => ({
          id: m.match.id,
          household: m.householdReference ? `${m.applicantNames.join(' & ')} (${m.householdReference})` : t('matches:match.householdOfAgency'),
          stageText: t(`matches:vocabulary.stage.${m.match.stage}`),
          since: longDate(m.match.stageSince, call.language),
        })),
      },
      pageTitle: childName(child),
      statusText: t(`children:vocabulary.status.${child.status}`),
      child,
      canEdit: can(call.actor, 'children.edit'),
      priority: record.priority.map((r) => priorityText(t, r.reason, r.params)),
      clocks: summary.clocks.map((c) => ({
        name: t(`children:vocabulary.clock.${c.name}`),
        since: longDate(c.since, call.language),
        days: c.days,
        levelText: clockLevelText(t, c.level, record.thresholds),
        levelClass: LEVEL_TAG[c.level],
      })),
      summaryRows: childSummaryRows({ ...child, needs: record.needs }, t, call.language),
      keyFacts: [
        { key: { text: t('children:child.facts.age') }, value: { text: String(summary.age) } },
        { key: { text: t('children:child.facts.referralDate') }, value: { text: longDate(child.referralDate, call.language) } },
        { key: { text: t('children:child.facts.region') }, value: { text: child.region ?? t('children:summary.notGiven') } },
        ...(child.outcome
          ? [
              {
                key: { text: t('children:child.facts.outcome') },
                value: { text: `${t(`children:vocabulary.outcome.${child.outcome}`)} (${longDate(child.outcomeDate, call.language)})` },
              },
            ]
          : []),
      ],
      siblingGroup: record.siblingGroup && {
        id: record.siblingGroup.id,
        rows: [
          ...record.siblingGroup.members
            .filter((m) => m.id !== child.id)
            .map((m) => {
              const link = record.siblingGroup!.relationships.find(
                (r) => (r.childId === child.id && r.siblingId === m.id) || (r.siblingId === child.id && r.childId === m.id),
              );
              return {
                key: { text: childName(m) },
                value: { text: link ? t(`children:vocabulary.relationship.${link.relationship}`) : t('children:siblingGroup.relationshipNotRecorded') },
              };
            }),
          {
            key: { text: t('children:journey.siblings.assessment') },
            value: { text: t(`children:vocabulary.assessment.${record.siblingGroup.group?.assessment ?? 'not_yet_assessed'}`) },
          },
          // The reasons live on the group's page; here only that retention removed them, so nobody looks for them there.
          ...(record.siblingGroup.group?.assessmentReasonsRemovedAt && !record.siblingGroup.group.assessmentReasons
            ? [{ key: { text: t('children:journey.siblings.reasons') }, value: { text: t('children:siblingGroup.reasonsRemoved') } }]
            : []),
        ],
      },
      aces: record.aces,
      // The latest lines of the child's chronology (every module's), newest first; the full one is a page of its own.
      chronology: await latestOfChronology(call, id),
    };
  }

  async function editPage(call: Call, id: string, values?: Record<string, unknown>, errors: FieldError[] = [], status?: number) {
    const record = await children.getChild(call.ctx, id);
    const shown = values ?? { ...childToForm({ ...record.child, needs: record.needs } as never), version: record.child.version };
    return call.render(
      'children/views/child-edit.njk',
      {
        pageTitle: call.t('children:edit.title', { name: childName(record.child) }),
        childId: id,
        version: shown.version,
        values: shown,
        ...childFormOptions(shown, call.t),
        ...formErrors(errors, call.t, CHILDREN_FORM),
      },
      status ?? (errors.length ? 400 : 200),
    );
  }

  async function outcomePage(call: Call, id: string, values?: Record<string, unknown>, errors: FieldError[] = [], status?: number) {
    const { child } = await children.getChild(call.ctx, id);
    const shown = values ?? { outcome: child.outcome, reason: child.outcomeReason, ...dateParts('outcomeDate', child.outcomeDate), version: child.version };
    return call.render(
      'children/views/child-outcome.njk',
      {
        pageTitle: call.t('children:outcome.title'),
        childName: childName(child),
        childId: id,
        version: shown.version,
        values: shown,
        outcomeItems: choices(OUTCOMES, 'children:vocabulary.outcome', call.t, shown.outcome),
        ...formErrors(errors, call.t, CHILDREN_FORM),
      },
      status ?? (errors.length ? 400 : 200),
    );
  }

  async function siblingGroupPage(call: Call, id: string, values?: Record<string, unknown>, errors: FieldError[] = [], status?: number) {
    const t = call.t;
    const found = await children.getSiblingGroup(call.ctx, id);
    const names = new Map(found.members.map((m) => [m.id, childName(m)]));
    const { group } = found;
    const shown = values ?? {
      version: group.version,
      assessment: group.assessment,
      reasons: '',
      'assessmentDate-day': '',
      'assessmentDate-month': '',
      'assessmentDate-year': '',
    };
    const notGiven = t('children:summary.notGiven');
    return call.render(
      'children/views/sibling-group.njk',
      {
        pageTitle: t('children:siblingGroup.title', { names: found.members.map((m) => m.preferredName || m.legalGivenNames).join(', ') }),
        groupId: id,
        version: shown.version,
        canEdit: can(call.actor, 'siblingGroups.edit'),
        members: found.members.map((m) => ({ id: m.id, name: childName(m), dateOfBirth: longDate(m.dateOfBirth, call.language) })),
        relationships: found.relationships.map((r) => ({
          key: {
            text: t('children:journey.siblings.pair', {
              first: names.get(r.childId),
              second: names.get(r.siblingId),
              context: conjunctionContext(names.get(r.siblingId)),
            }),
          },
          value: { text: t(`children:vocabulary.relationship.${r.relationship}`) },
        })),
        currentRows: [
          {
            key: { text: t('children:journey.siblings.assessment') },
            value: { html: `<strong data-testid="current-assessment">${t(`children:vocabulary.assessment.${group.assessment}`)}</strong>` },
          },
          {
            key: { text: t('children:journey.siblings.reasons') },
            value: { text: group.assessmentReasons ?? (group.assessmentReasonsRemovedAt ? t('children:siblingGroup.reasonsRemoved') : notGiven) },
          },
          {
            key: { text: t('children:journey.siblings.assessmentDate') },
            value: { text: group.assessmentDate ? longDate(group.assessmentDate, call.language) : notGiven },
          },
        ],
        history: [...found.history].reverse().map((h) => ({
          at: longDate(dateInWales(h.at), call.language),
          event: t(`children:siblingGroup.events.${HISTORY_EVENT_KEY[h.event] ?? 'assessed'}`),
          assessment: t(`children:vocabulary.assessment.${h.assessment}`),
          reasons: h.reasons ?? (h.reasonsRemovedAt ? t('children:siblingGroup.reasonsRemoved') : ''),
        })),
        assessmentItems: choices(ASSESSMENTS, 'children:vocabulary.assessment', t, shown.assessment),
        values: shown,
        ...formErrors(errors, t, CHILDREN_FORM),
      },
      status ?? (errors.length ? 400 : 200),
    );
  }

  return [
    route({
      method: 'GET',
      url: '/children/:id',
      kind: 'page',
      action: 'children.view',
      summary: 'A child’s record',
      params: idParams,
      handler: async (call) => call.render('children/views/child.njk', await childModel(call, call.params.id)),
    }),
    pdfRoute({
      url: '/children/:id/pdf',
      action: 'children.view',
      summary: 'A child’s record as a PDF in the reader’s language: what the child’s page shows',
      load: childModel,
      print: childRecordPdf,
      fileName: 'fileNames.childRecord',
    }),
    route({
      method: 'GET',
      url: '/children/:id/edit',
      kind: 'page',
      action: 'children.edit',
      summary: 'Form: change a child’s record',
      params: idParams,
      handler: async (call) => editPage(call, call.params.id),
    }),
    formRoute({
      url: '/children/:id/edit',
      action: 'children.edit',
      summary: 'Change a child’s record (stale versions refused)',
      parse: (form) => childFromForm(form),
      save: (call, patch, version) => children.updateChild(call.ctx, call.params.id, patch, version),
      view: (call, shown, errors, status) => editPage(call, call.params.id, shown && childFormValues(shown), errors, status),
      done: (call) => ({ to: `/children/${call.params.id}`, flash: 'children:edit.saved' }),
    }),
    route({
      method: 'GET',
      url: '/children/:id/outcome',
      kind: 'page',
      action: 'children.edit',
      summary: 'Form: record how the child’s journey ended',
      params: idParams,
      handler: async (call) => outcomePage(call, call.params.id),
    }),
    formRoute({
      url: '/children/:id/outcome',
      action: 'children.edit',
      summary: 'Record how the child’s journey ended',
      parse: (form) => {
        const date = dateFromParts(form, 'outcomeDate');
        const result = outcomeInput.safeParse({ outcome: form.outcome || undefined, reason: form.reason, outcomeDate: date.value ?? undefined });
        if (date.error || !result.success)
          throw new ValidationError(firstPerField([...(date.error ? [date.error] : []), ...(result.success ? [] : toFieldErrors(result.error))]));
        return result.data;
      },
      save: (call, outcome, version) => children.recordOutcome(call.ctx, call.params.id, outcome, version),
      view: (call, shown, errors, status) => outcomePage(call, call.params.id, shown, errors, status),
      done: (call) => ({ to: `/children/${call.params.id}`, flash: 'children:outcome.saved' }),
    }),
    route({
      method: 'GET',
      url: '/sibling-groups/:id',
      kind: 'page',
      action: 'siblingGroups.view',
      summary: 'A sibling group: members, relationships, assessment and history',
      params: idParams,
      handler: async (call) => siblingGroupPage(call, call.params.id),
    }),
    formRoute({
      url: '/sibling-groups/:id',
      action: 'siblingGroups.edit',
      summary: 'A new together-or-apart assessment of a sibling group',
      parse: (form) => {
        const date = dateFromParts(form, 'assessmentDate');
        const result = siblingAssessmentInput.safeParse({ assessment: form.assessment || undefined, reasons: form.reasons, assessmentDate: date.value });
        if (date.error || !result.success)
          throw new ValidationError([...(date.error ? [date.error] : []), ...(result.success ? [] : toFieldErrors(result.error))]);
        return result.data;
      },
      save: (call, assessment, version) => children.assessSiblingGroup(call.ctx, call.params.id, assessment, version),
      view: (call, shown, errors, status) => siblingGroupPage(call, call.params.id, shown, errors, status),
      done: (call) => ({ to: `/sibling-groups/${call.params.id}`, flash: 'children:siblingGroup.saved' }),
    }),
  ];
}
