import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFile, checkRepository, RULES, sourceFiles } from '../scripts/boundaries.js';

const ROOT = path.resolve(import.meta.dirname, '..');

describe('the layout of the house (scripts/boundaries.ts)', () => {
  it('looks at every source file, and no import in src/ breaks it', () => {
    expect(sourceFiles(ROOT).length).toBeGreaterThan(50);
    const violations = checkRepository(ROOT).map((v) => `${v.file}:${v.line} ${v.reason}`);
    expect(violations).toEqual([]);
  });

  // One deliberate violation for each rule: the check must catch it.
  const breaches: [file: string, source: string, expected: RegExp][] = [
    ['src/domain/journey/x.ts', "import { randomUUID } from 'node:crypto';", /imports node:crypto/],
    ['src/domain/journey/x.ts', "import fs from 'fs';", /imports node:fs/],
    ['src/domain/journey/x.ts', "import { Kysely } from 'kysely';", /uses package kysely/],
    ['src/domain/journey/x.ts', "import { newId } from '../../ids.js';", /imports src\/ids\.ts/],
    ['src/commands/x.ts', "import { getCentre } from '../projections/centres/queries.js';", /imports src\/projections/],
    ['src/commands/x.ts', "import type { Vault } from '../privacy/vault.js';", /imports src\/privacy\/vault\.ts/],
    ['src/commands/x.ts', "export { problem } from '../api/problem.js';", /imports src\/api/],
    ['src/eventstore/postgres/x.ts', "import { journeyDecider } from '../../domain/journey/decide.js';", /imports src\/domain/],
    ['src/projections/journeys/x.ts', "import { PostgresEventStore } from '../../eventstore/postgres/store.js';", /eventstore\/postgres/],
    ['src/projections/journeys/x.ts', "const m = await import('../../commands/handler.js');", /imports src\/commands/],
    ['src/audit/x.ts', "import { journeyDecider } from '../domain/journey/decide.js';", /decide\.ts/],
    ['src/audit/x.ts', "import { listCentres } from '../projections/centres/queries.js';", /imports src\/projections/],
    ['src/api/routes/x.ts', "import type { PostgresEventStore } from '../../eventstore/postgres/store.js';", /imports src\/eventstore\/postgres/],
    ['src/api/routes/x.ts', "import { loadState } from '../../commands/handler.js';", /imports loadState/],
    ['src/api/app.ts', "import type { EventStore } from '../eventstore/port.js';", /imports src\/eventstore\/port\.ts/],
    ['src/api/problem.ts', "import { WrongExpectedVersionError } from '../eventstore/errors.js';", /imports src\/eventstore\/errors\.ts/],
    ['src/api/routes/x.ts', "import { connect } from '../../database/connect.js';", /allowed only as import type/],
    ['src/web/x.ts', "import { PostgresEventStore } from '../eventstore/postgres/store.js';", /imports src\/eventstore\/postgres/],
    ['src/web/pages/x.ts', "import { journeyRoutes } from '../../api/routes/journeys.js';", /imports src\/api\/routes/],
    ['src/cli/x.ts', "import { journeyRoutes } from '../api/routes/journeys.js';", /imports src\/api\/routes/],
    ['src/research/disclosure.ts', "import { randomInt } from 'node:crypto';", /imports node:crypto/],
    ['src/research/disclosure.ts', "import { listCentres } from '../projections/centres/queries.js';", /imports src\/projections/],
    ['src/research/baseline.ts', "import fs from 'node:fs';", /imports node:fs/],
  ];
  it.each(breaches)('catches %s: %s', (file, source, expected) => {
    const found = checkFile(file, source);
    expect(found.map((v) => v.reason).join('; ')).toMatch(expected);
  });

  it('allows what the layout allows', () => {
    expect(checkFile('src/domain/journey/x.ts', "import { match } from 'ts-pattern';\nimport { Conflict } from '../shared/errors.js';")).toEqual([]);
    expect(checkFile('src/research/disclosure.ts', "import { InvalidValue } from '../domain/shared/errors.js';")).toEqual([]);
    expect(checkFile('src/commands/x.ts', "import type { EventStore } from '../eventstore/port.js';\nimport { ERASED, type PersonalData } from '../privacy/sealed.js';")).toEqual([]);
    expect(checkFile('src/api/routes/x.ts', "import { bookSession } from '../../commands/sessions.js';\nimport type { Database } from '../../database/connect.js';")).toEqual([]);
  });

  it('has a rule for every part of the table in issue 10, and for the pure disclosure control', () => {
    expect(RULES.map((r) => r.from)).toEqual(['src/domain/', 'src/research/disclosure.ts', 'src/research/baseline.ts', 'src/commands/', 'src/eventstore/', 'src/projections/', 'src/audit/', 'src/api/', 'src/web/', 'src/cli/']);
  });
});
