// Kubernetes quantities as the catalogue writes them (`cpu_limit`, `memory`, accelerator memory): shared by
// the look-ups, the fit check and the cost estimate.

const UNITS: Record<string, number> = {
  "": 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/**
 * Parses a Kubernetes quantity (`7525m` → 7.525, `29033Mi` → bytes, `1.5Gi`, `2e3`) into a number in
 * base units (cores or bytes). Undefined for anything else.
 */
export function parseQuantity(q: string | undefined): number | undefined {
  if (q === undefined) return undefined;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?$/.exec(q.trim());
  if (!m) return undefined;
  return Number(m[1]) * UNITS[m[2] ?? ""];
}

/** A memory quantity in GiB (e.g. `23028Mi` → 22.49). */
export function quantityToGiB(q: string | undefined): number | undefined {
  const v = parseQuantity(q);
  return v === undefined ? undefined : v / 2 ** 30;
}
