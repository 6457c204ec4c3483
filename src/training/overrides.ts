import { z } from 'zod';
import type { TrainingContent } from './catalogue.ts';
import { Charter, ThemeGuide, TrainingDocument } from './schema.ts';

/** An item HR edited or added, as a store holds it: the whole item, in its newer version. */
export const TrainingOverride = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('guide'), item: ThemeGuide }),
  z.object({ kind: z.literal('document'), item: TrainingDocument }),
  z.object({ kind: z.literal('charter'), item: Charter }),
]);
export type TrainingOverride = z.infer<typeof TrainingOverride>;

export interface OverrideRejection {
  code: 'TRAINING_STALE_VERSION' | 'TRAINING_DUPLICATE_THEME';
  message: string;
  /** Which override, by its position in the list given. */
  index: number;
  field: 'item.version' | 'item.theme';
}

function stale(kind: string, key: string, version: number, current: number, index: number): OverrideRejection {
  return {
    code: 'TRAINING_STALE_VERSION',
    message: `${kind} "${key}": version ${version} is not newer than version ${current} in use`,
    index,
    field: 'item.version',
  };
}

/**
 * Lays HR's edits over the content. An override replaces the item of the same
 * key only when its version is newer, so an old edit never hides newer content;
 * a guide with a new key adds a theme. Overrides apply in order, so of two
 * edits of one item the newest wins whatever the order.
 */
export function applyOverrides(
  base: TrainingContent,
  overrides: readonly TrainingOverride[],
): { content: TrainingContent; rejected: OverrideRejection[] } {
  let { guides, documents, charter } = base;
  const rejected: OverrideRejection[] = [];
  overrides.forEach((override, index) => {
    if (override.kind === 'charter') {
      const { item } = override;
      if (item.version <= charter.version) rejected.push(stale('charter', item.key, item.version, charter.version, index));
      else charter = item;
      return;
    }
    if (override.kind === 'document') {
      const { item } = override;
      const current = documents.find((document) => document.key === item.key);
      if (current !== undefined && item.version <= current.version) {
        rejected.push(stale('document', item.key, item.version, current.version, index));
      } else {
        documents = current === undefined ? [...documents, item] : documents.map((document) => (document === current ? item : document));
      }
      return;
    }
    const { item } = override;
    const current = guides.find((guide) => guide.key === item.key);
    const sameTheme = guides.find((guide) => guide.theme === item.theme && guide.key !== item.key);
    if (sameTheme !== undefined) {
      rejected.push({
        code: 'TRAINING_DUPLICATE_THEME',
        message: `guide "${item.key}": the theme "${item.theme}" already has the guide "${sameTheme.key}"`,
        index,
        field: 'item.theme',
      });
    } else if (current !== undefined && item.version <= current.version) {
      rejected.push(stale('guide', item.key, item.version, current.version, index));
    } else {
      guides = current === undefined ? [...guides, item] : guides.map((guide) => (guide === current ? item : guide));
    }
  });
  return { content: { guides, documents, charter }, rejected };
}
