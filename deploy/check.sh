#!/usr/bin/env bash
# Checks deploy/kubernetes: renders every kustomization (the folder itself, overlays/local, overlays/production) with
# `kubectl kustomize`, validates every rendered object against its schema, and checks what deploy/README.md promises:
#   - built-in kinds: npm's kubernetes-models (the Kubernetes OpenAPI schema: types, formats, required fields) and its
#     type declarations (unknown fields refused, as the API server's strict field validation does);
#   - Strimzi 1.0.1 (kafka.strimzi.io/v1), CloudNativePG 1.30.0 and Barman Cloud plugin 0.14.0 custom resources: the
#     operators' released CRD schemas vendored in deploy/checks/schemas (SOURCES.md says where each came from);
#   - prometheus-operator v0.93.0 custom resources (PodMonitor, PrometheusRule): vendored CRD schemas too;
#   - policy (deploy/checks/policy.mjs): restricted pods, memory from the measured figures, a PDB, HPA and
#     NetworkPolicy per Deployment, default deny, Kafka TLS + SCRAM, ACLs that match what each service's code and
#     application.properties use, topic roles and retention, production backups, no development key material in the
#     production render, and monitoring: the alert rules and the Grafana dashboard (deploy/grafana) parse and name only
#     metrics listed in deploy/checks/exposed-metrics.txt (verified against a running service by resident-service's
#     MonitoringMetricsTest), every alert has a severity and a runbook section in deploy/README.md;
#   - Compose (deploy/checks/compose.mjs): every deployed service there with a health check, data on volumes, the
#     mailbox, the topics created from the same declaration, every service address a service needs.
# Tools: kubectl (kustomize v5) from the machine, Node.js and packages from the npm registry (deploy/checks/
# package-lock.json, installed by `npm ci` on first use); nothing else is downloaded.
#
#   deploy/check.sh                    check; exit 1 on any broken manifest
#   deploy/check.sh --prove-it-fails   break copies of the tree in several ways and require the check to fail on each
set -euo pipefail
deploy="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$deploy/.." && pwd)"
checks="$deploy/checks"
work="$(mktemp -d "${TMPDIR:-/tmp}/linli-deploy-check.XXXXXX")"
trap 'rm -rf "$work"' EXIT

command -v kubectl >/dev/null || { echo "deploy/check.sh: kubectl (with kustomize v5) is needed to render the manifests" >&2; exit 2; }
command -v node >/dev/null && command -v npm >/dev/null || { echo "deploy/check.sh: Node.js and npm are needed" >&2; exit 2; }

