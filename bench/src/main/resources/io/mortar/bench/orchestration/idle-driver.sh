#!/usr/bin/env bash
# A job driver that does nothing, for the scheduler latency benchmark: the server launches it in place of `java`,
# exactly as it launches a Spark driver, and it reports RUNNING, then SUCCEEDED, through the driver protocol
# (status.json in its run directory, replaced atomically). What the benchmark measures is when runs start, not what
# they do, so their drivers should cost the machine as little as a process can.
set -euo pipefail
dir=${MORTAR_RUN_DIR:?}
printf '{"state":"RUNNING"}' > "$dir/status.tmp" && mv "$dir/status.tmp" "$dir/status.json"
printf '{"state":"SUCCEEDED"}' > "$dir/status.tmp" && mv "$dir/status.tmp" "$dir/status.json"
