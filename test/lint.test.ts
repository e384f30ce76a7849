import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * The linter's own rules catch what they are there for. The type-aware rules need the file in the
 * TypeScript project, so text is linted without type information here (those rules off); the
 * whole tree is linted with them by `npm run lint`, which CI runs.
 */
const untyped = new ESLint({
  cwd: ROOT,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false, project: null } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/await-thenable': 'off' },
  },
});

async function rulesBroken(filePath: string, text: string): Promise<string[]> {
  const [result] = await untyped.lintText(text, { filePath: path.join(ROOT, filePath) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('the linter (eslint.config.js)', () => {
  it('refuses a focused or skipped test left behind', async () => {
    expect(await rulesBroken('test/x.test.ts', "import { it } from 'vitest';\nit.only('x', () => {});\n")).toContain('no-restricted-syntax');
    expect(await rulesBroken('test/x.test.ts', "import { describe } from 'vitest';\ndescribe.skip('x', () => {});\n")).toContain('no-restricted-syntax');
  });

  it('refuses the console in the server’s code, where logs go through pino', async () => {
    expect(await rulesBroken('src/api/x.ts', "export const f = (v: string) => console.log(v);\n")).toContain('no-console');
    expect(await rulesBroken('src/cli/x.ts', "export const f = (v: string) => console.log(v);\n")).not.toContain('no-console');
  });

  it('refuses unused variables and loose equality', async () => {
    const broken = await rulesBroken('src/domain/x.ts', "export function f(a: number) {\n  const unused = 1;\n  return a == 2;\n}\n");
    expect(broken).toEqual(expect.arrayContaining(['@typescript-eslint/no-unused-vars', 'eqeqeq']));
  });

  it('accepts clean code', async () => {
    expect(await rulesBroken('src/domain/x.ts', 'export const twice = (a: number) => a * 2;\n')).toEqual([]);
  });
});
