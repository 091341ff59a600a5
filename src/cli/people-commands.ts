import type { Services } from '../server/services.ts';
import { cliContext, loadConfig, parseDuration, readStdin, required, translate, UsageError, validated, withServices, type Command } from './common.ts';

/** Organisations, people and their personal access tokens. */
export const PEOPLE_COMMANDS: Record<string, Command> = {
  'org add': {
    usage: 'together org add --slug S --name N --type T [--region R]',
    help: 'Add an organisation. Types: agency, local_authority, clinical_partner, funder, research_partner.',
    options: { slug: { type: 'string' }, name: { type: 'string' }, type: { type: 'string' }, region: { type: 'string' } },
    run: async (values) => {
      const input = await validated<Parameters<Services['organisations']['createOrganisation']>[1]>('organisation', {
        slug: required(values, 'slug'),
        name: required(values, 'name'),
        type: required(values, 'type'),
        region: values.region,
      });
      return withServices(await loadConfig(), async (services) => {
        const organisation = await services.organisations.createOrganisation(cliContext(), input);
        process.stdout.write(`${organisation.id}\n`);
        return 0;
      });
    },
  },
  'user add': {
    usage: 'together user add --email E --name N --org SLUG --role R [--role R2] [--language en|cy] < password',
    help: 'Add a person. The password is read from standard input; when none is given one is generated and printed once.',
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      org: { type: 'string' },
      role: { type: 'string', multiple: true } as never,
      language: { type: 'string' },
    },
    run: async (values) => {
      const config = await loadConfig();
      const stdinPassword = await readStdin();
      return withServices(config, async (services) => {
        const ctx = cliContext();
        const organisation = await services.organisations.getOrganisationBySlug(ctx, required(values, 'org'));
        if (!organisation) throw new UsageError(`no organisation with slug "${String(values.org)}"`);
        const roles = values.role as unknown as string[] | undefined;
        if (!roles?.length) throw new UsageError('missing --role');
        const input = await validated<Parameters<Services['organisations']['createUser']>[1]>('user', {
          email: required(values, 'email'),
          name: required(values, 'name'),
          organisationId: organisation.id,
          roles,
          preferredLanguage: values.language ?? 'en',
          password: stdinPassword || undefined,
        });
        const created = await services.organisations.createUser(ctx, input);
        process.stdout.write(created.generatedPassword ? `${created.id}\npassword: ${created.generatedPassword}\n` : `${created.id}\n`);
        return 0;
      });
    },
  },
  'user disable': {
    usage: 'together user disable --email E',
    help: 'Disable a person: their sessions end and their tokens are revoked at once.',
    options: { email: { type: 'string' } },
    run: async (values) =>
      withServices(await loadConfig(), async (services) => {
        const ctx = cliContext();
        const id = await services.organisations.findUserIdByEmail(ctx, required(values, 'email'));
        await services.organisations.setDisabled(ctx, id, true);
        process.stdout.write(`Disabled ${String(values.email)}.\n`);
        return 0;
      }),
  },
  'token create': {
    usage: 'together token create --email E [--name N] [--expires 30d] [--access read|write]',
    help: 'Create a personal access token for a person. Prints only the token.',
    options: { email: { type: 'string' }, name: { type: 'string' }, expires: { type: 'string' }, access: { type: 'string' } },
    run: async (values) => {
      const ms = parseDuration(typeof values.expires === 'string' ? values.expires : '30d');
      const access = values.access ?? 'read';
      if (access !== 'read' && access !== 'write') throw new UsageError('--access must be read or write');
      return withServices(await loadConfig(), async (services) => {
        const ctx = cliContext();
        const id = await services.organisations.findUserIdByEmail(ctx, required(values, 'email'));
        const token = await services.auth.createAccessToken(ctx, id, {
          name: typeof values.name === 'string' ? values.name : 'command line',
          scopes: access === 'write' ? ['read', 'write'] : ['read'],
          expiresAt: new Date(Date.now() + ms),
        });
        process.stdout.write(`${token}\n`);
        return 0;
      });
    },
  },
  'token list': {
    usage: 'together token list --email E [--language en|cy]',
    help: 'List a person’s personal access tokens: id, name, access in words, expiry, last use and status (never the token).',
    options: { email: { type: 'string' }, language: { type: 'string' } },
    run: async (values) => {
      const language = values.language ?? 'en';
      if (language !== 'en' && language !== 'cy') throw new UsageError('--language must be en or cy');
      const [{ translator }, { longDate }, { dateInWales }] = await Promise.all([
        import('../platform/i18n/i18n.ts'),
        import('../platform/format/format.ts'),
        import('../platform/dates/dates.ts'),
      ]);
      const t = language === 'en' ? await translate() : translator('cy');
      return withServices(await loadConfig(), async (services) => {
        const ctx = cliContext();
        const userId = await services.organisations.findUserIdByEmail(ctx, required(values, 'email'));
        const now = new Date();
        const day = (at: Date) => longDate(dateInWales(at), language);
        // The words of the tokens page (what a person reads), not the scope codes the API keeps.
        for (const token of await services.auth.listAccessTokens(ctx, userId)) {
          const status = token.revokedAt ? 'revoked' : token.expiresAt <= now ? 'expired' : 'live';
          const fields = [
            token.id,
            token.name,
            `${t('accounts:tokens.access')}: ${t(token.scopes.includes('write') ? 'accounts:tokens.accessWrite' : 'accounts:tokens.accessRead')}`,
            `${t('accounts:tokens.expires')}: ${day(token.expiresAt)}`,
            `${t('accounts:tokens.lastUsed')}: ${token.lastUsedAt ? day(token.lastUsedAt) : t('accounts:tokens.never')}`,
            `${t('accounts:tokens.statusLabel')}: ${t(`accounts:tokens.status.${status}`)}`,
          ];
          process.stdout.write(`${fields.join('\t')}\n`);
        }
        return 0;
      });
    },
  },
  'token revoke': {
    usage: 'together token revoke --email E [--id TOKEN_ID]',
    help: 'Revoke one token of a person (--id), or all of their tokens.',
    options: { email: { type: 'string' }, id: { type: 'string' } },
    run: async (values) =>
      withServices(await loadConfig(), async (services) => {
        const ctx = cliContext();
        const userId = await services.organisations.findUserIdByEmail(ctx, required(values, 'email'));
        const tokens = await services.auth.listAccessTokens(ctx, userId);
        const targets = values.id ? tokens.filter((t) => t.id === values.id) : tokens.filter((t) => !t.revokedAt);
        if (values.id && targets.length === 0) throw new UsageError(`no token ${String(values.id)} for ${String(values.email)}`);
        for (const token of targets) await services.auth.revokeAccessToken(ctx, userId, token.id);
        process.stdout.write(`Revoked ${targets.length} token(s).\n`);
        return 0;
      }),
  },
};