# the validators, from the npm registry at the versions of package-lock.json
lock_sum="$(sha256sum "$checks/package-lock.json" | cut -d' ' -f1)"
if [ "$(cat "$checks/node_modules/.linli-lock" 2>/dev/null)" != "$lock_sum" ]; then
  (cd "$checks" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  echo "$lock_sum" > "$checks/node_modules/.linli-lock"
fi

# render_tree <kubernetes folder> <out folder>: out/local.yaml and out/production.yaml; the folder itself must render
# the production overlay (checked when a third argument "root" is given)
render_tree() {
  local tree="$1" out="$2" overlay name
  mkdir -p "$out"
  for overlay in overlays/local overlays/production ${3:+.}; do
    name="$(basename "$overlay")"; [ "$name" = . ] && name=root
    if ! kubectl kustomize "$tree/$overlay" > "$out/$name.render" 2> "$out/$name.err"; then
      echo "RENDER $overlay: $(head -c 600 "$out/$name.err")"
      return 1
    fi
  done
  if [ -n "${3:-}" ] && ! cmp -s "$out/root.render" "$out/production.render"; then
    echo "RENDER deploy/kubernetes does not render the production overlay"
    return 1
  fi
  mv "$out/local.render" "$out/local.yaml"; mv "$out/production.render" "$out/production.yaml"; rm -f "$out"/*.render "$out"/*.err
}
dev_key_args=()
for f in "$repo/linli-platform/src/main/resources/linli/dev-keys/jwt-public.pem" \
         "$repo/linli-infra/src/main/resources/linli/dev-keys/jwt-private.pem"; do
  [ -f "$f" ] && dev_key_args+=(--dev-key "$f")
done

if [ "${1:-}" != "--prove-it-fails" ]; then
  [ $# -eq 0 ] || { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
  ok=0
  if render_tree "$deploy/kubernetes" "$work/renders" root; then
    node "$checks/validate.mjs" "$work/renders/local.yaml" "$work/renders/production.yaml" "$deploy"/kubernetes/restore/*.yaml || ok=1
    node "$checks/policy.mjs" --repo "$repo" "${dev_key_args[@]}" "$work/renders/local.yaml" "$work/renders/production.yaml" || ok=1
  else
    ok=1
  fi
  node "$checks/compose.mjs" --repo "$repo" || ok=1
  if [ $ok -eq 0 ]; then
    echo "deploy/check.sh: deploy/kubernetes renders (itself, local, production) and every object is valid; deploy/compose holds together"
    exit 0
  fi
  echo "deploy/check.sh: FAILED" >&2
  exit 1
fi

# --prove-it-fails: each case copies the tree and breaks the copy one way (the first not at all). All copies are
# rendered (two at a time), validated together (one type-check for all) and policy-checked together; the check must
# pass the unbroken copy and fail every broken one.
cases=0; declare -a want what
tree=""
fresh() { # the copy: treeN/kubernetes and, beside it, treeN/grafana (the dashboard that kubernetes/base includes)
  tree="$work/tree$((cases + 1))/kubernetes"; mkdir -p "$work/tree$((cases + 1))"
  cp -r "$deploy/kubernetes" "$tree"; cp -r "$deploy/grafana" "$work/tree$((cases + 1))/grafana"
}
edit() { # edit <file in the copy> <JavaScript expression of the file's text s>, e.g. 's.replace("a", "b")' (first "a")
  node -e '
    const fs = require("node:fs");
    const [path, expression] = process.argv.slice(1);
    const s = fs.readFileSync(path, "utf8");
    const t = new Function("s", `return ${expression};`)(s);
    if (t === s) { console.error(`the edit changed nothing in ${path}`); process.exit(1); }
    fs.writeFileSync(path, t);' "$tree/$1" "$2"
}
case_() { cases=$((cases + 1)); want[$cases]="$1"; what[$cases]="$2"; }

fresh; case_ pass "an unbroken copy"

fresh; edit base/services/canteen-service.yaml 's.replace("revisionHistoryLimit: 5\n", "revisionHistoryLimit: five\n")'
case_ fail "a Deployment's revisionHistoryLimit as a string (wrong field type)"

fresh; edit base/services/points-service.yaml 's.replace("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: true\n            readOnlyRootFileSystem: true")'
case_ fail "a misspelt container field (unknown field of a built-in kind)"

fresh; edit base/kafka/kafka.yaml 's.replace("    version: 4.1.1\n", "    version: 4.1.1\n    replicas: 3\n")'
case_ fail "Kafka.spec.kafka.replicas (a field Strimzi v1 does not have)"

fresh; edit base/kafka/users.yaml 's.replace("operations: [Write, Describe]", "operation: Write")'
case_ fail "a KafkaUser ACL with v1beta2's 'operation' field"

fresh; edit base/kafka/topics.yaml 's.replace("kafka.strimzi.io/v1\n", "kafka.strimzi.io/v1beta2\n")'
case_ fail "a KafkaTopic in kafka.strimzi.io/v1beta2 (not served by the pinned Strimzi)"

fresh; edit base/postgres/clusters.yaml 's.replace("max_connections: \"200\"", "max_connections: 200")'
case_ fail "a CloudNativePG Cluster's PostgreSQL parameter as a number (wrong field type)"

fresh; edit base/postgres/scheduled-backups.yaml 's.replace("method: plugin", "method: barman")'
case_ fail "a ScheduledBackup method CloudNativePG does not know"

fresh; cp "$deploy/kubernetes/overlays/local/development-keys/jwt-public.pem" "$tree/jwt-public.pem"
edit base/kustomization.yaml 's + "configMapGenerator:\n  - name: linli-jwt\n    files: [jwt-public.pem=../jwt-public.pem]\n"'
case_ fail "a file outside the kustomization folder (kustomize's load restrictor)"

fresh; mkdir -p "$tree/overlays/production/keys"
cp "$deploy/kubernetes/overlays/local/development-keys/jwt-public.pem" "$tree/overlays/production/keys/"
edit overlays/production/kustomization.yaml 's + "secretGenerator:\n  - name: linli-jwt-public-key\n    namespace: linli\n    files: [jwt-public.pem=keys/jwt-public.pem]\n"'
case_ fail "the development JWT key in the production overlay"

fresh; edit overlays/production/kustomization.yaml 's.replace("patches:\n", "patches:\n  - target: { kind: Deployment }\n    patch: |-\n      - op: add\n        path: /spec/template/spec/containers/0/env/-\n        value: { name: QUARKUS_PROFILE, value: \"prod,local\" }\n")'
case_ fail "the local profile (development keys, development sign-in) in production"

fresh; edit base/services/resident-service.yaml 's.replace("limits: { cpu: \"2\", memory: 768Mi }", "limits: { cpu: \"2\", memory: 384Mi }")'
case_ fail "a memory limit below the measured RSS"

fresh; edit base/kafka/users.yaml 's.replace("name: linli.dashboard-service.dlq, patternType: literal }\n        operations: [Write, Describe]", "name: linli.points.events, patternType: literal }\n        operations: [Write, Describe]")'
case_ fail "dashboard-service allowed to write points-service's topic"

fresh; edit base/kafka/kafka.yaml 's.replace("      auto.create.topics.enable: false\n", "      auto.create.topics.enable: false\n      super.users: User:admin\n")'
case_ fail "a Kafka option Strimzi manages itself (super.users)"

fresh; edit base/kafka/users.yaml 's.replace("      - resource: { type: topic, name: linli.canteen.events, patternType: literal }\n        operations: [Read, Describe]\n", "")'
case_ fail "resident-service's KafkaUser without the topic its application.properties consumes"

fresh; edit base/network/default-deny.yaml 's.replace("policyTypes: [Ingress, Egress]\n---", "policyTypes: [Ingress]\n---")'
case_ fail "no default deny of egress"

fresh; edit base/monitoring/prometheus-rules.yaml 's.replace("(linli_outbox_parked_events) > 0", "(linli_outbox_parked) > 0")'
case_ fail "an alert rule naming a metric no service exposes"

fresh; edit ../grafana/linli-operations.json 's.replace("agroal_awaiting_count{", "agroal_waiting_count{")'
case_ fail "a dashboard panel naming a metric no service exposes"

fresh; edit base/monitoring/prometheus-rules.yaml 's.replace("runbook_url: deploy/README.md#servicedown", "runbook_url: deploy/README.md#service-down")'
case_ fail "an alert whose runbook_url names no section of deploy/README.md"

fresh; edit base/kafka/topics.yaml 's.replace("    retention.ms: -1\n", "    retention.ms: 604800000\n")'
case_ fail "an event topic that keeps events 7 days (a dashboard rebuilds a year)"

fresh; edit base/kafka/topics.yaml 's.replace("    cleanup.policy: delete\n", "    cleanup.policy: compact\n")'
case_ fail "a compacted event topic (an aggregate's history reduced to its last event)"

fresh; edit base/network/services.yaml 's.replace("        - { protocol: TCP, port: 4317 }\n", "        - { protocol: TCP, port: 4318 }\n")'
case_ fail "services that cannot reach the trace collector"

export -f render_tree
seq 1 "$cases" | xargs -P 2 -I{} bash -c 'render_tree "$1/tree$2/kubernetes" "$1/case$2" $([ "$2" = 1 ] && echo root) > "$1/case$2.render.out" 2>&1 || echo failed > "$1/case$2.render.status"' _ "$work" {}
rendered=()
for i in $(seq 1 "$cases"); do [ -f "$work/case$i.render.status" ] || rendered+=("$work/case$i"); done
if [ ${#rendered[@]} -gt 0 ]; then
  node "$checks/validate.mjs" --sets "${rendered[@]}"
  node "$checks/policy.mjs" --repo "$repo" "${dev_key_args[@]}" --sets "${rendered[@]}"
fi
passed=0; failed=0
for i in $(seq 1 "$cases"); do
  log="$work/case$i.log"; got=pass
  cat "$work/case$i.render.out" > "$log"
  if [ -f "$work/case$i.render.status" ]; then
    got=fail
  else
    cat "$work/case$i/validate.out" "$work/case$i/policy.out" >> "$log"
    [ "$(cat "$work/case$i/validate.status")" = valid ] || got=fail
    [ "$(cat "$work/case$i/policy.status")" = kept ] || got=fail
  fi
  if [ "$got" = "${want[$i]}" ]; then
    passed=$((passed + 1))
    evidence="$(grep -m1 -E '^(INVALID|POLICY|RENDER)' "$log" | sed "s|$work/||g" | cut -c1-160 || true)"
    echo "ok   ${what[$i]}: check ${got}ed${evidence:+ ($evidence)}"
  else
    failed=$((failed + 1))
    echo "FAIL ${what[$i]}: check ${got}ed, expected it to ${want[$i]}"; sed 's/^/     /' "$log" | head -20
  fi
done

# Compose: each broken copy of deploy/compose must fail compose.mjs
compose_case() { # compose_case <file in deploy/compose> <JavaScript expression of its text s> <what>
  local copy="$work/compose$((passed + failed))"
  cp -r "$deploy/compose" "$copy"
  tree="$copy" edit "$1" "$2"
  if node "$checks/compose.mjs" --repo "$repo" --compose "$copy/docker-compose.yml" > "$copy.log" 2>&1; then
    failed=$((failed + 1)); echo "FAIL $3: check passed, expected it to fail"
  else
    passed=$((passed + 1)); echo "ok   $3: check failed ($(head -1 "$copy.log" | cut -c1-160))"
  fi
}
compose_case docker-compose.yml 's.replace(/ +LINLI_PARTNER_CANTEEN_URL:.*\n/, "")' "Compose: the gateway without canteen-service's address"
compose_case docker-compose.yml 's.replace("KAFKA_AUTO_CREATE_TOPICS_ENABLE: \"false\"", "KAFKA_AUTO_CREATE_TOPICS_ENABLE: \"true\"")' "Compose: Kafka creating topics on first use"
compose_case docker-compose.yml 's.replace("      - kafka-data:/var/lib/kafka/data\n", "")' "Compose: Kafka's data in the container"
compose_case create-topics.sh 's.replace("END { flush() }", "END { }")' "Compose: the topics job missing a declared topic"

echo "deploy/check.sh --prove-it-fails: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 1 ]
