/**
 * Databricks reads two interpolation languages in the strings orchc writes, and neither has an
 * escape, so the one function for each language checks the final string where it lands: text
 * that would be read as a reference is refused (with the way out), any other text arrives as
 * written. Checking the final string, not its pieces, means no split across `concat` parts, a
 * param reference or a name prefix can assemble a reference.
 *
 * Bundle references `${…}`, resolved by the CLI in every string of the configuration: a reference
 * is exactly what this pattern matches (databricks/cli, libs/dyn/dynvar/ref.go at commit
 * 7bbe2852131bc5c4a6c7bad5f147bc7772eedf9f; the Python databricks-bundles `_variable_regex` in
 * python/databricks/bundles/core/_transform.py is kept in sync with it). There is no escape: `$${a.b}`
 * still contains the match `${a.b}`, which the CLI replaces (leaving the first `$`), and
 * bundle/config/mutator/collect_escape_telemetry.go at the same commit only counts `$${`, `$$`,
 * `\${` and `\$` "until we align on the escape syntax". Text with `${` that does not match (`${ x }`,
 * `${HOME:-/tmp}`, `${{ x }}`) is never touched.
 *
 * Job dynamic value references `{{…}}`, resolved by Jobs at run time in task parameters and job
 * parameter values (https://docs.databricks.com/jobs/dynamic-value-references): no escape is
 * documented, and malformed ones are kept as literal text only when Databricks does not recognise
 * the namespace, so any `{{` or `}}` that is not part of a reference orchc wrote is refused.
 */
const SEGMENT = String.raw`\p{L}+(?:[-_]*[\p{L}\p{N}]+)*`;
const BUNDLE_REFERENCE = new RegExp(String.raw`\$\{${SEGMENT}(?:\.${SEGMENT}(?:\[[0-9]+\])*)*(?:\[[0-9]+\])*\}`, "u");

/** One `${…}` path segment: what may follow `var.` or `resources.pipelines.`. */
export const REFERENCE_SEGMENT = new RegExp(`^${SEGMENT}$`, "u");

/** The first bundle reference the CLI would find in `text`, or null when it arrives as written. */
export const bundleReferenceIn = (text: string): string | null => BUNDLE_REFERENCE.exec(text)?.[0] ?? null;

/** A value Jobs reads at run time, with the spans of the references orchc itself put in it: `{{…}}` (dynamic) or `${…}` (bundle). */
export interface RuntimeText {
  readonly text: string;
  readonly references: ReadonlyArray<{ readonly start: number; readonly end: number; readonly syntax: "dynamic" | "bundle" }>;
}

/** The first bundle reference in `value` that orchc did not write (`databricksRef`), or null. */
export function strayBundleReferenceIn(value: RuntimeText): string | null {
  // Each of orchc's own becomes a character no reference holds, so text around it cannot make one with it.
  let masked = value.text;
  for (const reference of [...value.references].reverse()) {
    if (reference.syntax === "bundle") masked = `${masked.slice(0, reference.start)}\u0000${masked.slice(reference.end)}`;
  }
  return bundleReferenceIn(masked);
}

/** The first `{{` or `}}` in `value` that is not the edge of one of orchc's own references, or null. */
export function strayBracesIn(value: RuntimeText): string | null {
  const dynamic = value.references.filter((reference) => reference.syntax === "dynamic");
  const starts = new Set(dynamic.map((reference) => reference.start));
  const ends = new Set(dynamic.map((reference) => reference.end - 2));
  for (let index = 0; index + 1 < value.text.length; index++) {
    const pair = value.text.slice(index, index + 2);
    if (pair === "{{" && !starts.has(index)) return pair;
    if (pair === "}}" && !ends.has(index)) return pair;
  }
  return null;
}

/**
 * Secret scope and key names as Databricks accepts them (docs.databricks.com/security/secrets:
 * a scope holds alphanumerics, dashes, underscores, `@` and periods; a key alphanumerics,
 * dashes, underscores and periods; each at most 128 characters). Anything else could end the
 * `{{secrets/<scope>/<key>}}` reference early.
 */
export const SECRET_SCOPE = /^[A-Za-z0-9_.@-]{1,128}$/;
export const SECRET_KEY = /^[A-Za-z0-9_.-]{1,128}$/;
