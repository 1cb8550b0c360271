# Sourced by scripts/report and scripts/compare, after scripts/lib/jdk.sh: runs a main class of the harness module
# from the caller's folder (so relative paths in its arguments mean what the caller meant), building the module
# first when its classes are missing or older than its sources or poms.
ioarena_harness_java() { # $1 = the repository root, $2 = main class, then its arguments
  local root=$1 main=$2; shift 2
  local classes="$root/harness/target/classes" cp_file="$root/harness/target/runtime-classpath.txt"
  if [ ! -f "$cp_file" ] || [ ! -d "$classes" ] || \
     [ -n "$(find "$root/harness/src/main" "$root/harness/pom.xml" "$root/pom.xml" -newer "$cp_file" -print -quit 2>/dev/null)" ]; then
    echo "ioarena: building the harness (mvn -q -DskipTests package -pl harness -am)" >&2
    mvn -q -f "$root/pom.xml" -DskipTests package -pl harness -am >&2 || { echo "ioarena: the build failed" >&2; return 1; }
    touch "$cp_file" # Maven leaves an unchanged class path file alone: this marks the build as newer than the sources
  fi
  java -cp "$classes:$(cat "$cp_file")" "$main" "$@"
}
