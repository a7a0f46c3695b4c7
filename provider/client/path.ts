/** URL building: every path parameter is percent-encoded, and dot segments are refused. */

/** Tagged template: ``path`/v2/users/${user}/compute_clusters/${id}` `` */
export function path(strings: TemplateStringsArray, ...params: string[]): string {
  let out = strings[0];
  params.forEach((p, i) => {
    if (typeof p !== "string" || p === "" || p === "." || p === "..") {
      throw new TypeError(`invalid path parameter ${JSON.stringify(p)} in ${strings.join("{}")}`);
    }
    out += encodeURIComponent(p) + strings[i + 1];
  });
  return out;
}

export type QueryValue = string | number | boolean | string[] | undefined;

/** Query string with repeated keys for lists (`model_version_ids=a&model_version_ids=b`). */
export function query(q: Record<string, QueryValue> | undefined): string {
  if (!q) return "";
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) v.forEach((x) => sp.append(k, x));
    else sp.append(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : "";
}
