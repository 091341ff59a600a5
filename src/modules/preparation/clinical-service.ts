import { recordAudit } from '../../platform/audit/audit.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { type RequestContext } from '../../platform/policy/actor.ts';
import { authorize, can, mayReadClinicalNotes } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { grantAccess } from '../children/index.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import * as clinical from './clinical-repository.ts';
import { changedFields, nextVersion, unitKeyOf } from './formulation-rules.ts';
import type { ConsultationInput, FormulationInput } from './inputs.ts';
import { dateInFuture, splitByTime } from './meeting-rules.ts';
import * as people from './people-repository.ts';
import type { ChildFacts } from './people-repository.ts';
import { aboutChildrenResource, childResource, loadUnit } from './tac-service.ts';
import * as tac from './tac-repository.ts';
import type { Tx } from '../../platform/db/pool.ts';

/** A unique index refused the row: here, another version of the formulation saved at the same moment. */
function isUniqueViolation(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } }).cause ?? (error as { code?: string });
  return cause?.code === '23505';
}

/** The workers allocated to the children a clinical record is about (they may read its notes). */
const allocatedTo = (children: readonly ChildFacts[]) => children.flatMap((c) => [c.familyFinderId, c.socialWorkerId]);

/**
 * The psychologist's consultations and formulations, and a child's therapeutic preparation as a
 * whole (meetings, consultations, formulation, who it is shared with).
 */
