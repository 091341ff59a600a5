import type { TestApp } from './app.ts';

/** A JSON answer: each test reads the fields it asserts (the unsafe-any rules are off in tests for this). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the body is whatever JSON the route answered
export type ApiAnswer = { status: number; body: any; headers: Record<string, unknown> };

/** A JSON API call with a bearer token, as a client of /api/v1 makes it. */
export async function callApi(
  t: TestApp,
  token: string,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiAnswer> {
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
