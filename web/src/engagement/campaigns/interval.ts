const Z95 = 1.959963984540054;

/** The 95% Wilson interval of x in n, as the server gives it for each arm; [0, 0] for an empty arm. */
export function wilsonInterval(x: number, n: number): [number, number] {
  if (n === 0) return [0, 0];
  const p = x / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
