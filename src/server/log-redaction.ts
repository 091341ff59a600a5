/**
 * What a request log line may say about the address asked for. Some paths are credentials: an
 * invitation link signs a person in, a calendar feed's link opens their diary. A query string can
 * carry a name or an e-mail address typed into a search. So the log keeps the path with those
 * secrets replaced by the route's placeholder, and only notes that there was a query.
 */
const SECRET_PATHS: [RegExp, string][] = [
  [/^\/invitations\/[^/]+/, '/invitations/:token'],
  [/^\/calendar\/[^/]+\.ics$/, '/calendar/:token.ics'],
];

export function loggedUrl(url: string): string {
  const query = url.indexOf('?');
  let path = query === -1 ? url : url.slice(0, query);
  for (const [pattern, placeholder] of SECRET_PATHS) path = path.replace(pattern, placeholder);
  return query === -1 ? path : `${path}?…`;
}

/** Fastify's request serializer with the address as loggedUrl() gives it. */
export function requestForLog(request: { method: string; url: string; host?: string; ip?: string; socket?: { remotePort?: number } }) {
  return { method: request.method, url: loggedUrl(request.url), host: request.host, remoteAddress: request.ip, remotePort: request.socket?.remotePort };
}
