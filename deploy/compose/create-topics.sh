#!/bin/sh
# Creates Linli's topics on the Compose broker from the one declaration, deploy/kubernetes/base/kafka/topics.yaml
# (Strimzi KafkaTopic resources), as the embedded broker of ./linli run does (DeclaredTopics): each topic with its
# partitions and config, on one broker so replication 1 and min.insync.replicas 1. Topics that exist are left alone.
#   create-topics.sh <topics.yaml> <bootstrap-server>           creates them (kafka-topics.sh from $KAFKA_TOPICS)
#   create-topics.sh <topics.yaml> --print                      prints one line per topic: name partitions configs
# POSIX sh and awk only: it runs in the apache/kafka image, and deploy/check.sh runs --print to compare with Kubernetes.
set -eu
declared=${1:?usage: create-topics.sh <topics.yaml> <bootstrap-server>|--print}
target=${2:?usage: create-topics.sh <topics.yaml> <bootstrap-server>|--print}
KAFKA_TOPICS=${KAFKA_TOPICS:-/opt/kafka/bin/kafka-topics.sh}

# One line per KafkaTopic: "<name> <partitions> key=value,key=value" (the config block's keys, min.insync.replicas 1)
topics=$(awk '
  function flush() { if (name != "") print name, partitions, configs; name = ""; partitions = ""; configs = ""; inconfig = 0 }
  /^kind:/                 { flush(); topic = ($2 == "KafkaTopic") }
  /^---/                   { flush(); topic = 0 }
  topic && /^  name:/      { name = $2 }
  topic && /^  partitions:/ { partitions = $2 }
  topic && /^  config:/    { inconfig = 1; next }
  topic && inconfig && /^    [a-z.]+:/ {
      key = $1; sub(/:$/, "", key); value = $2
      if (key == "min.insync.replicas") value = 1
      configs = configs (configs == "" ? "" : ",") key "=" value
      next
  }
  topic && inconfig && !/^    / { inconfig = 0 }
  END { flush() }
' "$declared")

if [ -z "$topics" ]; then
  echo "no KafkaTopic found in $declared" >&2
  exit 1
fi
if [ "$target" = "--print" ]; then
  printf '%s\n' "$topics"
  exit 0
fi

printf '%s\n' "$topics" | while read -r name partitions configs; do
  set -- --bootstrap-server "$target" --create --if-not-exists --topic "$name" --partitions "$partitions" \
    --replication-factor 1
  for config in $(printf '%s' "$configs" | tr ',' ' '); do
    set -- "$@" --config "$config"
  done
  "$KAFKA_TOPICS" "$@"
done
echo "Linli's topics are declared on $target"
