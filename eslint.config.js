import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', '.data/**', 'out/**', 'bench/results/**', '.tmp/**', 'server/store/migrations/**', 'addins/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts', 'server/**/*.ts'],
    ignores: ['server/cli/**'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'The core takes configuration as arguments.' },
        { name: 'fetch', message: 'The core does no I/O: talk to providers through the ports.' },
        { name: 'crypto', message: 'The core takes ids and randomness as arguments.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Time is an input in the core: take `now` as an argument.' },
        { object: 'Math', property: 'random', message: 'The core is deterministic: take a seeded generator.' },
        { object: 'crypto', property: 'randomUUID', message: 'The core takes id generators as arguments.' },
        { object: 'Temporal', property: 'Now', message: 'Time is an input in the core: take `now` as an argument.' },
      ],
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'node:crypto', message: 'The core does no I/O and takes ids and randomness as arguments.' }, { name: 'crypto', message: 'The core does no I/O and takes ids and randomness as arguments.' }] },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Time is an input in the core: take `now` as an argument.' },
        { selector: "CallExpression[callee.name='randomUUID']", message: 'The core takes id generators as arguments.' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
);
