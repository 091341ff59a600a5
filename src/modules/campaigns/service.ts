import type { UseCaseRunner } from '../../platform/use-case.ts';

/** Recruitment campaigns, their costs, and the funnel from enquiry to placement. */
export function createCampaignsService(_runner: UseCaseRunner) {
  return {};
}

export type CampaignsService = ReturnType<typeof createCampaignsService>;
