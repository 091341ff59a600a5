/**
 * The front door of the portal module: the only file other modules (and src/server, the demo, benchmarks)
 * may import. The adoption portal: an adopter's own view of their application, invitations.
 * Tables, repositories, pages and API files stay private (src/schema.ts alone assembles schema.ts).
 */

export { portalRoutes } from './routes.ts';
export { createPortalService } from './service.ts';
export { type PortalService } from './service.ts';
export { createConversationService, type ConversationService } from './conversation-service.ts';
export { createPortalDocumentsService, type PortalDocumentsService } from './documents-service.ts';
// Read and destroyed by the retention module; read by subject access (the callers narrow by organisation or person).
export {
  conversationsForSubjectAccess,
  conversationsOfHouseholds,
  destroyConversationInTx,
  destroyPortalOfHouseholdInTx,
  type ConversationDates,
} from './retention-records.ts';
