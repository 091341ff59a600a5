-- Records kept for their time, part three (issue 17): destroying a child's case record, a family's
-- support records, case documents and a leaver's account. The retention job (the system role)
-- removes case documents' entries as it already removes the store's files (0034); the app role
-- still may not. A leaver's account is not deleted (audit entries, training, matches and other
-- records name it by id): it is emptied of personal data and marked destroyed, and then answers
-- 404 like any record that is gone.
GRANT DELETE ON case_documents TO together_system;
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "destroyed_at" timestamp with time zone;
