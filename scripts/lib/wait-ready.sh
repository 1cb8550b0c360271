# wait_ready LOG PID WHO: waits up to 30 s for a server's readiness line (ours: IOARENA-READY; the C programs print
# "listening") in LOG; exits with what the log says when process PID ends first or the time runs out.
wait_ready() {
  for _ in $(seq 1 300); do
    grep -q -e IOARENA-READY -e listening "$1" 2>/dev/null && return 0
    kill -0 "$2" 2>/dev/null || { echo "$3: the server exited:" >&2; cat "$1" >&2; exit 1; }
    sleep 0.1
  done
  echo "$3: the server was not ready in 30 s" >&2; exit 1
}
