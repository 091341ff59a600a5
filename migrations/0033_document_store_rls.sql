-- The store's rows (documents, their versions, their bytes) follow the record that files them, not
-- only the organisation: a clinical-only case document's file must not be readable by a colleague
-- of the same organisation who cannot see the case document. Whoever can see a case document, a
-- portal document or a portal message (under their own row-level security, visibility included)
-- that refers to a stored document can see it; nobody else but the platform's system work.
CREATE INDEX "portal_documents_document_idx" ON "portal_documents" USING btree ("document_id");
--> statement-breakpoint
CREATE INDEX "portal_messages_document_idx" ON "portal_messages" USING btree ("document_id");
--> statement-breakpoint
-- Not SECURITY DEFINER: each referring table's own policies decide, for the reader.
CREATE OR REPLACE FUNCTION app_can_see_stored_document(doc uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM case_documents WHERE document_id = doc)
    OR EXISTS (SELECT 1 FROM portal_documents WHERE document_id = doc)
    OR EXISTS (SELECT 1 FROM portal_messages WHERE document_id = doc)
$$;
--> statement-breakpoint
-- Restrictive and for SELECT only: it narrows what the organisation's policy already allows, and an
-- upload still inserts the store's rows before the case document (or portal row) that files them.
CREATE POLICY documents_filed ON documents AS RESTRICTIVE FOR SELECT USING (
  (SELECT app_is_system()) OR app_can_see_stored_document(id)
);
--> statement-breakpoint
CREATE POLICY document_versions_filed ON document_versions AS RESTRICTIVE FOR SELECT USING (
  (SELECT app_is_system()) OR app_can_see_stored_document(document_id)
);
--> statement-breakpoint
CREATE POLICY document_parts_filed ON document_parts AS RESTRICTIVE FOR SELECT USING (
  (SELECT app_is_system()) OR app_can_see_stored_document(document_id)
);
