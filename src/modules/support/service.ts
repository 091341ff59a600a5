import type { UseCaseRunner } from '../../platform/use-case.ts';
import { DEFAULT_SUPPORT_CONFIG, type SupportConfig } from './config.ts';
import { createEventUseCases } from './events-service.ts';
import { createHouseholdSupportUseCases } from './household-service.ts';
import { createPlanUseCases } from './plans-service.ts';
import { createRequestUseCases } from './requests-service.ts';
import { createSessionUseCases } from './sessions-service.ts';
import { createStabilityUseCases } from './stability-service.ts';
import { createSupportYearUseCases } from './support-years.ts';

export type { MySupportSession, SupportSessionView } from './sessions-service.ts';
export type { FamilyRequest } from './requests-service.ts';
export type { StabilityReport, StabilityRow } from './stability-service.ts';
export type { HouseholdSupport } from './household-service.ts';
export { householdSupportView } from './household-view.ts';

/**
 * Ongoing support after placement: adoption support plans, support sessions (notes for the
 * clinical team and the allocated worker only), requests and the waiting list, support groups and
 * events, and placement stability. Every use case runs in one transaction scoped to the person,
 * asks the policy module, and is audited.
 */
export function createSupportService(runner: UseCaseRunner, options: { clock?: () => Date; config?: SupportConfig } = {}) {
  const deps = {
    run: runner.run,
    recordStandalone: runner.recordStandalone,
    clock: options.clock ?? (() => new Date()),
    config: options.config ?? DEFAULT_SUPPORT_CONFIG,
  };
  return {
    config: deps.config,
    ...createPlanUseCases(deps),
    ...createSessionUseCases(deps),
    ...createRequestUseCases(deps),
    ...createEventUseCases(deps),
    ...createStabilityUseCases(deps),
    ...createHouseholdSupportUseCases(deps),
    ...createSupportYearUseCases(runner, deps.clock),
  };
}

export type SupportService = ReturnType<typeof createSupportService>;
export { SupportRefusal } from './errors.ts';
