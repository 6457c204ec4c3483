/** The service's notion of "now": real time, or real time shifted to start at a given instant. */
export type Clock = () => Date;

export function clockStartingAt(start: string | null): Clock {
  if (start === null) return () => new Date();
  const offset = Date.parse(start) - Date.now();
  return () => new Date(Date.now() + offset);
}
