/**
 * The front door of the preparation module: the only file other modules (and src/server, the demo, benchmarks)
 * may import. Therapeutic preparation: Team Around the Child meetings, consultations and formulations, adopters' preparation sessions.
 * Tables, repositories, pages and API files stay private (src/schema.ts alone assembles schema.ts).
 */

export { seedDemoPreparation } from './demo.ts';
export { preparationRoutes } from './routes.ts';
export { createPreparationService, type MyAction, type MyMeeting, type WritingDue } from './service.ts';
export { familyPreparationView, householdPreparationView } from './view-models.ts';
export { adopterPreparationByMonth, consultationsByMonth, tacMeetingsByMonth } from './activity-reads.ts';
// Lines of a child's chronology.
export { childPreparationChronology } from './chronology-reads.ts';
// Read by subject access (src/modules/subject-access): a child's TAC meetings, consultations and formulations; a household's preparation sessions.
export { childPreparationForSubjectAccess, householdPreparationForSubjectAccess } from './subject-access-records.ts';
// Destroyed by the retention module (src/modules/retention): a destroyed child's meetings, consultations and formulations.
export { removeChildFromPreparationInTx } from './retention-records.ts';
