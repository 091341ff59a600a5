import type { TestApp } from './app.ts';

export type ApiAnswer = { status: number; body: any; headers: Record<string, unknown> };

/** A JSON API call with a bearer token, as a client of /api/v1 makes it. */
export async function callApi(t: TestApp, token: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer> {
  const response = await t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    payload: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined, headers: response.headers };
}

/** A child referred by a local authority, shaped as the referral API takes it. */
export function referredChild(given: string, dateOfBirth = '2019-04-02', extra: Record<string, unknown> = {}) {
  return {
    legalGivenNames: given,
    legalFamilyName: 'Testfamily',
    dateOfBirth,
    sex: 'female',
    ethnicity: 'white_british',
    legalStatus: 'placement_order',
    placementOrderDate: '2025-01-10',
    needs: [],
    ...extra,
  };
}

/**
 * One person's client of /api/v1: every call carries their bearer token, as an API client sends it.
 * `api.patch(url, body, { 'if-match': '"v2"' })`.
 */
export function apiClient(t: TestApp, token: string) {
  const send = (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE') => (url: string, body?: unknown, headers?: Record<string, string>) => callApi(t, token, method, url, body, headers);
  return { get: (url: string, headers?: Record<string, string>) => callApi(t, token, 'GET', url, undefined, headers), post: send('POST'), patch: send('PATCH'), put: send('PUT'), delete: send('DELETE') };
}
