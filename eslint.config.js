// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import prettier from 'eslint-config-prettier'

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'e2e/screenshots/**',
      'bin/**',
      'scripts/**',
      'scratch/**',
      // AssemblyScript, type-checked by its own compiler (wasm/tsconfig.json).
      'wasm/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
        { selector: 'TSEnumDeclaration', message: 'Use string unions instead of enums.' },
      ],
    },
  },
  {
    // The engine, the CLI and the shared contract run in plain Node (and the browser, for
    // shared): they must never pull in Electron, React or the DOM.
    files: [
      'src/main/engine/**/*.ts',
      'src/shared/**/*.ts',
      'src/cli/**/*.ts',
      'src/bench/**/*.ts',
      'src/server/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The engine must not depend on Electron.' }],
          patterns: [
            {
              group: ['electron/*', 'react', 'react-dom', 'react/*'],
              message: 'Engine code is UI-free.',
            },
            {
              group: ['**/main/index*', '**/main/ipc*', '**/preload/**', '**/renderer/**'],
              message: 'Engine code must not import the app shell.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'electron', 'react', '../main/*', '../cli/*'],
              message: 'The shared contract imports nothing.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', 'eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Tests read LanceDB rows, which are untyped objects, and assert on their fields.
    files: ['**/*.test.ts', 'src/main/engine/testing/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Tool configuration files are loaded through their default export.
    files: ['*.config.ts', '*.config.js', 'e2e/*.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  prettier,
)
