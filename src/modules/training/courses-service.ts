import { recordAudit } from '../../platform/audit/audit.ts';
import type { PageRequest } from '../../platform/db/keyset.ts';
import { ConflictError, NotFoundError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize } from '../../platform/policy/policy.ts';
import { loadCourse, type TrainingDeps } from './access.ts';
import type { CourseInput, CoursePatch } from './inputs.ts';
import * as repo from './repository.ts';
import { placesLeft } from './rules.ts';

/** Preparation courses: the list, one course with its sessions, adding and changing a course. */
export function createCourseUseCases(deps: TrainingDeps) {
  const { run, clock } = deps;

  /** A page of courses by kind and title (the API). */
  async function pageCourses(ctx: RequestContext, page: PageRequest) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'courses.view');
      const found = await repo.listCourses(tx, clock(), page);
      return { items: found.items.map((r) => ({ ...r.course, sessions: r.sessions, nextSession: r.nextSession })), next: found.next };
    });
  }

  /** Every course (the pages: an agency runs a few dozen). */
  async function listCourses(ctx: RequestContext) {
    return (await pageCourses(ctx, { limit: 100_000 })).items;
  }

  /** A course with its sessions, each with places booked and left, and who facilitates it. */
  async function getCourse(ctx: RequestContext, id: string) {
    return run(ctx, async (tx) => {
      const course = await loadCourse(tx, ctx, id, 'courses.view');
      const rows = await repo.sessionsOfCourse(tx, id);
      const names = await repo.userNames(
        tx,
        rows.flatMap((r) => r.session.facilitatorIds),
      );
      return {
        course,
        sessions: rows.map((r) => ({
          ...r.session,
          booked: r.booked,
          placesLeft: placesLeft(r.session.capacity, r.booked),
          facilitators: r.session.facilitatorIds.map((f) => names.get(f) ?? ''),
        })),
      };
    });
  }

  async function createCourse(ctx: RequestContext, input: CourseInput) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'courses.edit');
      if (ctx.actor.kind !== 'user') throw new NotFoundError();
      const course = await repo.insertCourse(tx, { ...input, organisationId: ctx.actor.organisationId });
      await recordAudit(tx, ctx, { action: 'courses.edit', resourceType: 'course', resourceId: course.id, detail: { created: true } });
      return course;
    });
  }

  async function updateCourse(ctx: RequestContext, id: string, patch: CoursePatch, version: number) {
    return run(ctx, async (tx) => {
      const course = await loadCourse(tx, ctx, id, 'courses.edit');
      const updated = await repo.updateCourse(tx, id, version, patch);
      if (!updated) throw new ConflictError('errors.conflict.body', course.version);
      await recordAudit(tx, ctx, { action: 'courses.edit', resourceType: 'course', resourceId: id, detail: { fields: Object.keys(patch).length } });
      return updated;
    });
  }

  return { pageCourses, listCourses, getCourse, createCourse, updateCourse };
}
