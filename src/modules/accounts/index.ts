/**
 * The front door of the accounts module: the only file other modules (and src/server, the demo, benchmarks)
 * may import. Signing in, second factors, API tokens and one's own account pages.
 * Tables, repositories, pages and API files stay private (src/schema.ts alone assembles schema.ts).
 */

export { accountPageRoutes } from './account-routes.ts';
export { accountRoutes } from './routes.ts';
export { organisationSignInRoutes } from './organisation-sign-in-routes.ts';