export function createClinicalService(runner: UseCaseRunner, clock: () => Date = () => new Date()) {
  const { run } = runner;
  const today = () => dateInWales(clock());

  async function loadChild(tx: Tx, ctx: RequestContext, childId: string, action: Parameters<typeof authorize>[1]) {
    const [child] = await people.childrenByIds(tx, [childId]);
    if (!child) throw new NotFoundError();
    authorize(ctx.actor, action, childResource(child));
    return child;
  }

  /** The child's unit: their brothers and sisters of an active group (all visible), or the child alone. */
  async function unitOf(tx: Tx, child: ChildFacts): Promise<ChildFacts[]> {
    const group = await people.activeGroupOf(tx, child.id);
    return group ? people.childrenByIds(tx, group.memberIds) : [child];
  }

  async function createConsultation(ctx: RequestContext, input: ConsultationInput) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'consultations.edit');
      if (ctx.actor.kind !== 'user') throw new NotFoundError();
      const actor = ctx.actor;
      const { children } = await loadUnit(tx, ctx, input.childIds, 'consultations.edit');
      if (dateInFuture(input.consultationDate, today()))
        throw new ValidationError([{ field: 'consultationDate', key: 'preparation:errors.consultationDate.future' }]);
      const consultation = await clinical.insertConsultation(tx, {
        organisationId: actor.organisationId,
        childIds: children.map((c) => c.id),
        psychologistId: actor.userId,
        consultationDate: input.consultationDate,
        durationMinutes: input.durationMinutes,
        consultees: input.consultees,
        notes: input.notes,
      });
      await recordAudit(tx, ctx, {
        action: 'consultations.edit',
        resourceType: 'consultation',
        resourceId: consultation.id,
        detail: { created: true, children: children.length },
      });
      return consultation;
    });
  }

  /**
   * A consultation; its notes only for the clinical team, the psychologist who wrote them and the
   * children's allocated workers (the policy decides). Every read is audited, saying whether the notes were shown.
   */
  async function getConsultation(ctx: RequestContext, id: string) {
    return run(ctx, async (tx) => {
      const found = await clinical.getConsultation(tx, id);
      if (!found) throw new NotFoundError();
      const children = await people.childrenByIds(tx, found.consultation.childIds);
      if (children.length === 0) throw new NotFoundError();
      authorize(ctx.actor, 'consultations.view', aboutChildrenResource('consultation', id, found.consultation.organisationId, children));
      const notesShown = mayReadClinicalNotes(ctx.actor, { allocatedUserIds: allocatedTo(children), authorId: found.consultation.psychologistId });
      await recordAudit(tx, ctx, { action: 'consultations.view', resourceType: 'consultation', resourceId: id, detail: { notes: notesShown } });
      return {
        consultation: { ...found.consultation, notes: notesShown ? found.consultation.notes : null },
        notesWithheld: !notesShown && found.consultation.notes !== null,
        psychologistName: found.psychologistName,
        children,
        mayEdit: ctx.actor.kind === 'user' && ctx.actor.userId === found.consultation.psychologistId && can(ctx.actor, 'consultations.edit'),
      };
    });
  }

  /** The psychologist who wrote a consultation corrects it (stale versions refused). */
  async function updateConsultation(ctx: RequestContext, id: string, input: Omit<ConsultationInput, 'childIds'>, version: number) {
    return run(ctx, async (tx) => {
      const found = await clinical.getConsultation(tx, id);
      if (!found) throw new NotFoundError();
      const children = await people.childrenByIds(tx, found.consultation.childIds);
      if (children.length === 0) throw new NotFoundError();
      // Only its author: anyone else is told it is not there to change.
      authorize(ctx.actor, 'consultations.edit', { type: 'consultation', id, organisationId: null, allocatedUserIds: [found.consultation.psychologistId] });
      if (dateInFuture(input.consultationDate, today()))
        throw new ValidationError([{ field: 'consultationDate', key: 'preparation:errors.consultationDate.future' }]);
      const updated = await clinical.updateConsultation(tx, id, version, input);
      if (!updated) throw new ConflictError('errors.conflict.body', found.consultation.version);
      await recordAudit(tx, ctx, { action: 'consultations.edit', resourceType: 'consultation', resourceId: id });
      return updated;
    });
  }

  /** The formulation naming the child: its current version (or the version asked for) and the list of versions. */
  async function getFormulation(ctx: RequestContext, childId: string, formulationId?: string) {
    return run(ctx, async (tx) => {
      const child = await loadChild(tx, ctx, childId, 'formulations.view');
      const versions = await clinical.formulationVersionsOfChild(tx, childId);
      const current = versions.find((v) => v.formulation.isCurrent) ?? null;
      const selected = formulationId ? versions.find((v) => v.formulation.id === formulationId) : current;
      if (formulationId && !selected) throw new NotFoundError();
      const previousOf = (row: (typeof versions)[number]) =>
        versions.find((v) => v.formulation.unitKey === row.formulation.unitKey && v.formulation.formulationVersion === row.formulation.formulationVersion - 1)
          ?.formulation ?? null;
      const unit = selected ? await people.childrenByIds(tx, selected.formulation.childIds) : await unitOf(tx, child);
      await recordAudit(tx, ctx, {
        action: 'formulations.view',
        resourceType: 'formulation',
        resourceId: selected?.formulation.id,
        detail: { child: childId, version: selected?.formulation.formulationVersion ?? null },
      });
      return {
        child,
        unit,
        current: current && { ...current.formulation, recordedByName: current.recordedByName },
        selected: selected && { ...selected.formulation, recordedByName: selected.recordedByName },
        versions: versions.map((v) => ({
          id: v.formulation.id,
          version: v.formulation.formulationVersion,
          isCurrent: v.formulation.isCurrent,
          recordedAt: v.formulation.recordedAt,
          recordedByName: v.recordedByName,
          changed: changedFields(previousOf(v), v.formulation),
        })),
      };
    });
  }

  /**
   * A new version of the formulation of the child's unit. `basedOnVersion` is the version the
   * psychologist read (0 for the first): if someone saved another since, nothing is saved (409/412).
   */
  async function writeFormulation(ctx: RequestContext, childId: string, input: FormulationInput, basedOnVersion: number) {
    return run(ctx, async (tx) => {
      const child = await loadChild(tx, ctx, childId, 'formulations.edit');
      if (ctx.actor.kind !== 'user') throw new NotFoundError();
      const actor = ctx.actor;
      const unit = await unitOf(tx, child);
      for (const member of unit) authorize(actor, 'formulations.edit', childResource(member));
      const childIds = unit.map((c) => c.id);
      const unitKey = unitKeyOf(childIds);
      const current = await clinical.currentFormulationOfUnit(tx, unitKey, true);
      if ((current?.formulationVersion ?? 0) !== basedOnVersion) throw new ConflictError('errors.conflict.body', current?.formulationVersion);
      const changed = changedFields(current ?? null, input);
      if (current && changed.length === 0) throw new ValidationError([{ field: 'presentingNeeds', key: 'preparation:errors.formulation.unchanged' }]);
      try {
        const saved = await clinical.insertFormulationVersion(tx, {
          organisationId: actor.organisationId,
          childIds,
          unitKey,
          formulationVersion: nextVersion(current),
          ...input,
          recordedBy: actor.userId,
          recordedAt: clock(),
        });
        await recordAudit(tx, ctx, {
          action: 'formulations.edit',
          resourceType: 'formulation',
          resourceId: saved.id,
          detail: { child: childId, version: saved.formulationVersion, changed: changed.length },
        });
        return saved;
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError('errors.conflict.body', current?.formulationVersion);
        throw error;
      }
    });
  }

  /**
   * A child's therapeutic preparation at a glance: the unit, meetings ahead and held, consultations
   * (never their notes), the formulation's version, and the clinical partners it is shared with.
   */
  async function preparationOfChild(ctx: RequestContext, childId: string) {
    return run(ctx, async (tx) => {
      const child = await loadChild(tx, ctx, childId, 'tac.view');
      const unit = await unitOf(tx, child);
      const meetings = await tac.listMeetings(tx, { childId, limit: 200 });
      const counts = await tac.openActionCounts(
        tx,
        meetings.map((m) => m.id),
      );
      const consultations = can(ctx.actor, 'consultations.view') ? await clinical.consultationsOfChild(tx, childId) : [];
      const formulation = can(ctx.actor, 'formulations.view')
        ? ((await clinical.formulationVersionsOfChild(tx, childId)).find((v) => v.formulation.isCurrent) ?? null)
        : null;
      const partners = await people.clinicalPartners(tx);
      const sharedWith = partners.filter((p) => child.sharedWith.includes(p.id));
      const actor = ctx.actor;
      const mayShare =
        actor.kind === 'user' && can(actor, 'tac.edit') && (actor.organisationType === 'agency' || actor.organisationId === child.organisationId);
      await recordAudit(tx, ctx, {
        action: 'tac.view',
        resourceType: 'child',
        resourceId: childId,
        detail: { meetings: meetings.length, consultations: consultations.length },
      });
      const { ahead, held } = splitByTime(meetings, clock());
      return {
        child,
        unit,
        ahead: ahead.map((m) => ({ ...m, openActions: counts.get(m.id) ?? 0 })),
        held: held.map((m) => ({ ...m, openActions: counts.get(m.id) ?? 0 })),
        consultations: consultations.map((c) => ({
          id: c.consultation.id,
          consultationDate: c.consultation.consultationDate,
          durationMinutes: c.consultation.durationMinutes,
          psychologistName: c.psychologistName,
        })),
        formulation: formulation && {
          id: formulation.formulation.id,
          version: formulation.formulation.formulationVersion,
          recordedAt: formulation.formulation.recordedAt,
          recordedByName: formulation.recordedByName,
        },
        sharedWith,
        shareWith: mayShare ? partners.filter((p) => !child.sharedWith.includes(p.id)) : [],
      };
    });
  }

  /**
   * Shares a child (with their brothers and sisters) with the clinical partner for a Team Around
   * the Child: a sharing grant per child, children.shared_with kept in step. The person's right is
   * checked as them; the grant is written as the platform, since row-level security lets an
   * organisation grant only its own access, and audited in the same transaction in their name.
   */
  async function shareWithClinicalPartner(ctx: RequestContext, childId: string, organisationId: string) {
    const { unit } = await run(ctx, async (tx) => {
      const child = await loadChild(tx, ctx, childId, 'tac.edit');
      const actor = ctx.actor;
      if (actor.kind !== 'user' || !(actor.organisationType === 'agency' || actor.organisationId === child.organisationId)) throw new NotFoundError();
      const [partner] = await people.organisationsByIds(tx, [organisationId]);
      if (!partner || partner.type !== 'clinical_partner')
        throw new ValidationError([{ field: 'organisationId', key: 'preparation:errors.organisationId.notClinicalPartner' }]);
      const members = await unitOf(tx, child);
      for (const member of members) authorize(actor, 'tac.edit', childResource(member));
      return { unit: members };
    });
    return runner.runAsSystemJob('shareWithClinicalPartner', ctx, async (tx) => {
      let shared = 0;
      for (const member of unit) {
        if (member.sharedWith.includes(organisationId)) continue;
        await grantAccess(tx, { childId: member.id, organisationId, ownerOrganisationId: member.organisationId, purpose: 'family_finding' });
        shared += 1;
      }
      await recordAudit(tx, ctx, { action: 'tac.edit', resourceType: 'child', resourceId: childId, detail: { sharedWith: organisationId, children: shared } });
      return { shared };
    });
  }

  /** Children in therapeutic preparation the person may see, with their next and last meetings and formulation version. */
  async function childrenInPreparation(ctx: RequestContext) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'tac.view');
      const rows = await people.childrenInPreparation(tx, 200);
      const ids = rows.map((c) => c.id);
      const times = await tac.meetingTimesOfChildren(tx, ids, clock());
      const versions = can(ctx.actor, 'formulations.view') ? await clinical.currentVersionsOfChildren(tx, ids) : new Map<string, number>();
      await recordAudit(tx, ctx, { action: 'tac.view', resourceType: 'child', detail: { rows: rows.length } });
      return rows.map((child) => ({
        child,
        nextMeeting: times.get(child.id)?.next ?? null,
        lastMeeting: times.get(child.id)?.last ?? null,
        formulationVersion: versions.get(child.id) ?? null,
      }));
    });
  }

  return {
    createConsultation,
    getConsultation,
    updateConsultation,
    getFormulation,
    writeFormulation,
    preparationOfChild,
    shareWithClinicalPartner,
    childrenInPreparation,
    today,
  };
}

export type ClinicalService = ReturnType<typeof createClinicalService>;
