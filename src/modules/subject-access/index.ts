/**
 * The front door of the subject-access module: the only file other modules (and src/server, the
 * command line) may import. Everything the platform holds on one person, gathered through the
 * owning modules' front doors, with other people redacted and a SHA-256 manifest.
 */

export { subjectAccessRoutes } from './routes.ts';
export { createSubjectAccessService, type SubjectAccessService } from './service.ts';
export { REDACTED } from './redact.ts';
export type { BundleFile } from './bundle.ts';
