/**
 * A light English stemmer: plurals, -ing, -ed and a final -e, so that casting/castings/cast and
 * welded/welding/weld meet. Deliberately small: technical terms (superalloy, 42crmo) must survive.
 * Index and query use the same function; the index keeps the unstemmed word too (for prefixes).
 */
export function stem(word: string): string {
  if (!/^[a-z]+$/.test(word) || word.length <= 3) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4) w = undouble(w.slice(0, -2));
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** rolling → roll stays; stopped → stop; welding → weld. */
function undouble(w: string): string {
  return /([b-df-hj-np-tv-z])\1$/.test(w) && !/(ll|ss|zz|ff)$/.test(w) ? w.slice(0, -1) : w;
}
