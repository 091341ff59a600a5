/**
 * The front door of the organisations module: the only file other modules (and src/server, the demo, benchmarks)
 * may import. Organisations, their users and roles, the audit log's pages, and adopters' accounts and invitations.
 * Tables, repositories, pages and API files stay private (src/schema.ts alone assembles schema.ts).
 */

export * as adopterAccounts from './adopter-accounts.ts';
export { organisationApiRoutes } from './api.ts';
export { auditRoutes } from './audit-routes.ts';
export { getOrganisation, listOrganisations, listUsers } from './repository.ts';
export { ROLES_BY_ORGANISATION_TYPE } from './roles-by-type.ts';
export { organisationRoutes } from './routes.ts';
export { createOrganisationsService, organisationInput, userInput } from './service.ts';
// Read by the header search (src/modules/search): a named read in the reader's transaction.
export { searchPeople, type PersonSearchRow } from './search-reads.ts';
// Read by subject access (src/modules/subject-access): a person's own account, without secrets.
export { getUser as accountForSubjectAccess } from './repository.ts';
// Read and destroyed by the retention module (src/modules/retention): staff who have left, and when.
export { destroyLeaverAccountInTx, leaversOf } from './retention-records.ts';
