/**
 * The walls between domain modules (issue 19), checked by `npm run check:boundaries` and as the first
 * pass of `npm test`:
 *   - another module is reached only through its front door, src/modules/<name>/index.ts;
 *   - src/platform knows no domain module;
 *   - no circular dependency, type-only imports included.
 * Narrow exceptions, each for a reason:
 *   - src/schema.ts assembles every module's schema.ts for Drizzle and drizzle-kit;
 *   - a module's schema.ts and vocabulary.ts may use another module's schema.ts and vocabulary.ts
 *     (foreign keys and enums). They are the leaves that load first: reaching them through an index
 *     would load the whole module (routes, services) before its tables exist;
 *   - tests may import what they test (fixtures insert rows through the tables);
 *   - the command line (src/cli/) may load a module's <name>-command.ts, a command that needs no database
 *     (together match), alone: its front door would load the module's pages and services and slow the start;
 *   - bench/ may load matching's assignment-check.ts (a checking harness on HiGHS, a dev dependency, and the
 *     problem generator the start-up benchmark feeds to together match).
 * Known violations still to remove are listed in .dependency-cruiser-known-violations.json; a new one fails.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'module-internals',
      severity: 'error',
      comment: "Another module's internals: import its index.ts (its front door), or ask its owner to export what you need.",
      from: { path: '^src/modules/([^/]+)/', pathNot: ['\\.test\\.ts$', '^src/modules/[^/]+/(schema|vocabulary)\\.ts$'] },
      to: { path: '^src/modules/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'front-door-only',
      severity: 'error',
      comment: 'The server, the command line, the demo and the benchmarks reach a module only through its index.ts.',
      from: { path: '^(src/[^/]+\\.ts$|src/server/|src/demo/|bench/)', pathNot: ['^src/schema\\.ts$', '\\.test\\.ts$', '^bench/(assignment|cli-start)'] },
      to: { path: '^src/modules/', pathNot: '^src/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'front-door-or-command',
      severity: 'error',
      comment: "The command line reaches a module through its index.ts, or a command that needs no database through the module's <name>-command.ts.",
      from: { path: '^src/cli/' },
      to: { path: '^src/modules/', pathNot: ['^src/modules/[^/]+/index\\.ts$', '^src/modules/[^/]+/[^/]+-command\\.ts$'] },
    },
    {
      name: 'schema-reaches-only-schema',
      severity: 'error',
      comment: "A schema.ts or vocabulary.ts may use only another module's schema.ts or vocabulary.ts.",
      from: { path: '^src/modules/([^/]+)/(schema|vocabulary)\\.ts$' },
      to: { path: '^src/modules/([^/]+)/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/(schema|vocabulary)\\.ts$'] },
    },
    {
      name: 'platform-knows-no-module',
      severity: 'error',
      comment: 'src/platform is shared machinery and knows no domain: move what it needs into platform, or pass it in.',
      from: { path: '^src/platform/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A circular dependency (type-only imports included). The composition root src/server/services.ts is left out: ' +
        'every page takes its Services type, and the root imports every front door by design.',
      from: { path: '^(src|bench|scripts)/' },
      to: { circular: true, viaOnly: { pathNot: '^src/server/services\\.ts$' } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
