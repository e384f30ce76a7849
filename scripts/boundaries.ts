/**
 * The intended layout of the house, executable: which part of `src/` may import which. Each rule
 * names the files it governs and the imports they must never make; `typeOnly` lists imports that
 * are allowed as `import type` only (a shape, never the thing itself). Run `npm run lint:boundaries`
 * (CI runs it); test/boundaries.test.ts proves a deliberate violation is caught.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface Rule {
  /** Which files: a path prefix under the repository root. */
  from: string;
  why: string;
  /** Imports these files must never make: path prefixes under the root, `node:`, or `pkg:<name>`. */
  never: readonly string[];
  /** Except these (more specific prefixes). */
  except?: readonly string[];
  /** Allowed only as `import type`. */
  typeOnly?: readonly string[];
  /** Packages this part may use (all others refused); absent: any package. */
  packages?: readonly string[];
  /** Named imports refused wherever they come from (e.g. loadState). */
  names?: readonly string[];
}

export const RULES: readonly Rule[] = [
  {
    from: 'src/domain/',
    why: 'the domain is pure: no I/O, clock or randomness, nothing outside the domain',
    never: ['src/', 'node:'],
    except: ['src/domain/'],
    packages: ['ts-pattern', 'date-holidays'],
  },
  {
    from: 'src/research/disclosure.ts',
    why: 'disclosure control is pure: no I/O, clock or randomness; only the domain errors',
    never: ['src/', 'node:'],
    except: ['src/domain/shared/'],
    packages: [],
  },
  {
    from: 'src/research/baseline.ts',
    why: 'reading a baseline file is pure: the text in, rows or problems out; only the domain',
    never: ['src/', 'node:'],
    except: ['src/domain/'],
    packages: [],
  },
  {
    from: 'src/commands/',
    why: 'commands see the domain and the event-store port, never the edge, read models or adapters',
    never: ['src/api/', 'src/projections/', 'src/eventstore/postgres/', 'src/database/', 'src/privacy/', 'src/audit/', 'src/cli/', 'src/server.ts'],
    // Personal data through its port; the vault is the adapter behind it.
    except: ['src/privacy/sealed.ts'],
  },
  {
    from: 'src/eventstore/',
    why: 'the event store knows events, not rules, routes or read models',
    never: ['src/domain/', 'src/api/', 'src/projections/', 'src/commands/', 'src/audit/', 'src/cli/'],
  },
  {
    from: 'src/projections/',
    why: 'read models see domain event types and values, the event-store port and kysely; never commands, the edge or adapters',
    never: ['src/commands/', 'src/api/', 'src/eventstore/postgres/', 'src/database/', 'src/privacy/', 'src/audit/', 'src/cli/', 'src/server.ts'],
    except: ['src/privacy/sealed.ts'],
    typeOnly: ['src/database/'],
  },
  {
    from: 'src/audit/',
    why: 'the verifier reads raw events; it must not trust the deciders or the read models it checks',
    never: ['src/projections/', 'src/commands/', 'src/api/', 'src/cli/', 'src/domain/ballot/decide.ts', 'src/domain/board/decide.ts', 'src/domain/budget/decide.ts', 'src/domain/calendar/decide.ts', 'src/domain/centre/decide.ts', 'src/domain/journey/decide.ts', 'src/domain/study/decide.ts'],
    // The sealer runs under the projection engine: it takes the shape of a projection.
    typeOnly: ['src/projections/engine/projection.ts'],
  },
  {
    from: 'src/api/',
    why: 'the edge goes through commands and read-model queries; it never reaches the event store or folds streams',
    never: ['src/eventstore/', 'src/database/', 'src/projections/engine/', 'src/audit/sealer.ts', 'src/cli/', 'src/server.ts'],
    // The store's refusals reach it through src/commands; the database and the engine (for /ready) are handed through.
    typeOnly: ['src/database/', 'src/projections/engine/'],
    names: ['loadState'],
  },
  {
    from: 'src/web/',
    why: 'the pages go through commands and read-model queries, like the API; never the event store, and never HTTP calls to the app itself',
    never: ['src/eventstore/', 'src/database/', 'src/projections/engine/', 'src/audit/sealer.ts', 'src/cli/', 'src/server.ts', 'src/api/routes/'],
    typeOnly: ['src/database/', 'src/projections/engine/'],
    names: ['loadState'],
  },
  {
    from: 'src/cli/',
    why: 'the command line uses commands, read models and the audit, never the HTTP routes',
    never: ['src/api/routes/'],
  },
];

