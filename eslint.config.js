// A small rule set that catches real faults, type-aware where that matters (a promise nobody
// awaits is a write that may be lost or a rejection nobody handles). Style is left to review.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'bench/results/', '.virkelyst/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Kysely's dynamic read-model schemas still use `any` in places; typed tables replace them.
      '@typescript-eslint/no-explicit-any': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // The text guards look for NUL and other control characters on purpose.
      'no-control-regex': 'off',
      'no-restricted-syntax': [
        'error',
        // A focused or skipped test left behind hides failures. A suite for a server this machine
        // cannot run is skipped by a runtime check that prints why, not by `.skip`.
        { selector: "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name=/^(only|skip|todo)$/]", message: 'no .only/.skip/.todo left behind' },
      ],
    },
  },
  {
    // The server's code logs through pino (whose serializers keep personal data out), never the console.
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**', 'src/main.ts'],
    rules: { 'no-console': 'error' },
  },
  // The words-of-coercion folding lists invisible variation selectors in a class on purpose.
  { files: ['src/domain/shared/coercion.ts'], rules: { 'no-misleading-character-class': 'off' } },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
);
