// Unit specs (*.spec.ts) run alone; integration specs (*.int-spec.ts) share one real Kafka and one
// real PostgreSQL started by the global setup once per run (or the ones named by the environment).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const shared = {
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
  moduleNameMapper: {
    '^@parity/contracts/fixtures$': '<rootDir>/libs/contracts/src/fixtures',
    // A module of a library by itself (where loading the whole barrel costs, as in replay workers).
    '^@parity/(audit|event-store)/(.+)$': '<rootDir>/libs/$1/src/$2',
    '^@parity/([^/]+)$': '<rootDir>/libs/$1/src',
  },
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/scripts', '<rootDir>/bench'],
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
    },
  ],
  // Integration specs share one broker and one database on a 2-core machine: run files one by one.
  maxWorkers: 1,
  // Crash and end-to-end specs run for minutes on a 2-core machine; unit specs finish in milliseconds.
  testTimeout: 300000,
};
