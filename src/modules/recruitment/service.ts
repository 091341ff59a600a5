import type { UseCaseRunner } from '../../platform/use-case.ts';

/** Enquiries and adopter households from enquiry to placement. */
export function createRecruitmentService(_runner: UseCaseRunner) {
  return {};
}

export type RecruitmentService = ReturnType<typeof createRecruitmentService>;
