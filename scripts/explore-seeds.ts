/**
 * Runs the suite's fast-check properties with fresh random seeds, outside the suite.
 * The suite pins one seed per property so it is deterministic; this script keeps
 * looking for counterexamples beyond it. A failure prints its seed and shrunk
 * counterexample: replay it with `fc.assert(property, { seed, path })`, fix the code and
 * add the case as a unit test. Not part of CI.
 *
 *   npx tsx scripts/explore-seeds.ts [--runs N] [--only TEXT]
 *
 * --runs N    fresh seeds per property (default 10), each at the property's pinned run count
 * --only TEXT only the properties whose name contains TEXT
 */
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { matchingProperties } from '../test/support/matching-properties.ts';
import { planningProperties } from '../test/support/planning-properties.ts';
import type { PropertyCase } from '../test/support/property-case.ts';
import { solverProperties } from '../test/support/solver-properties.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' }, only: { type: 'string', default: '' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs must be a whole number of seeds, at least 1 (got "${values.runs}")`);
  process.exit(2);
}

const properties: PropertyCase[] = [...planningProperties, ...solverProperties, ...matchingProperties].filter((p) => p.name.includes(values.only));
let failures = 0;
let seeds = 0;
const started = performance.now();
for (const property of properties) {
  const t0 = performance.now();
  let failed = 0;
  for (let round = 0; round < runs; round++) {
    const seed = randomInt(2 ** 31 - 1);
    seeds += 1;
    const report = await property.check({ seed, numRuns: property.numRuns });
    if (report !== null) {
      failed += 1;
      console.log(`\nFAIL ${property.name}\n  seed ${seed}\n${report.replace(/^/gm, '  ')}\n`);
    }
  }
  failures += failed;
  console.log(`${failed === 0 ? 'ok  ' : 'FAIL'} ${property.name}: ${runs} seeds × ${property.numRuns} runs, ${failed} failing (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
console.log(`\n${seeds} seeds over ${properties.length} properties in ${((performance.now() - started) / 1000).toFixed(0)} s: ${failures} failing`);
process.exitCode = failures === 0 ? 0 : 1;
