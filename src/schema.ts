// Every table of the platform, for the Drizzle client and drizzle-kit. Modules add theirs here.
export * from './platform/auth/schema.ts';
export * from './platform/audit/schema.ts';
export * from './platform/mail/schema.ts';
export * from './platform/limits/schema.ts';
export * from './modules/children/schema.ts';
export * from './modules/campaigns/schema.ts';
export * from './modules/recruitment/schema.ts';
export * from './modules/training/schema.ts';
export * from './modules/matching/schema.ts';
export * from './modules/preparation/schema.ts';
export * from './modules/support/schema.ts';
export * from './modules/workforce/schema.ts';
export * from './modules/research/schema.ts';
export * from './modules/finance/schema.ts';
export * from './modules/finance/costs-schema.ts';
export * from './modules/outcomes/schema.ts';
export * from './modules/reports/schema.ts';
