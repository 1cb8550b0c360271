# Sourced by scripts/report and scripts/compare, after scripts/lib/jdk.sh: runs a main class of the harness module
# from the caller's folder (so relative paths in its arguments mean what the caller meant), building the module
# first when it is not built or a source of it is newer than its newest compiled file.
ioarena_harness_java() { # $1 = the repository root, $2 = main class, then its arguments
  local root=$1 main=$2; shift 2
  local classes="$root/harness/target/classes" cp_file="$root/harness/target/runtime-classpath.txt" newest=""
  [ -d "$classes" ] && newest=$(find "$classes" -type f -printf '%T@ %p\n' | sort -n | tail -n 1 | cut -d' ' -f2-)
  if [ ! -f "$cp_file" ] || [ -z "$newest" ] || \
     [ -n "$(find "$root/harness/src/main" "$root/contract/src/main" -type f -newer "$newest" -print -quit 2>/dev/null)" ]; then
    echo "ioarena: building the harness (mvn -q -DskipTests package -pl harness -am)" >&2
    mvn -q -f "$root/pom.xml" -DskipTests package -pl harness -am >&2 || { echo "ioarena: the build failed" >&2; return 1; }
  fi
  java -cp "$classes:$(cat "$cp_file")" "$main" "$@"
}
