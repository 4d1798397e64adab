#!/usr/bin/env bash
# A job driver without Spark, for tests of the server's queue: it is launched exactly as a Spark driver is (in
# place of `java`, with the same arguments and environment), speaks the driver protocol (status.json RUNNING, then
# SUCCEEDED, replaced atomically) and records its own lifetime in its run directory, so a test can tell how many
# drivers really lived at once and that none was launched twice. A run takes PROTOCOL_DRIVER_SECONDS, else the
# seconds written in driver-seconds beside java-home, else 0.2; a run's own arguments may say otherwise:
# `--protocol-seconds N` and `--protocol-outcome FAILED` (it then fails with an error naming itself). Every argument it
# was given is written to `arguments`, one per line.
set -euo pipefail
dir=${MORTAR_RUN_DIR:?}
run_id=""
previous=""
run_seconds=""
outcome=SUCCEEDED
printf '%s\n' "$@" > "$dir/arguments"
for argument in "$@"; do
  [[ $previous == --JOB_RUN_ID ]] && run_id=$argument
  [[ $previous == --protocol-seconds ]] && run_seconds=$argument
  [[ $previous == --protocol-outcome ]] && outcome=$argument
  previous=$argument
done
echo "start $(date +%s%N) $$ $run_id" >> "$dir/lifetime"
echo "$(cut -d' ' -f19 /proc/$$/stat)" > "$dir/niceness"
if [[ -r /proc/$$/autogroup ]]; then cat "/proc/$$/autogroup" > "$dir/autogroup"; fi
printf '{"state":"RUNNING"}' > "$dir/status.tmp" && mv "$dir/status.tmp" "$dir/status.json"
seconds_file="$(dirname "$0")/../../driver-seconds"
default_seconds=0.2
[[ -f $seconds_file ]] && default_seconds=$(<"$seconds_file")
sleep "${run_seconds:-${PROTOCOL_DRIVER_SECONDS:-$default_seconds}}"
if [[ $outcome == FAILED ]]; then
  printf '{"state":"FAILED","error":"The protocol driver was asked to fail"}' > "$dir/status.tmp"
else
  printf '{"state":"SUCCEEDED"}' > "$dir/status.tmp"
fi
mv "$dir/status.tmp" "$dir/status.json"
echo "end $(date +%s%N) $$ $run_id" >> "$dir/lifetime"
