/**
 * The front door of the retention module: the only file other modules (and src/server) may import.
 * Records kept for their time: retention classes as data, the administrator's review list, legal
 * holds, and destruction that leaves a tombstone. Tables, repository and pages stay private.
 */

export { retentionRoutes } from './routes.ts';
export { retentionSettingsRoutes } from './settings-pages.ts';
export { createRetentionSettingsService, type RetentionSettingsService } from './settings-service.ts';
export { createRetentionService, type DestroyOutcome, type RetentionService } from './service.ts';
export { RECORD_KINDS, reviewDate, type RecordKind, type RetentionClass } from './rules.ts';
