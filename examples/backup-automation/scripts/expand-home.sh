# Sourced by the backup scripts: a leading ~/ in a folder param means the running user's home,
# so the same default works for `orchc run` and on the self-hosted runner.
expand_home() {
  case "$1" in
    "~") printf '%s\n' "$HOME" ;;
    "~/"*) printf '%s/%s\n' "$HOME" "${1#"~/"}" ;;
    *) printf '%s\n' "$1" ;;
  esac
}
