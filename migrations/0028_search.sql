-- Search (src/modules/search): trigram indexes over the names and references people type into the
-- header's search box, folded so that Welsh names are found however they are typed ("Sian" finds
-- "Siân", "Dafydd" finds "Dafŷdd"). Both extensions are trusted: a database owner may create them.
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;--> statement-breakpoint
-- unaccent() is only STABLE (its dictionary could be changed or found by search_path), so it may not
-- appear in an index expression. This wrapper names the dictionary with its schema, which is what
-- makes the result depend on the text alone, and so may be declared IMMUTABLE. If the unaccent rules
-- file were ever edited, REINDEX the *_search_* indexes below. Lower case too: searches ignore case.
CREATE OR REPLACE FUNCTION public.search_fold(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;--> statement-breakpoint
-- The child's reference in the referring local authority's own case system (the number their
-- social worker quotes on the phone): recorded on the referral and the child's record, searched.
ALTER TABLE children ADD COLUMN local_authority_reference text;--> statement-breakpoint
-- Children: the legal name, the name they are known by, the local authority's reference.
CREATE INDEX children_search_name_idx ON children USING gin (public.search_fold(legal_given_names || ' ' || legal_family_name) public.gin_trgm_ops);--> statement-breakpoint
CREATE INDEX children_search_known_as_idx ON children USING gin (public.search_fold(preferred_name) public.gin_trgm_ops) WHERE preferred_name IS NOT NULL;--> statement-breakpoint
CREATE INDEX children_search_la_reference_idx ON children USING gin (public.search_fold(local_authority_reference) public.gin_trgm_ops) WHERE local_authority_reference IS NOT NULL;--> statement-breakpoint
-- A child's and a referral's reference is the start of the record's id (as pages and calendars show it).
CREATE INDEX children_search_reference_idx ON children ((id::text) text_pattern_ops);--> statement-breakpoint
CREATE INDEX referrals_search_reference_idx ON referrals ((id::text) text_pattern_ops);--> statement-breakpoint
-- Households: their reference ("AT-2026-00042") and the applicants' names.
CREATE INDEX households_search_reference_idx ON households USING gin (public.search_fold(reference) public.gin_trgm_ops);--> statement-breakpoint
CREATE INDEX applicants_search_name_idx ON applicants USING gin (public.search_fold(given_names || ' ' || family_name) public.gin_trgm_ops);--> statement-breakpoint
-- People (staff accounts) by name.
CREATE INDEX users_search_name_idx ON users USING gin (public.search_fold(name) public.gin_trgm_ops);
