/**
 * The first instant between `from` and `to` (to within a second) at which `reached` holds, for a
 * condition that, once true, stays true as time goes on — such as "this share of a deadline's
 * counted time is used". Halves the interval; `to` when it never holds before.
 */
export function firstInstant(from: Date, to: Date, reached: (at: Date) => boolean): Date {
  let lo = from.getTime();
  let hi = to.getTime();
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2);
    if (reached(new Date(mid))) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}
