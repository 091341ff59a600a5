/**
 * The front door of the training module: the only file other modules (and src/server, the demo, benchmarks)
 * may import. Preparation-to-adopt training: courses, sessions, bookings and each household's training record.
 * Tables, repositories, pages and API files stay private (src/schema.ts alone assembles schema.ts).
 */

export { seedDemoTraining } from './demo.ts';
export { householdsWithTherapeuticPreparation } from './repository.ts';
export { trainingRoutes } from './routes.ts';
export { createTrainingService, householdTrainingView } from './service.ts';
export { seedStoryTraining } from './synthetic-attendance.ts';
export { trainingDeliveredByMonth } from './activity-reads.ts';
// Lines of a household's chronology.
export { householdTrainingChronology } from './chronology-reads.ts';
export { createTrainingReminders, DEFAULT_REMINDER_DAYS, type TrainingReminders } from './reminders-service.ts';
// The agency's training settings (its reminder period), edited by its service manager or administrator.
export { createTrainingSettingsService } from './settings-service.ts';
// Read by the reports module (funders' and commissioners' reports): counts only.
export { preparationCompletedCount } from './report-reads.ts';
// Read by subject access (src/modules/subject-access): a household's bookings, attendance and certificates.
export { householdTrainingForSubjectAccess } from './subject-access-records.ts';
