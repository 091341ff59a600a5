import { z } from 'zod';
import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';
import { inOrderAnswer, pageQuery } from '../../platform/http/cursor.ts';
import { created, setEtag } from '../../platform/http/versioning.ts';
import { formatHours } from './cpd.ts';
import { supervisionInput, supervisionPatch, trainingInput, trainingPatch, yearQuery } from './inputs.ts';
import { personJson } from './people.ts';
import type { SupervisionRow, TrainingRow } from './repository.ts';
import { sourcesFrom } from './sources.ts';
import { cpdOverview, myWork, supervisionDetail, supervisionDueList, supervisionOut, supervisionPage, trainingOfPerson, trainingOut } from './responses.ts';

const idParams = z.object({ id: fields.uuid() });
const userParams = z.object({ userId: fields.uuid() });

function trainingJson(r: TrainingRow) {
  return {
    id: r.id,
    userId: r.userId,
    organisationId: r.organisationId,
    course: r.course,
    completedDate: r.completedDate,
    hours: Number(r.hours),
    provider: r.provider,
    certificateReference: r.certificateReference,
    recordedBy: r.recordedBy,
    version: r.version,
  };
}

function supervisionJson(s: SupervisionRow) {
  const { createdAt: _createdAt, ...rest } = s;
  return rest;
}

/** Only the fields a PATCH body actually carried (absent ones stay as they are; null clears an optional one). */
function present<T extends Record<string, unknown>>(patch: T, body: unknown): Partial<T> {
  const sent = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(patch).filter(([key, v]) => key !== 'version' && key in sent && v !== undefined)) as Partial<T>;
}

/**
 * The JSON API of the workforce: training records and CPD hours, supervision sessions and who is
 * due, and "my work". Records outside the asker's reach answer 404.
 */
