// ESLint 10 flat config: typescript-eslint's type-checked recommended rules on the TypeScript sources and tests
// (they catch promises nobody awaits, which the server and the client have many of), the plain recommended
// rules on the scripts, and eslint-config-prettier last so that layout is Prettier's alone (printWidth 140 in
// .prettierrc.json stands for max-len). `npm run lint`; see CONTRIBUTING.md.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Rules that catch bugs in any of our files, JavaScript or TypeScript. */
const everywhere = {
  eqeqeq: ['error', 'always', { null: 'ignore' }],
  'no-var': 'error',
  'prefer-const': 'error',
  'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
};

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/out/**', 'out-test/**', '.vscode-test/**', 'samples/generated/**', '**/*.generated.ts', '*.vsix'],
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
    rules: everywhere,
  },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      ...everywhere,
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': everywhere['no-unused-vars'],
      // Written as \u escapes, a zero-width joiner in a class is meant (cell-spacing looks for it).
      'no-misleading-character-class': ['error', { allowEscape: true }],
      // The unsafe-any rules below report what an untyped require() gives; the require itself is not the bug.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // Tests parse the CLI's JSON and poke at it: a wrong shape fails the assertion, so `any` there is no hazard,
    // and saving a method to restore it later (process.stdout.write) is how a test stubs one.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // fflate 0.8.3's package.json names ./lib/index.d.ts for its types, which it does not ship, so under the
    // CommonJS resolution the server compiles with its exports are untyped here: the unsafe-any rules would
    // report every call to it, not a bug.
    files: ['server/src/node/xlsx-write.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  prettier,
);
