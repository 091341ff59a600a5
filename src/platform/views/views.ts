import path from 'node:path';
import nunjucks from 'nunjucks';
import { projectRoot } from '../project-root.ts';

const root = projectRoot();

/**
 * One Nunjucks environment for every page: the platform's layout and macros, each module's
 * views (as `<module>/views/<page>.njk`) and GOV.UK Frontend's components (as `govuk/...`).
 */
export function createViewEnvironment(options: { watch?: boolean } = {}): nunjucks.Environment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader(
      [path.join(root, 'src/platform/views/templates'), path.join(root, 'src/modules'), path.join(root, 'node_modules/govuk-frontend/dist')],
      { watch: options.watch ?? false, noCache: false },
    ),
    { autoescape: true, throwOnUndefined: false },
  );
  env.addFilter('isoDate', (value: Date | string | null | undefined) => {
    if (!value) return '';
    const date = value instanceof Date ? value : new Date(value);
    return date.toISOString().slice(0, 10);
  });
  env.addFilter('dateTime', (value: Date | string | null | undefined, language: string) => {
    if (!value) return '';
    const date = value instanceof Date ? value : new Date(value);
    return new Intl.DateTimeFormat(language === 'cy' ? 'cy-GB' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Europe/London',
    }).format(date);
  });
  return env;
}
