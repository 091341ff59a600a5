// Every table of the platform, for the Drizzle client and drizzle-kit. Modules add theirs here.
export * from './platform/auth/schema.ts';
export * from './platform/audit/schema.ts';
export * from './modules/children/schema.ts';
