import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMatchInstance } from '../../server/cli/match.ts';

let files = 0;
const dir = mkdtempSync(join(tmpdir(), 'binome-match-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runCli(instance: unknown): { status: number | null; stdout: string; stderr: string } {
  files += 1;
  const path = join(dir, `instance-${files}.json`);
  writeFileSync(path, typeof instance === 'string' ? instance : JSON.stringify(instance));
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', 'match', path], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('parseMatchInstance', () => {
  it('builds typed arrays from a valid instance', () => {
    const parsed = parseMatchInstance({ mentors: 2, mentees: 3, edges: [[0, 2, 5], [1, 0, 1]] });
    expect('code' in parsed).toBe(false);
    if ('code' in parsed) return;
    expect([...parsed.edgeMentor]).toEqual([0, 1]);
    expect([...parsed.edgeMentee]).toEqual([2, 0]);
    expect([...parsed.edgeScore]).toEqual([5, 1]);
  });

  it('names the top-level field that has the wrong shape', () => {
    expect(parseMatchInstance({ mentors: 2, mentees: -1, edges: [] })).toMatchObject({ code: 'INSTANCE_SHAPE', field: 'mentees' });
    expect(parseMatchInstance({ mentors: 2, mentees: 2 })).toMatchObject({ code: 'INSTANCE_SHAPE', field: 'edges' });
    expect(parseMatchInstance([])).toMatchObject({ code: 'INSTANCE_SHAPE' });
  });

  it('names the edge index and the field of the first bad edge', () => {
    const base = { mentors: 2, mentees: 2 };
    expect(parseMatchInstance({ ...base, edges: [[0, 0, 1], [2, 0, 1]] })).toMatchObject({
      code: 'INSTANCE_EDGE',
      field: 'edges[1][0]',
      message: 'edges[1][0] (mentor): expected an integer from 0 to 1, got 2',
    });
    expect(parseMatchInstance({ ...base, edges: [[0, 1.5, 1]] })).toMatchObject({ field: 'edges[0][1]' });
    expect(parseMatchInstance({ ...base, edges: [[0, 0, 1], [1, 1, 1], [0, 1, 0]] })).toMatchObject({
      field: 'edges[2][2]',
      message: 'edges[2][2] (score): expected an integer from 1 to 2147483647, got 0',
    });
    expect(parseMatchInstance({ ...base, edges: [[0, 0, '3']] })).toMatchObject({ field: 'edges[0][2]' });
    expect(parseMatchInstance({ ...base, edges: [[0, 0]] })).toMatchObject({
      field: 'edges[0]',
      message: 'edges[0]: expected [mentor, mentee, score], got an array of 2',
    });
  });

  it('refuses scores too large for exact arithmetic on a large instance', () => {
    const big = { mentors: 2 ** 20, mentees: 2 ** 20, edges: [[0, 0, 2 ** 31 - 1]] };
    expect(parseMatchInstance(big)).toMatchObject({ code: 'INSTANCE_TOO_LARGE' });
  });
});

describe('binome match', () => {
  it('prints one JSON line with pairs, score and the solve time', () => {
    const run = runCli({ mentors: 2, mentees: 2, edges: [[0, 0, 10], [0, 1, 1], [1, 0, 1]] });
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0] ?? '') as { pairs: number; score: number; solveMs: number };
    expect(out).toMatchObject({ pairs: 2, score: 2 });
    expect(out.solveMs).toBeGreaterThanOrEqual(0);
  });

  it('exits with 2 and names the bad edge on stderr', () => {
    const run = runCli({ mentors: 1, mentees: 1, edges: [[0, 0, 1], [0, 3, 1]] });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('edges[1][1] (mentee)');
  });

  it('exits with 2 on a file that is not JSON', () => {
    const run = runCli('{"mentors": 1,');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('cannot load');
  });
});
