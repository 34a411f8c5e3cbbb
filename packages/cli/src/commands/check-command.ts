/**
 * `orchc check` was once another name for `validate`, and read as `build --check`: two different
 * checks, one answering whether the pipelines are right, the other whether the committed files are
 * current. Guessing wrong passes CI for the wrong reason, so the command names both and does neither.
 */
export function checkCommand(): number {
  process.stderr.write(
    [
      "orchc: `orchc check` is ambiguous; run the check you mean:",
      "  orchc validate [files...]            check the pipeline files without generating anything",
      "  orchc build --check -t <target> ...  fail when the committed generated files are not up to date",
      "",
    ].join("\n"),
  );
  return 1;
}
