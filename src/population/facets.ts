import {
  facetKeys,
  managementLevels,
  seniorityBands,
  type FacetCount,
  type FacetCounts,
  type FacetKey,
  type PopulationFilter,
  type PopulationMember,
} from '../model/population.ts';

/** A member's value for a facet. */
function valueOf(member: PopulationMember, facet: FacetKey): string | null {
  return member[facet];
}

type Chosen = Record<FacetKey, Set<string | null> | null>;

/** Each facet's ticked values as a set; null for a facet with nothing ticked (everyone passes it). */
function chosenOf(filter: PopulationFilter): Chosen {
  const set = (values: readonly (string | null)[]) => (values.length === 0 ? null : new Set<string | null>(values));
  return { department: set(filter.department), office: set(filter.office), seniority: set(filter.seniority), management: set(filter.management) };
}

function passes(chosen: Chosen, member: PopulationMember, facet: FacetKey): boolean {
  const values = chosen[facet];
  return values === null || values.has(valueOf(member, facet));
}

export function matchesFilter(member: PopulationMember, filter: PopulationFilter): boolean {
  const chosen = chosenOf(filter);
  return facetKeys.every((facet) => passes(chosen, member, facet));
}

/** The people the filter chooses, in the order given. */
export function selectPopulation<M extends PopulationMember>(members: readonly M[], filter: PopulationFilter): M[] {
  const chosen = chosenOf(filter);
  return members.filter((member) => facetKeys.every((facet) => passes(chosen, member, facet)));
}

export interface PopulationCounts {
  /** People the filter chooses. */
  total: number;
  /**
   * For each value of each facet, how many people the filter would choose with that value
   * ticked alone in its facet, the other facets as they are: what ticking it adds or keeps.
   */
  facets: FacetCounts;
}

/** Directory words in French order, "not given" last. */
function byWords(a: FacetCount, b: FacetCount): number {
  if (a.value === null || b.value === null) return a.value === b.value ? 0 : a.value === null ? 1 : -1;
  return a.value.localeCompare(b.value, 'fr');
}

/**
 * The live counts of the population screen, in one pass over the directory: a person
 * who passes every facet counts in each facet under their own value; one who fails a
 * single facet counts only in that facet (ticking their value there would take them in);
 * one who fails two or more counts nowhere.
 */
export function populationCounts(members: readonly PopulationMember[], filter: PopulationFilter): PopulationCounts {
  const chosen = chosenOf(filter);
  const counts: Record<FacetKey, Map<string | null, number>> = { department: new Map(), office: new Map(), seniority: new Map(), management: new Map() };
  let total = 0;
  for (const member of members) {
    let failed: FacetKey | null = null;
    let failures = 0;
    for (const facet of facetKeys) {
      if (passes(chosen, member, facet)) continue;
      failures += 1;
      failed = facet;
      if (failures > 1) break;
    }
    // Every value seen is listed, at zero when nobody it holds can be reached.
    for (const facet of facetKeys) {
      const value = valueOf(member, facet);
      const map = counts[facet];
      const counted = failures === 0 || (failures === 1 && failed === facet);
      map.set(value, (map.get(value) ?? 0) + (counted ? 1 : 0));
    }
    if (failures === 0) total += 1;
  }
  for (const facet of facetKeys) {
    for (const value of chosen[facet] ?? []) if (!counts[facet].has(value)) counts[facet].set(value, 0);
  }
  const listed = (facet: FacetKey): FacetCount[] => [...counts[facet]].map(([value, count]) => ({ value, count }));
  const inOrder = (facet: FacetKey, order: readonly string[]): FacetCount[] => {
    const map = counts[facet];
    return order.filter((value) => map.has(value) || value !== 'unknown').map((value) => ({ value, count: map.get(value) ?? 0 }));
  };
  return {
    total,
    facets: {
      department: listed('department').sort(byWords),
      office: listed('office').sort(byWords),
      seniority: inOrder('seniority', seniorityBands),
      management: inOrder('management', managementLevels),
    },
  };
}
