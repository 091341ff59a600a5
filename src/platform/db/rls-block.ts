/**
 * The row-level security block of a new table, for a hand-written migration: every table holding
 * personal data has RLS enabled AND forced (the owner is held to it too), and a policy saying who may
 * see and change its rows. test/integration/database-roles.int.test.ts fails on a table without it.
 * Print one with `npm run -s db:rls -- TABLE SCOPE [--append-only]`.
 */
export const RLS_SCOPES = {
  /** Rows of one organisation: its own people see them. */
  organisation: '(SELECT app_is_system()) OR organisation_id = (SELECT app_org_id())',
  /** Rows about a child: whoever may see the child (its local authority, and organisations it is shared with). */
  child: '(SELECT app_is_system()) OR app_can_see_child(child_id)',
  /** Rows about an adopter household: the agency's practitioners, and whoever may see the household. */
  household: '(SELECT app_is_system()) OR ((SELECT app_is_practitioner()) AND organisation_id = (SELECT app_org_id())) OR app_can_see_household(household_id)',
} as const;

export type RlsScope = keyof typeof RLS_SCOPES;

const BREAK = '\n--> statement-breakpoint\n';

/** The SQL, in drizzle-kit's statement-breakpoint form. Pure: the caller writes it into a migration. */
export function rlsBlock(table: string, scope: RlsScope, options: { appendOnly?: boolean } = {}): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`"${table}" is not a plain lower-case table name`);
  const statements = [
    `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY ${table}_scope ON ${table} USING (\n  ${RLS_SCOPES[scope]}\n)`,
  ];
  // A record of what happened is added to, never changed or removed.
  if (options.appendOnly) statements.push(`REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM together_app`);
  return `${statements.join(`;${BREAK}`)};`;
}
