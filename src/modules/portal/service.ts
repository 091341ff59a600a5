import type { UseCaseRunner } from '../../platform/use-case.ts';

/** The adoptive family's portal and the invitations that open it. */
export function createPortalService(_runner: UseCaseRunner) {
  return {};
}

export type PortalService = ReturnType<typeof createPortalService>;
