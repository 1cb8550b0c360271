# Sourced by the scripts in scripts/: finds a JDK 21+ and exports JAVA_HOME and PATH for it.
# Order: `java` on the PATH if it is 21+, then JAVA_HOME if 21+, then the newest 21+ JDK under the usual folders.
# Stops with a message naming what to install when there is none.

ioarena_java_major() { # $1 = path to a java binary; prints its feature version (17, 21, 25, ...)
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

ioarena_find_jdk() {
  local min=21 candidate major best="" best_major=0
  if command -v java >/dev/null 2>&1 && command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    major=$(ioarena_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge "$min" ] && [ -x "$candidate/bin/javac" ]; then echo "$candidate"; return 0; fi
  fi
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(ioarena_java_major "$JAVA_HOME/bin/java")
    if [ -n "$major" ] && [ "$major" -ge "$min" ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(ioarena_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge "$min" ] && [ "$major" -gt "$best_major" ]; then best="$candidate"; best_major=$major; fi
  done
  [ -n "$best" ] && { echo "$best"; return 0; }
  return 1
}

if ! IOARENA_JDK=$(ioarena_find_jdk); then
  echo "ioarena needs a JDK 21 or newer (virtual threads) and found none:" >&2
  echo "  not \`java\` on the PATH, not JAVA_HOME, nor anything under /usr/lib/jvm." >&2
  echo "  Install one, e.g. 'apt-get install openjdk-21-jdk' (or temurin-25-jdk), then run this again." >&2
  exit 1
fi
export JAVA_HOME="$IOARENA_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
# Maven's own Guava calls sun.misc.Unsafe, which JDK 24+ warns about on every build; the flag exists only there.
if [ "$(ioarena_java_major "$JAVA_HOME/bin/java")" -ge 24 ] && [[ "${MAVEN_OPTS:-}" != *sun-misc-unsafe-memory-access* ]]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
if ! command -v mvn >/dev/null 2>&1; then
  echo "ioarena builds with Apache Maven 3.8+ and found no 'mvn' on the PATH: install it, e.g. 'apt-get install maven'." >&2
  exit 1
fi
