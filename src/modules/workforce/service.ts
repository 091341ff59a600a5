import type { UseCaseRunner } from '../../platform/use-case.ts';
import { DEFAULT_WORKFORCE_CONFIG, type WorkforceConfig } from './config.ts';
import { createMyWorkUseCases } from './my-work-service.ts';
import { createSupervisionUseCases } from './supervision-service.ts';
import { createTrainingUseCases } from './training-service.ts';

/**
 * The workforce: staff training and CPD hours, clinical supervision and who is overdue, "my work"
 * and each person's private calendar feed.
 */
export function createWorkforceService(runner: UseCaseRunner, config: WorkforceConfig = DEFAULT_WORKFORCE_CONFIG, clock: () => Date = () => new Date()) {
  const training = createTrainingUseCases(runner, config, clock);
  const supervision = createSupervisionUseCases(runner, config, clock);
  const myWork = createMyWorkUseCases(runner, config, clock, supervision.supervisionForMyWork);
  return { ...training, ...supervision, ...myWork, config };
}

export type WorkforceService = ReturnType<typeof createWorkforceService>;

export { sourcesFrom, type MyWorkSources } from './sources.ts';
export { childReference } from './calendar.ts';
