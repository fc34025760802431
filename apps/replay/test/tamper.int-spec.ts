import { DefectKind } from '@parity/audit';
import { createTestDatabase, TestDatabase } from '@parity/testing';
import { verifyLogAndSeals } from '../src/verification';
import { writeLog } from './million-log';

const EVENTS = 1_000_000;
const TAMPERINGS = 100;
const SEED = 20261202;

type Tampering = { readonly kind: 'content' | 'column' | 'hash' | 'delete' | 'swap'; readonly position: number };
const EXPECTED: Record<Tampering['kind'], DefectKind> = { content: 'altered', column: 'altered', hash: 'hash-altered', delete: 'missing', swap: 'moved' };

/** Seeded, so a failure can be reproduced: positions at least 5 apart, kinds mixed. */
function plan(seed: number): Tampering[] {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return state / 2 ** 32;
  };
  const kinds: Tampering['kind'][] = ['content', 'column', 'hash', 'delete', 'swap'];
  const taken = new Set<number>();
  const plans: Tampering[] = [];
  while (plans.length < TAMPERINGS) {
    const position = 2 + Math.floor(next() * (EVENTS - 10));
    if ([...Array(11).keys()].some((d) => taken.has(position - 5 + d))) continue;
    taken.add(position);
    plans.push({ kind: kinds[Math.floor(next() * kinds.length)]!, position });
  }
  return plans.sort((a, b) => a.position - b.position);
}

function sqlOf(t: Tampering): string {
  const p = t.position;
  switch (t.kind) {
    case 'content':
      return `UPDATE event_log_copy SET data = replace(data::text, '"sku":"', '"sku":"X')::json WHERE position = ${p}`;
    case 'column':
      return `UPDATE event_log_copy SET event_time = event_time - interval '1 hour' WHERE position = ${p}`;
    case 'hash':
      return `UPDATE event_log_copy SET hash = sha256(hash) WHERE position = ${p}`;
    case 'delete':
      return `DELETE FROM event_log_copy WHERE position = ${p}`;
    case 'swap':
      return `UPDATE event_log_copy SET position = CASE position WHEN ${p} THEN ${p + 1} ELSE ${p} END WHERE position IN (${p}, ${p + 1})`;
    default: {
      const unhandled: never = t.kind;
      return unhandled;
    }
  }
}

describe(`tamper evidence on a copy of a ${EVENTS.toLocaleString('en')}-event log`, () => {
  let database: TestDatabase;
  let head: { position: number; hash: Buffer };

  beforeAll(async () => {
    database = await createTestDatabase();
    head = await writeLog(database.admin, EVENTS);
    await database.admin.query('CREATE TABLE event_log_copy AS SELECT * FROM event_log');
    await database.admin.query('CREATE INDEX ON event_log_copy (position)');
  });
  afterAll(() => database.drop());

  it('the untouched log verifies', async () => {
    const report = await verifyLogAndSeals(database.admin);
    expect(report).toMatchObject({ ok: true, checked: EVENTS, defects: [], firstBadPosition: undefined });
    expect(report.head).toEqual({ position: EVENTS, hash: head.hash.toString('hex') });
  });

  it(`${TAMPERINGS} random alterations, deletions and reorderings of the copy: each found at its exact position, in one pass`, async () => {
    const tamperings = plan(SEED);
    expect(new Set(tamperings.map((t) => t.kind)).size).toBe(5);
    for (const tampering of tamperings) await database.admin.query(sqlOf(tampering));

    const report = await verifyLogAndSeals(database.admin, { table: 'event_log_copy', head });

    expect(report.ok).toBe(false);
    expect(report.defects.map((d) => ({ kind: d.kind, position: d.position }))).toEqual(tamperings.map((t) => ({ kind: EXPECTED[t.kind], position: t.position })));
    expect(report.firstBadPosition).toBe(tamperings[0]!.position);
    // The live log is untouched by what was done to its copy.
    expect((await verifyLogAndSeals(database.admin)).ok).toBe(true);
  });
});
