import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One measured figure, optionally beside a baseline measured in the same run. */
export interface BenchRow {
  group: string;
  name: string;
  value: number;
  unit: string;
  baseline: { name: string; value: number } | null;
  /** `value / baseline.value`; null without a comparable baseline. */
  ratio: number | null;
  note: string;
}

export const RESULTS_PATH = join(dirname(fileURLToPath(import.meta.url)), 'results', 'latest.json');

export function ratioOf(value: number, baseline: number | null): number | null {
  return baseline === null || baseline <= 0 ? null : value / baseline;
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(value >= 10 ? 1 : 2);
}

export function formatTable(rows: readonly BenchRow[]): string {
  const header = ['group', 'name', 'value', 'unit', 'baseline', 'baseline value', 'ratio', 'note'];
  const cells = rows.map((r) => [
    r.group,
    r.name,
    formatNumber(r.value),
    r.unit,
    r.baseline?.name ?? '-',
    r.baseline === null ? '-' : formatNumber(r.baseline.value),
    r.ratio === null ? '-' : r.ratio.toFixed(2),
    r.note,
  ]);
  const numeric = new Set([2, 5, 6]);
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c]?.length ?? 0)));
  const line = (row: string[]): string =>
    row
      .map((cell, c) => {
        const width = widths[c] ?? 0;
        if (c === row.length - 1) return cell;
        return numeric.has(c) ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** Prints the table and writes the rows, with when and where they were measured, to `path`. */
export function report(rows: readonly BenchRow[], path: string = RESULTS_PATH): void {
  process.stdout.write(`${formatTable(rows)}\n`);
  mkdirSync(dirname(path), { recursive: true });
  const payload = {
    measuredAt: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    rows,
  };
  writeFileSync(path, `${JSON.stringify(payload, null, 2)}\n`);
  process.stdout.write(`\nwrote ${path}\n`);
}
