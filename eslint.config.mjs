// @ts-check
// ESLint flat config: typescript-eslint's strict and stylistic type-checked sets over bot/, dialogs/ and tests/,
// with eslint-config-prettier last so formatting is Prettier's alone. `npm run lint` runs it with --max-warnings 0.
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'coverage/', '.test-results/', 'content/', 'data/'] },
  {
    files: ['**/*.ts'],
    extends: [eslint.configs.recommended, tseslint.configs.strictTypeChecked, tseslint.configs.stylisticTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // counts, ports, statuses and sizes go into log lines and replies all the time; the strict set's other refusals are kept
      // (options replace the strict set's, and the rule's own defaults allow everything, so each is spelt out)
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowAny: false, allowBoolean: false, allowNever: false, allowNullish: false, allowRegExp: false },
      ],
      // `(resolve) => server.close(resolve)` shorthand and `return next()` early exits from void functions are idioms here;
      // a void value used anywhere else (assigned, passed, returned from a non-void function) is still reported
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true }],
      // omitting fields by destructuring (`const { id: _id, ...rest } = activity`) is how this code drops client-supplied fields
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
      // methods are `async` to honour a Promise-returning interface (stores, prompt validators, fakes) so a throw becomes a rejection
      '@typescript-eslint/require-await': 'off',
      // it rewrites `x as T` into `x!`, which no-non-null-assertion (kept on) forbids: the two rules contradict each other
      '@typescript-eslint/non-nullable-type-assertion-style': 'off',
    },
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      // a wrong `!` in a test throws and fails that test, which is the outcome an explicit check would give
      '@typescript-eslint/no-non-null-assertion': 'off',
      // jest's asymmetric matchers are typed any (`reference: expect.stringMatching(/^AS-/)` inside an expected object)
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  { files: ['**/*.{js,mjs}'], extends: [eslint.configs.recommended] },
  { files: ['jest.config.js'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable' } } },
  prettier,
);