export function workforceApiRoutes(services: Services) {
  const workforce = services.workforce;
  return [
    route({
      method: 'GET',
      url: '/api/v1/staff-training',
      kind: 'api',
      action: 'staffTraining.view',
      summary: 'CPD hours of a year: everyone of your organisation (managers) or yourself',
      query: yearQuery.extend(pageQuery.shape),
      response: cpdOverview,
      handler: async (call) => {
        const overview = await workforce.cpdOverview(call.ctx, call.query.year);
        return {
          year: overview.year.startYear,
          from: overview.year.from,
          to: overview.year.to,
          targetHours: overview.year.targetTenths / 10,
          ...inOrderAnswer(
            overview.people.map((p) => ({ userId: p.id, name: p.name, hours: Number(formatHours(p.tenths)), records: p.records, targetMet: p.targetMet })),
            call.query,
            (p) => p.userId,
          ),
        };
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/staff-training',
      kind: 'api',
      action: 'staffTraining.edit',
      summary: 'Record training (yours, or as a manager anyone’s of your organisation): course, date, hours, provider, certificate',
      body: trainingInput,
      successStatus: 201,
      response: trainingOut,
      handler: async (call) => {
        const record = await workforce.recordTraining(call.ctx, call.body);
        return created(call.reply, `/api/v1/staff-training/${record.id}`, trainingJson(record));
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/staff-training/:id',
      kind: 'api',
      action: 'staffTraining.view',
      summary: 'One training record (ETag carries its version)',
      params: idParams,
      response: trainingOut,
      handler: async (call) => {
        const { record } = await workforce.getTraining(call.ctx, call.params.id);
        setEtag(call.reply, record.version);
        return trainingJson(record);
      },
    }),
    route({
      method: 'PATCH',
      url: '/api/v1/staff-training/:id',
      kind: 'api',
      action: 'staffTraining.edit',
      summary: 'Change a training record (If-Match required)',
      params: idParams,
      body: trainingPatch,
      response: trainingOut,
      versioned: { answer: trainingJson },
      handler: async (call, version) => workforce.updateTraining(call.ctx, call.params.id, present(call.body, call.request.body), version),
    }),
    route({
      method: 'GET',
      url: '/api/v1/staff/:userId/training',
      kind: 'api',
      action: 'staffTraining.view',
      summary: 'A person’s training records and CPD hours per year',
      params: userParams,
      response: trainingOfPerson,
      handler: async (call) => {
        const found = await workforce.trainingOf(call.ctx, call.params.userId);
        return {
          person: personJson(found.person),
          cpd: found.cpd.map((y) => ({
            year: y.startYear,
            from: y.from,
            to: y.to,
            hours: Number(formatHours(y.tenths)),
            records: y.records,
            targetHours: y.targetTenths / 10,
            targetMet: y.targetMet,
          })),
          items: found.records.map(trainingJson),
        };
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/supervision-sessions',
      kind: 'api',
      action: 'supervision.view',
      summary:
        'Supervision sessions you gave or received, latest first; ?superviseeId= for one worker’s (yours, or as a manager anyone’s of your organisation)',
      query: pageQuery.extend({ superviseeId: fields.uuid().optional() }),
      response: supervisionPage,
      handler: async (call) => {
        if (call.query.superviseeId) {
          const found = await workforce.supervisionOf(call.ctx, call.query.superviseeId);
          return {
            due: found.supervised ? { lastSession: found.due.lastSession, due: found.due.due, daysLeft: found.due.daysLeft, level: found.due.level } : null,
            ...inOrderAnswer(
              found.sessions.map(({ supervisorName, ...s }) => ({ ...supervisionJson(s), supervisorName, superviseeName: found.person.name })),
              call.query,
              (s) => s.id,
            ),
          };
        }
        const overview = await workforce.supervisionOverview(call.ctx);
        return inOrderAnswer(
          overview.sessions.map(({ supervisorName, superviseeName, ...s }) => ({ ...supervisionJson(s), supervisorName, superviseeName })),
          call.query,
          (s) => s.id,
        );
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/supervision-sessions',
      kind: 'api',
      action: 'supervision.edit',
      summary: 'Record a clinical supervision session (date, minutes, cases by reference only, themes)',
      body: supervisionInput,
      successStatus: 201,
      response: supervisionOut,
      handler: async (call) => {
        const session = await workforce.recordSupervision(call.ctx, call.body);
        return created(call.reply, `/api/v1/supervision-sessions/${session.id}`, supervisionJson(session));
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/supervision-sessions/:id',
      kind: 'api',
      action: 'supervision.view',
      summary: 'One supervision session (ETag carries its version)',
      params: idParams,
      response: supervisionDetail,
      handler: async (call) => {
        const found = await workforce.getSupervision(call.ctx, call.params.id);
        setEtag(call.reply, found.session.version);
        return { ...supervisionJson(found.session), supervisorName: found.supervisorName, superviseeName: found.superviseeName };
      },
    }),
    route({
      method: 'PATCH',
      url: '/api/v1/supervision-sessions/:id',
      kind: 'api',
      action: 'supervision.edit',
      summary: 'Change a supervision session (If-Match required)',
      params: idParams,
      body: supervisionPatch,
      response: supervisionOut,
      versioned: { answer: supervisionJson },
      handler: async (call, version) => workforce.updateSupervision(call.ctx, call.params.id, present(call.body, call.request.body), version),
    }),
    route({
      method: 'GET',
      url: '/api/v1/supervision/due',
      kind: 'api',
      action: 'supervision.view',
      summary: 'When each worker’s next supervision is due, overdue first (?overdue=true for only those overdue)',
      query: pageQuery.extend({ overdue: z.enum(['true', 'false'], { error: 'errors.field.invalid' }).optional() }),
      response: supervisionDueList,
      handler: async (call) => {
        const due = await workforce.supervisionDueList(call.ctx, call.query.overdue === 'true');
        return {
          frequency: due.frequency,
          ...inOrderAnswer(
            due.items.map((l) => ({
              userId: l.id,
              name: l.name,
              lastSession: l.lastSession,
              due: l.due,
              daysLeft: l.daysLeft,
              level: l.level,
              sessions: l.sessions,
            })),
            call.query,
            (l) => l.userId,
          ),
        };
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/my-work',
      kind: 'api',
      action: 'myWork.view',
      summary: 'Your week: actions due, meetings and sessions ahead, supervision due, household timescales about to pass',
      response: myWork,
      handler: async (call) => {
        const work = await workforce.myWork(call.ctx, sourcesFrom(services));
        return {
          today: work.today,
          attention: work.attention,
          actions: work.actionItems,
          diary: work.diary?.map((d) => ({ date: d.date, entries: d.entries.map(({ namesForPage: _names, ...e }) => e) })) ?? null,
          supervision: work.supervision,
          timescales: work.timescales?.map(({ names: _names, ...t }) => t) ?? null,
        };
      },
    }),
  ];
}
