/** openid-client and the libraries it is built on (bot/channels/web/openid-sign-in.ts). */
const ESM_ONLY = '(openid-client|oauth4webapi|jose)';

/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  setupFiles: ['<rootDir>/tests/helpers/setup.ts'],
  globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // published as ES modules only: Node loads them with require(), Jest's own module loader needs them as CommonJS
    [`/node_modules/${ESM_ONLY}/.+\\.js$`]: [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', moduleResolution: 'node10', target: 'ES2022', isolatedModules: true } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!${ESM_ONLY}/)`],
  testTimeout: 30000,
};
