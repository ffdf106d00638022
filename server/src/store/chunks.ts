/** Rows per multi-row statement, ids per lookup: a few fixed sizes, so the statement cache holds few shapes. */
export const ROW_CHUNKS = [64, 16, 4, 1];
export const ID_CHUNKS = [256, 64, 16, 4, 1];

export function* chunked<T>(items: T[], sizes = ROW_CHUNKS): Generator<T[]> {
  let i = 0;
  for (const size of sizes) {
    while (items.length - i >= size) {
      yield items.slice(i, i + size);
      i += size;
    }
  }
}
