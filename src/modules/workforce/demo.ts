import type { RequestContext } from '../../platform/policy/actor.ts';
import type { IsoDate } from '../../platform/dates/dates.ts';
import type { SetDay } from '../matching/index.ts';
import { addDays } from '../../platform/dates/add-days.ts';
import type { WorkforceService } from './service.ts';

export type WorkforceDemoOptions = {
  today: IsoDate;
  setDay: SetDay;
  /** The service manager records training for the team; the psychologist records the supervision they gave. */
  manager: RequestContext;
  psychologist: RequestContext;
  familyFinder: { userId: string };
  socialWorker: { userId: string };
  therapeuticWorker: { userId: string };
  /** Household references the supervision sessions discussed (references only, never names). */
  caseReferences: string[];
};

const PROVIDER = 'Demo Training Partnership (fictional)';

/**
 * Staff training and CPD, and clinical supervision, for the demo's workers through the workforce
 * service. The social worker's last supervision is more than a month old, so "my work" and the
 * manager's list show someone overdue.
 */
export async function seedDemoWorkforce(workforce: WorkforceService, options: WorkforceDemoOptions): Promise<{ training: number; supervision: number }> {
  const { today, setDay } = options;
  const day = (days: number) => addDays(today, days);
  const training: { userId: string; course: string; on: number; hours: string; certificate: string | null }[] = [
    { userId: options.familyFinder.userId, course: 'Therapeutic life story work', on: -190, hours: '12.0', certificate: null },
    { userId: options.familyFinder.userId, course: 'Matching and introductions for older children', on: -95, hours: '6.0', certificate: 'DTP-2041' },
    { userId: options.familyFinder.userId, course: 'Using Welsh in everyday practice', on: -20, hours: '3.0', certificate: null },
    { userId: options.socialWorker.userId, course: 'Trauma-informed practice, level 2', on: -150, hours: '14.0', certificate: 'DTP-1877' },
    { userId: options.socialWorker.userId, course: 'Safeguarding refresher', on: -60, hours: '3.0', certificate: 'DTP-2110' },
    { userId: options.socialWorker.userId, course: 'Supporting brothers and sisters placed together', on: -12, hours: '6.0', certificate: null },
    { userId: options.therapeuticWorker.userId, course: 'Dyadic developmental psychotherapy, level 1', on: -240, hours: '28.0', certificate: 'DTP-1502' },
  ];
  for (const t of training) {
    setDay(day(t.on + 2), '12:00');
    await workforce.recordTraining(options.manager, {
      userId: t.userId,
      course: t.course,
      completedDate: day(t.on),
      hours: t.hours,
      provider: PROVIDER,
      certificateReference: t.certificate,
    });
  }

  const cases = options.caseReferences;
  const supervision: { superviseeId: string; on: number; minutes: number; cases: string[]; themes: string }[] = [
    {
      superviseeId: options.familyFinder.userId,
      on: -45,
      minutes: 90,
      cases: cases.slice(0, 2),
      themes: 'Pace of introductions for an older child; looking after yourself in a busy month.',
    },
    {
      superviseeId: options.familyFinder.userId,
      on: -14,
      minutes: 90,
      cases: cases.slice(1, 3),
      themes: 'Preparing a family for goodbyes with the foster carer.',
    },
    {
      superviseeId: options.socialWorker.userId,
      on: -40,
      minutes: 60,
      cases: cases.slice(0, 1),
      themes: 'Night waking after placement; what the support plan can offer.',
    },
    {
      superviseeId: options.therapeuticWorker.userId,
      on: -18,
      minutes: 60,
      cases: cases.slice(0, 1),
      themes: 'Reflective space after a hard family consultation.',
    },
  ];
  for (const s of supervision) {
    setDay(day(s.on), '16:00');
    await workforce.recordSupervision(options.psychologist, {
      superviseeId: s.superviseeId,
      sessionDate: day(s.on),
      durationMinutes: s.minutes,
      caseReferences: s.cases,
      themes: s.themes,
    });
  }
  setDay();
  return { training: training.length, supervision: supervision.length };
}
