/**
 * `npm run bench`: runs each registered module in turn and reports all rows together.
 * To add a module: import its `run` and add one entry to `modules`.
 * `npm run bench -- matching` runs only the modules whose names are given.
 */
import type { BenchRow } from './report.ts';
import { report } from './report.ts';
import { run as runEventLoop } from './event-loop.ts';
import { run as runMatching } from './matching.ts';
import { run as runParticipantApi } from './participant-api.ts';
import { run as runPlanning } from './planning.ts';
import { run as runProposal } from './proposal.ts';
import { run as runRollout } from './rollout.ts';
import { run as runStartup } from './startup.ts';

const modules: { name: string; run: () => Promise<BenchRow[]> }[] = [
  { name: 'matching', run: runMatching },
  { name: 'event-loop', run: runEventLoop },
  { name: 'participant-api', run: runParticipantApi },
  { name: 'planning', run: runPlanning },
  { name: 'proposal', run: runProposal },
  { name: 'rollout', run: runRollout },
  { name: 'startup', run: runStartup },
];

async function main(only: string[]): Promise<number> {
  const unknown = only.filter((name) => !modules.some((m) => m.name === name));
  if (unknown.length > 0) {
    process.stderr.write(`unknown bench module(s): ${unknown.join(', ')}; known: ${modules.map((m) => m.name).join(', ')}\n`);
    return 2;
  }
  const rows: BenchRow[] = [];
  for (const m of modules) {
    if (only.length > 0 && !only.includes(m.name)) continue;
    process.stderr.write(`bench: ${m.name}\n`);
    const started = performance.now();
    rows.push(...(await m.run()));
    process.stderr.write(`bench: ${m.name} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  report(rows);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
