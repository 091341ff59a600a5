import fastJsonStringify from 'fast-json-stringify';

type Serializer = (data: unknown) => string;

/**
 * Compiled response serialisers, shared by every app built in this process. Compiling one
 * (fast-json-stringify generates and compiles a function per schema) costs far more than serving
 * with it, and Fastify compiles each route's anew for every app instance: a process that builds
 * many apps (the test suites build one per file) spent most of each start here. The schemas come
 * from `answerSchema`, which keeps one object per zod schema, so the object is the key; the JSON
 * text is the fallback for an equal schema built twice.
 */
const byObject = new WeakMap<object, Serializer>();
const byText = new Map<string, Serializer>();

export function cachedSerializer({ schema }: { schema: object }): Serializer {
  const known = byObject.get(schema);
  if (known) return known;
  const text = JSON.stringify(schema);
  let serializer = byText.get(text);
  if (!serializer) {
    serializer = fastJsonStringify(schema) as Serializer;
    byText.set(text, serializer);
  }
  byObject.set(schema, serializer);
  return serializer;
}
