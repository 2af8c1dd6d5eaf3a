// The lint gate of `npm test` (scripts/test.mjs runs it first): typescript-eslint's type-checked recommended rules
// and eslint-plugin-regexp's rules, with super-linear backtracking as errors (a regex that can take quadratic or
// exponential time on a long run of one character stalls the editor; see test/robustness/linear.test.ts).
import tseslint from 'typescript-eslint';
import regexp from 'eslint-plugin-regexp';

export default tseslint.config(
  { ignores: ['**/out/**', 'node_modules/**', '**/node_modules/**', 'bench/**', 'scripts/**', 'test/ui/**', 'test/web/**', 'test/vscode/**', 'bin/**', '*.mjs'] },
  {
    files: ['server/src/**/*.ts', 'client/src/**/*.ts', 'test/**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked, regexp.configs['flat/recommended']],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // super-linear time is an error, not a warning
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
      'regexp/no-misleading-capturing-group': 'error',
      // Turned off, with the reason (each would force rewriting working code for no gain in safety):
      // capture groups are read by index in many places, and naming or dropping each is churn
      'regexp/no-unused-capturing-group': 'off',
      // full-width digit ranges (０-９) are what the reports contain; the range is the clearest way to say it
      'regexp/no-obscure-range': 'off',
      // control characters (NUL, ESC) are matched on purpose: binary input and ANSI colour codes
      'no-control-regex': 'off',
      // async methods that implement an interface returning a promise, without awaiting anything themselves
      '@typescript-eslint/require-await': 'off',
      // `require` is used on purpose: lazy loading of the language client, CommonJS builds for esbuild
      '@typescript-eslint/no-require-imports': 'off',
      // methods handed around as callbacks are bound or do not use `this`; binding each would be noise
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // node:test's test() and describe() return promises that the runner awaits; tests read JSON replies and
    // protocol messages as untyped values on purpose (typing every reply would rewrite the suites for no gain)
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
    },
  },
);