export interface Violation {
  file: string;
  line: number;
  imported: string;
  rule: Rule;
  reason: string;
}

interface Import {
  specifier: string;
  line: number;
  typeOnly: boolean;
  names: string[];
}

/** The imports of one source text: static, re-exports and dynamic `import('…')`. */
export function importsOf(fileName: string, text: string): Import[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: Import[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : [];
      const allTypes = clause?.isTypeOnly === true || (clause !== undefined && !clause.name && named.length > 0 && named.every((e) => e.isTypeOnly));
      found.push({ specifier: node.moduleSpecifier.text, line: lineOf(node), typeOnly: allTypes, names: named.map((e) => (e.propertyName ?? e.name).text) });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : [];
      found.push({ specifier: node.moduleSpecifier.text, line: lineOf(node), typeOnly: node.isTypeOnly, names: named.map((e) => (e.propertyName ?? e.name).text) });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      found.push({ specifier: node.arguments[0].text, line: lineOf(node), typeOnly: false, names: [] });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ specifier: node.argument.literal.text, line: lineOf(node), typeOnly: true, names: [] });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** What an import names: a root-relative path for our own files, `node:x`, or `pkg:name`. */
export function targetOf(file: string, specifier: string): string {
  if (specifier.startsWith('.')) {
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
    return resolved.replace(/\.js$/, '.ts');
  }
  if (specifier.startsWith('node:')) return specifier;
  const parts = specifier.split('/');
  return `pkg:${specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]}`;
}

const BUILTINS = new Set(['fs', 'path', 'os', 'crypto', 'child_process', 'net', 'http', 'https', 'stream', 'url', 'util', 'worker_threads', 'events', 'zlib']);

/** Checks one file's imports against the rules. `file` is relative to the repository root, with `/`. */
export function checkFile(file: string, text: string, rules: readonly Rule[] = RULES): Violation[] {
  const violations: Violation[] = [];
  for (const rule of rules.filter((r) => file.startsWith(r.from))) {
    for (const imp of importsOf(file, text)) {
      let target = targetOf(file, imp.specifier);
      if (target.startsWith('pkg:') && BUILTINS.has(target.slice(4))) target = `node:${target.slice(4)}`;
      const push = (reason: string) => violations.push({ file, line: imp.line, imported: imp.specifier, rule, reason });
      const refusedName = imp.names.find((n) => rule.names?.includes(n));
      if (refusedName) push(`imports ${refusedName}`);
      if (target.startsWith('pkg:')) {
        if (rule.packages && !rule.packages.includes(target.slice(4))) push(`uses package ${target.slice(4)}`);
        continue;
      }
      if (!rule.never.some((p) => target.startsWith(p))) continue;
      if (rule.except?.some((p) => target.startsWith(p))) continue;
      if (imp.typeOnly && rule.typeOnly?.some((p) => target.startsWith(p))) continue;
      push(rule.typeOnly?.some((p) => target.startsWith(p)) ? `imports ${target} (allowed only as import type)` : `imports ${target}`);
    }
  }
  return violations;
}

/** Every non-test TypeScript file under `src/`. */
export function sourceFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(rel);
    }
  };
  walk('src');
  return out.sort();
}

export function checkRepository(root: string): Violation[] {
  return sourceFiles(root).flatMap((file) => checkFile(file, fs.readFileSync(path.join(root, file), 'utf8')));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  const violations = checkRepository(root);
  for (const v of violations) console.error(`${v.file}:${v.line}: ${v.reason} — ${v.rule.why}`);
  const files = sourceFiles(root).length;
  if (violations.length > 0) {
    console.error(`boundaries: ${violations.length} import(s) break the layout, in ${files} files checked`);
    process.exit(1);
  }
  console.log(`boundaries: ${files} files checked against ${RULES.length} rules, no import breaks the layout`);
}
