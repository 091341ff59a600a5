-- Finance (issue 13): the reason a change of an agreement's terms was made, kept with the version it made.
ALTER TABLE "agreement_versions" ADD COLUMN "reason" text;
