import type { UseCaseRunner } from '../../platform/use-case.ts';
import { createTransitionService } from '../matching/index.ts';
import { createClinicalService } from './clinical-service.ts';
import { createFamilyService } from './family-service.ts';
import { createSessionsService } from './sessions-service.ts';
import { createTacService } from './tac-service.ts';
import { createWritingService } from './writing-service.ts';

export type { MyAction, MyMeeting } from './tac-service.ts';
export type { FamilyPreparation } from './family-service.ts';
export type { WritingDue } from './writing-service.ts';

/**
 * Therapeutic preparation: Team Around the Child meetings and their actions, psychologists'
 * consultations and formulations, adopters' preparation sessions, transition plans, and what the
 * family reads of them. Other modules call:
 * - `actionsFor(ctx)`: the signed-in person's open actions, overdue first ("my work");
 * - `meetingsFor(ctx, { from, to })`: the meetings they called or attend (my work, calendar feed);
 * - `writingFor(ctx)`: a psychologist's consultations and formulations still to write (my work, home);
 * - `householdSessions(ctx, householdId)`: a household's preparation sessions (household page);
 * - `familyPreparation(ctx, householdId)`: the adopter's own view (portal).
 */
export function createPreparationService(runner: UseCaseRunner, clock: () => Date = () => new Date()) {
  return {
    ...createTacService(runner, clock),
    ...createClinicalService(runner, clock),
    ...createSessionsService(runner, clock),
    ...createFamilyService(runner, clock),
    ...createWritingService(runner),
    transitions: createTransitionService(runner, clock),
  };
}

export type PreparationService = ReturnType<typeof createPreparationService>;
