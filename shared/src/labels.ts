/**
 * A name as a label reads it: a name written all in lower case (the seed categories "hasil hutan",
 * "produk olahan lainnya") starts with a capital, as an organiser would write it in a table or on a
 * receipt; a name written with any capital ("UMKM kopi", "Hasil Hutan") stays exactly as written.
 */
export function labelCase(name: string): string {
  if (name !== name.toLocaleLowerCase('id-ID')) return name;
  return name.charAt(0).toLocaleUpperCase('id-ID') + name.slice(1);
}
