import { describe, expect, it } from 'vitest';
import { buildOrgChart } from '../../src/matching/org-chart.ts';

function chain(length: number): { id: string; managerId: string | null }[] {
  return Array.from({ length }, (_, i) => ({ id: `p${i}`, managerId: i === 0 ? null : `p${i - 1}` }));
}

describe('org chart', () => {
  it('sees a reporting line at any depth, in both directions, but not between cousins', () => {
    const people = [
      { id: 'ceo', managerId: null },
      { id: 'cfo', managerId: 'ceo' },
      { id: 'cto', managerId: 'ceo' },
      { id: 'accountant', managerId: 'cfo' },
      { id: 'intern', managerId: 'accountant' },
      { id: 'developer', managerId: 'cto' },
    ];
    const chart = buildOrgChart(people);
    expect(chart.sameReportingLine('ceo', 'intern')).toBe(true);
    expect(chart.sameReportingLine('intern', 'ceo')).toBe(true);
    expect(chart.sameReportingLine('cfo', 'intern')).toBe(true);
    expect(chart.sameReportingLine('cfo', 'developer')).toBe(false);
    expect(chart.sameReportingLine('intern', 'developer')).toBe(false);
    expect(chart.sameReportingLine('cfo', 'cto')).toBe(false);
    expect(chart.levelsAbove('ceo', 'intern')).toBe(3);
    expect(chart.levelsAbove('intern', 'ceo')).toBeNull();
    expect(chart.depth('ceo')).toBe(0);
    expect(chart.depth('intern')).toBe(3);
    expect(chart.depth('nobody')).toBeNull();
    expect(chart.managerOf('intern')).toBe('accountant');
  });

  it('handles a chain 100,000 levels deep without overflowing the stack', () => {
    const chart = buildOrgChart(chain(100_000));
    expect(chart.depth('p99999')).toBe(99_999);
    expect(chart.sameReportingLine('p0', 'p99999')).toBe(true);
    expect(chart.levelsAbove('p10', 'p99999')).toBe(99_989);
  });

  it('treats a manager nobody has as the top of the chart', () => {
    const chart = buildOrgChart([
      { id: 'a', managerId: 'ghost' },
      { id: 'b', managerId: 'a' },
      { id: 'c', managerId: 'c' },
    ]);
    expect(chart.depth('a')).toBe(0);
    expect(chart.depth('c')).toBe(0);
    expect(chart.sameReportingLine('a', 'b')).toBe(true);
    expect(chart.sameReportingLine('a', 'ghost')).toBe(false);
    expect(chart.sameReportingLine('a', 'c')).toBe(false);
  });

  it('cuts a management cycle without looping, keeping everyone in it in one reporting line', () => {
    const chart = buildOrgChart([
      { id: 'a', managerId: 'b' },
      { id: 'b', managerId: 'c' },
      { id: 'c', managerId: 'a' },
      { id: 'report', managerId: 'b' },
      { id: 'outsider', managerId: null },
    ]);
    for (const [x, y] of [['a', 'b'], ['b', 'c'], ['a', 'c'], ['report', 'a'], ['report', 'c']] as const) {
      expect(chart.sameReportingLine(x, y)).toBe(true);
    }
    expect(chart.sameReportingLine('outsider', 'a')).toBe(false);
    const depths = ['a', 'b', 'c'].map((id) => chart.depth(id)).sort();
    expect(depths).toEqual([0, 1, 2]);
  });

  it('answers a million reporting-line questions on a 10,000-person tree', () => {
    const people: { id: string; managerId: string | null }[] = [{ id: 'root', managerId: null }];
    for (let i = 0; i < 10_000; i++) people.push({ id: `p${i}`, managerId: i < 10 ? 'root' : `p${Math.floor(i / 10) - 1}` });
    const chart = buildOrgChart(people);
    let related = 0;
    for (let i = 0; i < 1_000_000; i++) if (chart.sameReportingLine(`p${i % 10_000}`, `p${(i * 7919) % 10_000}`)) related++;
    expect(related).toBeGreaterThan(0);
  });
});
