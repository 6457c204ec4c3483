import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCase } from '../../scripts/scenario-campaign.ts';

const base = mkdtempSync(join(tmpdir(), 'binome-campaign-test-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('binome scenario on generated tenants with traps', () => {
  it('forms the most pairs the rules allow, books each session once and names every bad CSV row, even with provider faults and a kill mid-rollout', async () => {
    const results = await Promise.all([
      runCase({ seed: 4242, people: 30, volunteerShare: 0.5, plantedChain: true, sandbox: { latencyMs: 10, faults: { rate429: 0.1, rate5xx: 0.03, dropEvery: 40 } } }, base),
      runCase({ seed: 4343, people: 45, volunteerShare: 0.45, kill: true }, base),
    ]);
    for (const r of results) {
      expect(r.problems, `seed ${r.seed}`).toEqual([]);
      expect(r.pairs, `seed ${r.seed}`).toBe(r.maxWeekly);
    }
    expect(results[0]?.pairs).toBeGreaterThanOrEqual(8);
  }, 180_000);
});
