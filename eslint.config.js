// Lint: typescript-eslint's type-checked rules (they need the compiler's types: a floating promise or
// an unsafe cast cannot be seen from the syntax alone), plus the rules that keep Redesign II's
// removals from coming back. Formatting is Prettier's (.prettierrc.json); `npm run lint` runs both.
import { readFileSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Imports only point down the layer tables of layers.json (which test/unit/layers.test.ts also
 * checks): per folder of src, and per depth below it, the relative imports that would reach a
 * folder on its own line or above. The same inside src/scenarios.
 */
function layerRules() {
  const tables = JSON.parse(readFileSync(new URL('./layers.json', import.meta.url), 'utf8'));
  const rankOf = (table) => new Map(table.flatMap((folders, i) => folders.map((f) => [f, i])));
  const top = rankOf(tables.src);
  const sub = rankOf(tables['src/scenarios']);
  const notBelow = (rank, folder) => [...rank].filter(([f, i]) => f !== folder && f !== '.' && i >= rank.get(folder)).map(([f]) => f);
  const reaching = (prefix, folders, where) =>
    folders.length
      ? [
          {
            regex: `^${prefix.replaceAll('.', '\\.')}(${folders.join('|')})/`,
            message: `${where} may import only folders below it in layers.json (docs/ARCHITECTURE.md, Layers)`,
          },
        ]
      : [];
  const rule = (files, patterns) => ({ files: [files], rules: { 'no-restricted-imports': ['error', { patterns }] } });
  const configs = [];
  for (const folder of top.keys()) {
    for (let depth = 1; depth <= 6; depth++) {
      const inFolder = `src/${folder}/${'*/'.repeat(depth - 1)}*.ts`;
      const toTop = reaching('../'.repeat(depth), notBelow(top, folder), `src/${folder}`);
      if (folder !== 'scenarios') configs.push(rule(inFolder, toTop));
      else if (depth === 1) configs.push(rule(inFolder, [...toTop, ...reaching('./', notBelow(sub, '.'), 'src/scenarios/*.ts')]));
      else
        for (const s of sub.keys())
          if (s !== '.')
            configs.push(
              rule(`src/scenarios/${s}/${'*/'.repeat(depth - 2)}*.ts`, [
                ...toTop,
                ...reaching('../'.repeat(depth - 1), notBelow(sub, s), `src/scenarios/${s}`),
              ]),
            );
    }
  }
  return configs;
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/results/**', 'test/fixtures/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // What the redesign removed: casts that narrow a type, non-null assertions, promises nobody awaits.
      '@typescript-eslint/no-unsafe-type-assertion': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  ...layerRules(),
  {
    // Tests, benchmarks and scripts read JSON the tool printed and index into what they just built:
    // the casts and `!` that would hide a bug in src/ are their assertions' preconditions there.
    files: ['test/**', 'bench/**', 'scripts/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-type-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/require-await': 'off',
      // Tests check how control characters and arbitrary values are escaped and shown.
      'no-control-regex': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
);
