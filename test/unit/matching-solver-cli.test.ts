import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMatchInstance, readMatchInstance } from '../../server/cli/match.ts';
import { edgesOf, readerAgreesWithJsonParse } from '../support/matching-properties.ts';

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
    const justUnder = { mentors: 2 ** 19 - 1, mentees: 2 ** 20, edges: [[0, 0, 2 ** 31 - 1]] };
    expect('code' in parseMatchInstance(justUnder)).toBe(false);
  });

  it('names both edges of a repeated pair', () => {
    expect(parseMatchInstance({ mentors: 2, mentees: 2, edges: [[0, 1, 4], [0, 1, 4]] })).toMatchObject({
      code: 'INSTANCE_EDGE',
      field: 'edges[1]',
      message: 'edges[1]: repeats the pair of edges[0] (mentor 0, mentee 1); each pair may appear once',
    });
  });

  it('caps each side, naming the field and the limit', () => {
    expect(parseMatchInstance({ mentors: 3, mentees: 10_000_001, edges: [] })).toMatchObject({
      code: 'INSTANCE_SHAPE',
      field: 'mentees',
      message: expect.stringContaining('at most 10000000') as unknown,
    });
    expect('code' in parseMatchInstance({ mentors: 10_000_000, mentees: 1, edges: [] })).toBe(false);
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
    expect(run.stderr).toContain('cannot parse as JSON');
  });

  it('exits with 2 and names the file when it cannot be read', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', 'match', join(dir, 'missing.json')], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('cannot load');
  });

  it('refuses a repeated pair, naming both edges, rather than pick one of its scores', () => {
    const run = runCli({ mentors: 2, mentees: 2, edges: [[0, 0, 1], [1, 1, 2], [0, 0, 5]] });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('edges[2]: repeats the pair of edges[0] (mentor 0, mentee 0)');
  });

  it('refuses a side too large to allocate instead of exhausting memory', () => {
    const run = runCli({ mentors: 2_000_000_000, mentees: 3, edges: [[0, 0, 1]] });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('mentors: at most 10000000 people per side');
  });
});

describe('readMatchInstance', () => {
  const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

  it('reads the plain shape with any JSON whitespace and key order', () => {
    const text = ' {\n\t"edges" : [ [0 ,1, 7] ,\r\n[1,0,2147483647]], "mentees":2,"mentors" : 3 }\n';
    expect(edgesOf(readMatchInstance(encode(text)))).toEqual({ mentors: 3, mentees: 2, edgeMentor: [0, 1], edgeMentee: [1, 0], edgeScore: [7, 2147483647] });
  });

  it('reads numbers written as 7.0 or 7e0 and extra keys through JSON.parse', () => {
    const text = '{"mentors": 2, "mentees": 2, "edges": [[0, 1, 7.0], [1, 0, 7e0]], "note": "x"}';
    expect(edgesOf(readMatchInstance(encode(text)))).toEqual({ mentors: 2, mentees: 2, edgeMentor: [0, 1], edgeMentee: [1, 0], edgeScore: [7, 7] });
  });

  it('reports a repeated pair at its lowest later index', () => {
    const text = JSON.stringify({ mentors: 3, mentees: 3, edges: [[2, 2, 1], [1, 0, 1], [2, 2, 3], [1, 0, 4]] });
    expect(readMatchInstance(encode(text))).toMatchObject({ code: 'INSTANCE_EDGE', field: 'edges[2]', message: expect.stringContaining('edges[0]') as unknown });
  });

  it('gives the same instance or the same error as JSON.parse then parseMatchInstance', () => readerAgreesWithJsonParse.assert(readerAgreesWithJsonParse));
});
