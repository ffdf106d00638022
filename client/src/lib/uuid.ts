/**
 * A random (version 4) UUID built from `crypto.getRandomValues`.
 *
 * Tablets reach the server as `http://192.168.x.y`, an insecure context where
 * `crypto.randomUUID` does not exist, while `getRandomValues` works everywhere.
 */
export function uuidv4(fill: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const b = fill(new Uint8Array(new ArrayBuffer(16)));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40; // version 4
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
