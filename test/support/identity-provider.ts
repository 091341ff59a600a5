import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/**
 * A real OpenID Connect provider (oidc-provider) on 127.0.0.1, standing in for an agency's
 * Microsoft Entra ID or Google Workspace: discovery, signed ID tokens, PKCE, the authorisation
 * code exchanged over HTTP. Its own development sign-in pages take any password for a listed person.
 */
export type IdentityProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
  /** Signs `person` in at the provider, starting from the address the app sent the browser to; returns where the provider sends it back. */
  signIn: (authorisationUrl: string, person: string) => Promise<string>;
  /** The person says "no" at the provider: where it sends the browser back. */
  cancel: (authorisationUrl: string) => Promise<string>;
  close: () => Promise<void>;
};

/**
 * People the provider knows, by their login, with the claims it vouches for; `amr`: how the provider
 * says it authenticated them (RFC 8176, e.g. ["pwd", "mfa"]), put in their ID token.
 */
export type Directory = Record<string, { email?: string; email_verified?: boolean; amr?: string[] }>;

/** A cookie-keeping client for the provider's pages, following its redirects until it leaves for `stopAt`. */
class ProviderBrowser {
  private cookies = new Map<string, string>();
  constructor(private readonly stopAt: string) {}

  private async request(url: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** Follows redirects from `url`; returns the first address outside the provider, or the page it stopped on. */
  async follow(url: string, init?: RequestInit): Promise<{ leftFor?: string; page?: { url: string; body: string } }> {
    let response = await this.request(url, init);
    let current = url;
    for (let hops = 0; hops < 10 && response.status >= 300 && response.status < 400; hops++) {
      const next = new URL(response.headers.get('location')!, current).href;
      if (next.startsWith(this.stopAt)) return { leftFor: next };
      current = next;
      response = await this.request(next);
    }
    return { page: { url: current, body: await response.text() } };
  }

  async submit(url: string, form: Record<string, string>) {
    return this.follow(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  }
}

export async function startIdentityProvider(directory: Directory, options: { redirectUrl: string }): Promise<IdentityProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'adopting-together';
  const clientSecret = 'test-client-secret-of-the-identity-provider';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUrl],
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    // amr in the ID token (it is not a scope's claim by default): how the person was authenticated.
    claims: { openid: ['sub', 'amr'], email: ['email', 'email_verified'] },
    pkce: { required: () => true },
    cookies: { keys: ['test-identity-provider-cookie-key'] },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    // oidc-provider awaits both; plain functions returning promises keep the linter's await rule.
    findAccount: (_ctx: unknown, sub: string) => {
      const person = directory[sub];
      if (!person) return Promise.resolve(undefined);
      const { amr: _amr, ...claims } = person;
      return Promise.resolve({ accountId: sub, claims: () => Promise.resolve({ sub, ...claims }) });
    },
  });
  const callback = provider.callback();
  // The development sign-in page records no authentication methods; a person with `amr` is signed in
  // here instead, as a provider that asked for their second factor would finish the login.
  server.on('request', (request, response) => {
    const login = request.method === 'POST' ? request.url?.match(/^\/test-login\/([\w-]+)\/(\w+)$/) : null;
    if (!login) return void callback(request, response);
    const [, , person] = login;
    request.resume();
    request.on('end', () => {
      void provider.interactionFinished(request, response, { login: { accountId: person!, amr: directory[person!]?.amr } }, { mergeWithLastSubmission: false });
    });
  });

  async function signIn(authorisationUrl: string, person: string): Promise<string> {
    const browser = new ProviderBrowser(options.redirectUrl);
    let step = await browser.follow(authorisationUrl);
    for (let prompts = 0; prompts < 3 && step.page; prompts++) {
      const action = step.page.body.match(/action="([^"]+)"/)?.[1];
      if (!action) throw new Error(`the provider's page has no form: ${step.page.body.slice(0, 200)}`);
      const target = new URL(action, step.page.url).href;
      const prompt = step.page.body.match(/name="prompt" value="(\w+)"/)?.[1];
      const uid = step.page.url.match(/\/interaction\/([^/?#]+)/)?.[1];
      if (prompt === 'login' && directory[person]?.amr && uid) step = await browser.submit(`${issuer}/test-login/${uid}/${person}`, {});
      else step = await browser.submit(target, prompt === 'login' ? { prompt, login: person, password: 'any password' } : { prompt: prompt ?? 'consent' });
    }
    if (!step.leftFor) throw new Error('the provider did not send the browser back');
    return step.leftFor;
  }

  async function cancel(authorisationUrl: string): Promise<string> {
    const browser = new ProviderBrowser(options.redirectUrl);
    const step = await browser.follow(authorisationUrl);
    if (!step.page) throw new Error('the provider asked nothing');
    const uid = step.page.url.match(/\/interaction\/([^/?#]+)/)?.[1];
    const back = await browser.follow(`${issuer}/interaction/${uid}/abort`);
    if (!back.leftFor) throw new Error('the provider did not send the browser back');
    return back.leftFor;
  }

  return {
    issuer,
    clientId,
    clientSecret,
    redirectUrl: options.redirectUrl,
    signIn,
    cancel,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
