import type { UseCaseRunner } from '../../platform/use-case.ts';
import { createBookingUseCases } from './bookings-service.ts';
import { createCourseUseCases } from './courses-service.ts';
import { createHouseholdTrainingUseCases } from './household-service.ts';
import { createSessionUseCases } from './sessions-service.ts';

export type { HouseholdTraining } from './record.ts';

/**
 * Preparation training: courses, sessions, bookings, attendance, certificates. Every use case runs
 * in one transaction scoped to the person, asks the policy module, and is audited.
 */
export function createTrainingService(runner: UseCaseRunner, clock: () => Date = () => new Date()) {
  const deps = { run: runner.run, clock };
  return {
    ...createCourseUseCases(deps),
    ...createSessionUseCases(deps),
    ...createBookingUseCases(deps),
    ...createHouseholdTrainingUseCases(deps),
  };
}

export type TrainingService = ReturnType<typeof createTrainingService>;

export { TrainingRefusal } from './errors.ts';
export { householdTrainingView } from './record.ts';
