/** Prints the row-level security block of a new table: `npm run -s db:rls -- TABLE SCOPE [--append-only]`. */
import { RLS_SCOPES, rlsBlock, type RlsScope } from '../src/platform/db/rls-block.ts';

const [table, scope, flag] = process.argv.slice(2);
if (!table || !scope || !(scope in RLS_SCOPES) || (flag !== undefined && flag !== '--append-only')) {
  process.stderr.write(`usage: npm run -s db:rls -- TABLE (${Object.keys(RLS_SCOPES).join('|')}) [--append-only]\n`);
  process.exit(2);
}
process.stdout.write(`${rlsBlock(table, scope as RlsScope, { appendOnly: flag === '--append-only' })}\n`);
