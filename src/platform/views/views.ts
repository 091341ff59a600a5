import path from 'node:path';
import nunjucks from 'nunjucks';
import { projectRoot } from '../project-root.ts';
import { agencyTextHtml, organisationName, type AgencyText } from '../i18n/agency-text.ts';

const root = projectRoot();

let shared: nunjucks.Environment | undefined;

/**
 * One Nunjucks environment for every page: the platform's layout and macros, each module's
 * views (as `<module>/views/<page>.njk`) and GOV.UK Frontend's components (as `govuk/...`).
 * Without `watch` it is one per process: it holds no request's state, only the compiled templates,
 * and compiling a template costs far more than rendering it (a process that builds many apps, as
 * the tests do, would otherwise compile every page again for each).
 */
export function createViewEnvironment(options: { watch?: boolean } = {}): nunjucks.Environment {
  if (options.watch) return buildEnvironment(true);
  shared ??= buildEnvironment(false);
  return shared;
}

function buildEnvironment(watch: boolean): nunjucks.Environment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader(
      [path.join(root, 'src/platform/views/templates'), path.join(root, 'src/modules'), path.join(root, 'node_modules/govuk-frontend/dist')],
      { watch, noCache: false },
    ),
    { autoescape: true, throwOnUndefined: false },
  );
  // Nunjucks' own `trim` strips with /^\s*|\s*$/g, which retries the end-anchored branch from every
  // whitespace character: GOV.UK Frontend's macros trim whole rendered blocks with it, and it was the
  // largest single cost of rendering a page. String.prototype.trim removes the same characters.
  env.addFilter('trim', (value: string | nunjucks.runtime.SafeString | null | undefined) => keepSafeness(value, (value ?? '').toString().trim()));
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
  // Agency-written text chosen for the reader (an organisation's name, a profile): the only version in the
  // other language is wrapped in its `lang`, so a screen reader speaks it in that language (WCAG 3.1.2).
  env.addFilter('agencyText', agencyTextMarkup);
  // `{{ o.name | organisationName(o.nameCy, lang) }}`: the one chooser (platform/i18n/agency-text.ts), marked up.
  env.addFilter('organisationName', (name: string | null | undefined, nameCy: string | null | undefined, language: string) =>
    name ? agencyTextMarkup(organisationName({ name, nameCy }, language === 'cy' ? 'cy' : 'en')) : '',
  );
  return env;
}

/** A trimmed SafeString stays safe (not escaped again), as Nunjucks' own filters keep it. */
function keepSafeness(original: unknown, value: string): string | nunjucks.runtime.SafeString {
  return original instanceof nunjucks.runtime.SafeString ? new nunjucks.runtime.SafeString(value) : value;
}

function agencyTextMarkup(value: AgencyText | string | null | undefined): string | nunjucks.runtime.SafeString {
  if (!value) return '';
  if (typeof value === 'string') return value;
  return new nunjucks.runtime.SafeString(agencyTextHtml(value));
}
