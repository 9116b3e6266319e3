# Shared by run.sh and scale.sh (sourced, not run).

log() { echo "[$(date +%H:%M:%S)] $*"; }

# Prints a class path for $1 (target/classpath.txt) with the project's own jars and class dirs copied into
# $2/lib first: other builds may rewrite target/ while a benchmark runs. $3: the module dir, $4: the repo root.
private_classpath() {
  local cp_file="$1" work="$2" here="$3" root="$4" cp="" n=0 entry copy
  local -a entries
  mkdir -p "$work/lib"
  IFS=':' read -r -a entries < "$cp_file" || true   # one line, no newline at its end
  for entry in "$here/target/classes" "${entries[@]}"; do
    case "$entry" in
      "$root"/*)
        n=$((n + 1))
        if [ -d "$entry" ]; then copy="$work/lib/classes-$n"; cp -r "$entry" "$copy"
        else copy="$work/lib/$n-$(basename "$entry")"; cp "$entry" "$copy"; fi
        cp="$cp${cp:+:}$copy" ;;
      *) cp="$cp${cp:+:}$entry" ;;
    esac
  done
  echo "$cp"
}

# Builds the benchmark module and what it needs, tests skipped (the normal reactor build), unless $1 is 1;
# then checks the build is there. $2: the module dir, $3: the repo root.
build_benchmarks() {
  local skip="$1" here="$2" root="$3"
  if [ "$skip" != 1 ]; then
    log "building wx-network-benchmarks (mvn package -pl wx-network-benchmarks -am -DskipTests)"
    (cd "$root" && mvn -B -q package -DskipTests -pl wx-network-benchmarks -am)
  fi
  [ -f "$here/target/classpath.txt" ] && [ -d "$here/target/classes" ] \
    || { echo "not built: $here/target/classpath.txt missing" >&2; exit 1; }
}
