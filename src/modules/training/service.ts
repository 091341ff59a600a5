import type { UseCaseRunner } from '../../platform/use-case.ts';

/** Preparation training: courses, sessions, bookings, attendance, certificates. */
export function createTrainingService(_runner: UseCaseRunner) {
  return {};
}

export type TrainingService = ReturnType<typeof createTrainingService>;
