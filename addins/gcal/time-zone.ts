/** True when Intl knows the zone by its IANA name (Node 20 refuses bare offsets such as "+05:45"). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
