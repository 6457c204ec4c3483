import fc from 'fast-check';

/**
 * A fast-check property with the seed and run count the suite pins. The suite runs it
 * at that seed, so a red test is a regression and never bad luck; `scripts/explore-seeds.ts`
 * runs the same property with fresh seeds to look for new counterexamples.
 */
export interface PropertyCase {
  name: string;
  seed: number;
  numRuns: number;
  /** Throws fast-check's report (seed, counterexample, error) when the property fails. */
  assert: (params: { seed: number; numRuns: number }) => Promise<void>;
  /** fast-check's report when the property fails, null when it holds. */
  check: (params: { seed: number; numRuns: number }) => Promise<string | null>;
}

/** `build` may be async for properties that load an oracle (HiGHS) first. */
export function propertyCase<Ts>(
  name: string,
  pinned: { seed: number; numRuns: number },
  build: () => fc.IRawProperty<Ts> | Promise<fc.IRawProperty<Ts>>,
): PropertyCase {
  return {
    name,
    ...pinned,
    assert: async (params) => {
      await fc.assert(await build(), params);
    },
    check: async (params) => {
      const details = await fc.check(await build(), params);
      return details.failed ? (fc.defaultReportMessage(details) ?? `failed at seed ${params.seed}`) : null;
    },
  };
}
