const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/**
 * The one form languages are compared in, whichever side they come from: "FR",
 * "fr-FR" and "fra" all mean fr, and retired codes take their current one ("iw" is
 * he, "tl" is fil). Null when the primary subtag names no language.
 */
export function canonicalLanguage(raw: string): string | null {
  const primary = (raw.trim().split(/[-_]/)[0] ?? '').toLowerCase();
  if (!/^[a-z]{2,3}$/.test(primary)) return null;
  const canonical = Intl.getCanonicalLocales(primary)[0] ?? primary;
  return /^[a-z]{2,3}$/.test(canonical) && languageNames.of(canonical) !== undefined ? canonical : null;
}
