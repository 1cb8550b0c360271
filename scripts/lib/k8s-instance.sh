#!/usr/bin/env bash
# The entry point of a load-client pod (k8s module, SuiteManifests): runs the client's command line as given, then
# prints every file it wrote into $IOARENA_OUT to the pod's log, gzipped, in base64, as lines of at most 3,072
# characters "IOARENA-FILE <name> <chunk>" (InstanceFiles reads them back): a finished pod's files are gone, its log
# is not. Exits with the client's status.
set -uo pipefail
"$@"
status=$?
for file in "${IOARENA_OUT:?IOARENA_OUT names the folder to print}"/*; do
  [ -f "$file" ] || continue
  name=$(basename "$file")
  gzip -c "$file" | base64 -w 3072 | sed "s/^/IOARENA-FILE $name /"
done
exit $status
