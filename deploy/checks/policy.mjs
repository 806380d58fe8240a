// What deploy/README.md promises of the rendered overlays, beyond their schemas.
//   node policy.mjs [--repo <dir>] [--dev-key <file>]... <local.yaml> <production.yaml>   exit 1 on a broken promise
//   node policy.mjs [--dev-key <file>]... --sets <dir>...  each folder's local.yaml and production.yaml (deploy/check.sh
//     --prove-it-fails): report to <dir>/policy.out, "kept" or "broken" to <dir>/policy.status
// The development key material is every Secret value of the local render (its generators hold only the public
// development keys) and the --dev-key files; none may appear in the production render, raw or base64-encoded.
// With --repo, each KafkaUser's ACLs are compared with what its service's code and configuration use (topics it
// consumes, its consumer groups, its dead-letter topics, the topics its outbox publishes to): no more, no less; and the
// monitoring is checked against the repository: every metric the PrometheusRule and the Grafana dashboard (the
// ConfigMap labelled grafana_dashboard) name is listed in checks/exposed-metrics.txt (which resident-service's
// MonitoringMetricsTest verifies against a running service) and every listed name is used, each alert has a severity
// and a runbook_url naming a section of deploy/README.md, and every service with /q/metrics is scraped.
// Traces: every Deployment exports them (OTEL_EXPORTER_OTLP_ENDPOINT) and a NetworkPolicy lets it reach the collector.
// Topics: each KafkaTopic says its role, its cleanup policy and its retention; event topics keep every event (never
// compacted, retention forever or at least 400 days: a dashboard rebuilds a year), dead letters at least 30 days.
import { readFileSync, writeFileSync, readdirSync, existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";

const args = process.argv.slice(2);
const devFiles = [];
let repo = null;
while (args[0] === "--dev-key" || args[0] === "--repo") {
  const [flag, value] = args.splice(0, 2);
  if (flag === "--repo") repo = value;
  else devFiles.push(value);
}
const setsMode = args[0] === "--sets";
const runs = setsMode
  ? args.slice(1).map((dir) => ({ dir, localFile: join(dir, "local.yaml"), productionFile: join(dir, "production.yaml") }))
  : [{ dir: null, localFile: args[0], productionFile: args[1] }];
if (runs.length === 0 || runs.some((r) => !r.localFile || !r.productionFile)) {
  console.error("usage: node policy.mjs [--dev-key <file>]... <local.yaml> <production.yaml> | --sets <dir>...");
  process.exit(2);
}
const load = (file) => parseAllDocuments(readFileSync(file, "utf8")).map((d) => d.toJS()).filter(Boolean);

const STRIMZI_FORBIDDEN = ["listeners", "advertised.", "broker.", "listener.", "host.name", "port", "inter.broker.listener.name",
  "sasl.", "ssl.", "security.", "password.", "log.dir", "zookeeper.connect", "zookeeper.set.acl", "zookeeper.ssl",
  "zookeeper.clientCnxnSocket", "authorizer.", "super.user", "cruise.control.metrics.topic",
  "cruise.control.metrics.reporter.bootstrap.servers", "node.id", "process.roles", "controller.", "metadata.log.dir",
  "zookeeper.metadata.migration.enable", "client.quota.callback.static.kafka.admin.", "client.quota.callback.static.produce",
  "client.quota.callback.static.fetch", "client.quota.callback.static.storage.per.volume.limit.min.available.",
  "client.quota.callback.static.excluded.principal.name.list", "prometheus.metrics.reporter."];
const STRIMZI_EXCEPTIONS = ["zookeeper.connection.timeout.ms", "sasl.server.max.receive.size", "ssl.cipher.suites", "ssl.protocol",
  "ssl.enabled.protocols", "ssl.secure.random.implementation", "cruise.control.metrics.topic.num.partitions",
  "cruise.control.metrics.topic.replication.factor", "cruise.control.metrics.topic.retention.ms",
  "cruise.control.metrics.topic.auto.create.retries", "cruise.control.metrics.topic.auto.create.timeout.ms",
  "cruise.control.metrics.topic.min.insync.replicas", "broker.session.timeout.ms", "broker.heartbeat.interval.ms",
  "controller.socket.timeout.ms", "controller.quorum.election.backoff.max.ms", "controller.quorum.election.timeout.ms",
  "controller.quorum.fetch.timeout.ms"];

// What each service's Kafka clients use, from its sources: application.properties (channels, groups, dead-letter
// topics) and the outbox's topic constants (`String TOPIC = "linli..."` in src/main/java).
function kafkaUse(dir) {
  const props = {};
  const file = join(dir, "src/main/resources/application.properties");
  if (!existsSync(file)) return null;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const m = /^([^#%!\s][^=]*?)\s*=\s*(.*)$/.exec(line.trim());
    if (m) props[m[1]] = m[2];
  }
  const use = { reads: new Set(), writes: new Set(), groups: new Set() };
  for (const [key, value] of Object.entries(props)) {
    if (/^mp\.messaging\.incoming\.[^.]+\.topics?$/.test(key)) value.split(",").map((t) => t.trim()).filter(Boolean).forEach((t) => use.reads.add(t));
    if (/^mp\.messaging\.incoming\.[^.]+\.group\.id$/.test(key)) use.groups.add(value.trim());
    if (/^mp\.messaging\.incoming\.[^.]+\.dead-letter-queue\.topic$/.test(key)) use.writes.add(value.trim());
    if (/^mp\.messaging\.outgoing\.[^.]+\.topic$/.test(key)) use.writes.add(value.trim());
  }
  const walk = (d) => readdirSync(d).flatMap((f) => statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]);
  const java = join(dir, "src/main/java");
  if (existsSync(java)) {
    for (const f of walk(java).filter((f) => f.endsWith(".java"))) {
      for (const m of readFileSync(f, "utf8").matchAll(/String TOPIC\w* = "(linli\.[^"]+)"/g)) use.writes.add(m[1]);
    }
  }
  use.channels = Object.keys(props).some((k) => k.startsWith("mp.messaging."));
  return use.reads.size + use.writes.size ? use : null;
}

function aclDrift(objects, where, fail) {
  const users = new Map(objects.filter((o) => o.kind === "KafkaUser").map((u) => [u.metadata.name, u]));
  const topics = new Set(objects.filter((o) => o.kind === "KafkaTopic").map((t) => t.metadata.name));
  const deployed = new Set(objects.filter((o) => o.kind === "Deployment").map((d) => d.metadata.name));
  for (const dir of readdirSync(repo).filter((d) => existsSync(join(repo, d, "pom.xml")))) {
    const use = kafkaUse(join(repo, dir));
    // a deployed service, or a module with Kafka channels of its own (a new service); not test harnesses
    if (!use || !(deployed.has(dir) || use.channels)) continue;
    const user = users.get(dir);
    if (!user) { fail(where, `${dir} uses Kafka but has no KafkaUser`); continue; }
    for (const t of [...use.reads, ...use.writes]) if (!topics.has(t)) fail(where, `${dir} uses topic ${t}, which is no KafkaTopic`);
    const granted = (type, op) => new Set(user.spec.authorization.acls
      .filter((a) => a.resource.type === type && (a.operations ?? []).includes(op) && (a.resource.patternType ?? "literal") === "literal")
      .map((a) => a.resource.name));
    const reads = granted("topic", "Read"), writes = granted("topic", "Write");
    const dlqs = [...use.writes].filter((t) => t.endsWith(".dlq"));
    for (const t of use.reads) if (!reads.has(t)) fail(`KafkaUser/${dir}`, `may not read ${t}, which ${dir} consumes (its application.properties)`);
    for (const t of use.writes) if (!writes.has(t)) fail(`KafkaUser/${dir}`, `may not write ${t}, which ${dir} publishes`);
    for (const t of reads) if (!use.reads.has(t) && !dlqs.includes(t)) fail(`KafkaUser/${dir}`, `may read ${t}, which ${dir} does not consume`);
    for (const t of writes) if (!use.writes.has(t)) fail(`KafkaUser/${dir}`, `may write ${t}, which ${dir} does not publish`);
    const groupAcls = user.spec.authorization.acls.filter((a) => a.resource.type === "group");
    for (const g of use.groups) {
      if (!groupAcls.some((a) => (a.operations ?? []).includes("Read") && (a.resource.patternType === "prefix" ? g.startsWith(a.resource.name) : g === a.resource.name))) {
        fail(`KafkaUser/${dir}`, `may not join consumer group ${g}`);
      }
    }
  }
}

// --- monitoring -----------------------------------------------------------------------------------------------
const ALERTS = ["OutboxBacklogGrowing", "OutboxEventParked", "DeadLettersGrowing", "ConsumerLagHigh",
  "CareAlertUnacknowledgedPastEscalation", "CareEscalationJobNotRunning", "HighErrorRate", "ServiceDown"];
const PROMQL_WORDS = new Set(["by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless",
  "offset", "inf", "nan", "atan2", "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values",
  "bottomk", "topk", "quantile", "limitk", "limit_ratio"]);
// The metric names of a PromQL expression: identifiers outside strings, label matchers, ranges and grouping clauses
// that are neither functions nor keywords (a Grafana variable like $job or $__rate_interval sits inside those).
export function metricNames(expr) {
  const s = expr.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, " ").replace(/\[[^\]]*\]/g, " ")
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, " ");
  const names = new Set();
  for (const m of s.matchAll(/(?<![\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)) {
    if (!m[2] && !PROMQL_WORDS.has(m[1])) names.add(m[1]);
  }
  return names;
}
const exprsOf = (node) => (Array.isArray(node) ? node.flatMap(exprsOf)
  : node && typeof node === "object" ? [...(typeof node.expr === "string" ? [node.expr] : []), ...Object.entries(node)
    .filter(([k]) => k !== "templating").flatMap(([, v]) => exprsOf(v))] : []);
// GitHub's anchor of a Markdown heading
const anchor = (heading) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, "").replace(/ /g, "-");

function monitoring(objects, where, fail) {
  const rules = objects.filter((o) => o.kind === "PrometheusRule");
  const dashboards = objects.filter((o) => o.kind === "ConfigMap" && o.metadata.labels?.grafana_dashboard === "1");
  if (rules.length === 0) fail(where, "no PrometheusRule");
  if (dashboards.length === 0) fail(where, "no Grafana dashboard ConfigMap (label grafana_dashboard: \"1\")");
  const readme = readFileSync(join(repo, "deploy/README.md"), "utf8");
  const sections = new Set([...readme.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchor(m[1])));
  const used = new Map(); // metric -> where
  const alerts = new Set();
  for (const r of rules) {
    for (const group of r.spec.groups ?? []) {
      for (const rule of group.rules ?? []) {
        const name = `PrometheusRule/${r.metadata.name} ${rule.alert ?? rule.record}`;
        for (const m of metricNames(String(rule.expr))) if (!used.has(m)) used.set(m, name);
        if (!rule.alert) continue;
        alerts.add(rule.alert);
        if (!["critical", "warning", "info"].includes(rule.labels?.severity)) fail(name, "has no severity label (critical, warning or info)");
        const runbook = /^deploy\/README\.md#(.+)$/.exec(rule.annotations?.runbook_url ?? "");
        if (!runbook) fail(name, "has no runbook_url naming a section of deploy/README.md (deploy/README.md#<section>)");
        else if (!sections.has(runbook[1])) fail(name, `runbook_url names #${runbook[1]}, which is no section of deploy/README.md`);
      }
    }
  }
  for (const a of ALERTS) if (!alerts.has(a)) fail(where, `no alert ${a} (deploy/README.md promises it)`);
  for (const d of dashboards) {
    for (const [file, text] of Object.entries(d.data ?? {})) {
      let dashboard;
      try {
        dashboard = JSON.parse(text);
      } catch (e) {
        fail(`ConfigMap/${d.metadata.name}`, `${file} is not JSON: ${e.message}`);
        continue;
      }
      if (!Array.isArray(dashboard.panels) || !dashboard.uid || !dashboard.title) fail(`ConfigMap/${d.metadata.name}`, `${file} is no Grafana dashboard (uid, title, panels)`);
      for (const expr of exprsOf(dashboard.panels ?? [])) for (const m of metricNames(expr)) if (!used.has(m)) used.set(m, `dashboard ${file}`);
    }
  }
  const listFile = join(repo, "deploy/checks/exposed-metrics.txt");
  const listed = new Set(readFileSync(listFile, "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#")));
  for (const [m, by] of used) if (!listed.has(m)) fail(by, `names the metric ${m}, which no service is known to expose (deploy/checks/exposed-metrics.txt, verified by resident-service's MonitoringMetricsTest)`);
  for (const m of listed) if (!used.has(m)) fail(listFile, `lists ${m}, which no alert rule or dashboard panel uses`);
  // every service with /q/metrics (the platform's Micrometer registry) is scraped
  const monitors = objects.filter((o) => o.kind === "PodMonitor");
  const scraped = (labels) => monitors.some((p) => (p.spec.podMetricsEndpoints ?? []).some((e) => e.path === "/q/metrics")
    && Object.entries(p.spec.selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v)
    && (p.spec.selector.matchExpressions ?? []).every((e) => e.operator === "In" ? e.values.includes(labels[e.key]) : e.operator === "Exists" ? e.key in labels : false));
  for (const d of objects.filter((o) => o.kind === "Deployment")) {
    const pom = join(repo, d.metadata.name, "pom.xml");
    if (existsSync(pom) && readFileSync(pom, "utf8").includes("<artifactId>linli-platform</artifactId>") && !scraped(d.spec.template.metadata.labels ?? {})) {
      fail(`Deployment/${d.metadata.name}`, "exposes /q/metrics but no PodMonitor scrapes it");
    }
  }
}

// --- topics: role and retention ----------------------------------------------------------------------------------
const DAY_MS = 24 * 3600 * 1000;
function topicRetention(objects, fail) {
  for (const t of objects.filter((o) => o.kind === "KafkaTopic")) {
    const name = `KafkaTopic/${t.metadata.name}`;
    const config = t.spec.config ?? {};
    if (!t.metadata.annotations?.["linli.org/role"]) fail(name, "does not say its role (annotation linli.org/role)");
    if (config["cleanup.policy"] === undefined || config["retention.ms"] === undefined) fail(name, "does not declare its cleanup.policy and retention.ms");
    const retention = Number(config["retention.ms"]);
    if (t.metadata.name.endsWith(".dlq")) {
      if (retention !== -1 && retention < 30 * DAY_MS) fail(name, "keeps dead letters less than 30 days (time to notice, fix and replay)");
    } else {
      if (String(config["cleanup.policy"]).includes("compact")) fail(name, "is compacted: events are an aggregate's history, compaction keeps only its last event");
      if (retention !== -1 && retention < 400 * DAY_MS) fail(name, "keeps events less than 400 days (a dashboard rebuilds a year from the topics)");
    }
  }
}

function check({ localFile, productionFile }) {
const problems = [];
const fail = (where, what) => problems.push(`${where}: ${what}`);

// 1. the production render holds no development key material
const production = readFileSync(productionFile, "utf8");
const flat = production.replace(/\s+/g, "");
const material = [];
for (const secret of load(localFile).filter((o) => o.kind === "Secret")) {
  for (const v of Object.values(secret.data ?? {})) material.push(Buffer.from(v.replace(/\s+/g, ""), "base64").toString("utf8"));
  for (const v of Object.values(secret.stringData ?? {})) material.push(v);
}
for (const f of devFiles) material.push(readFileSync(f, "utf8"));
if (material.length === 0) fail(localFile, "no development key found to look for");
for (const value of material) {
  const body = value.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, "");
  const b64 = Buffer.from(value).toString("base64");
  if (body.length < 16) continue;
  if (flat.includes(body) || flat.includes(b64.slice(0, 40)) || flat.includes(body.slice(0, 40))) {
    fail(productionFile, `contains development key material (${body.slice(0, 12)}...)`);
  }
}
for (const marker of ["https://linli.dev/development-issuer\n", "linli.org/development-only", "prod,local"]) {
  // the issuer may appear only inside the refuse-development-keys comparison
  const hits = production.split(marker.trim()).length - 1;
  const allowed = marker.startsWith("https://") ? (production.match(/!= https:\/\/linli\.dev\/development-issuer/g) ?? []).length : 0;
  if (hits > allowed) fail(productionFile, `mentions ${marker.trim()} outside the development-key refusal`);
}

for (const [file, objects] of [[localFile, load(localFile)], [productionFile, load(productionFile)]]) {
  const of = (kind) => objects.filter((o) => o.kind === kind);
  const name = (o) => `${o.kind}/${o.metadata.name}`;
  // 2. restricted Pod Security, resources from the measured figures
  const ns = of("Namespace").find((n) => n.metadata.name === "linli");
  if (ns?.metadata.labels?.["pod-security.kubernetes.io/enforce"] !== "restricted") fail(file, "namespace linli does not enforce the restricted Pod Security Standard");
  for (const d of of("Deployment")) {
    const pod = d.spec.template.spec;
    if (pod.securityContext?.runAsNonRoot !== true || pod.securityContext?.seccompProfile?.type !== "RuntimeDefault") fail(name(d), "pod is not runAsNonRoot with the RuntimeDefault seccomp profile");
    for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
      const sc = c.securityContext ?? {};
      if (sc.allowPrivilegeEscalation !== false || !(sc.capabilities?.drop ?? []).includes("ALL")) fail(name(d), `container ${c.name} may escalate privileges or keeps capabilities`);
      if (!c.resources?.requests?.memory || !c.resources?.limits?.memory) fail(name(d), `container ${c.name} has no memory request and limit`);
    }
    const main = pod.containers[0];
    const mib = (q) => { const m = /^(\d+)(Mi|Gi)$/.exec(q ?? ""); return m ? Number(m[1]) * (m[2] === "Gi" ? 1024 : 1) : 0; };
    if (mib(main.resources?.limits?.memory) < 640) fail(name(d), "memory limit below the 620 MiB RSS measured under overload (benchmarks/README.md)");
    if (mib(main.resources?.requests?.memory) < 384) fail(name(d), "memory request below the 351-389 MiB RSS measured after load (benchmarks/README.md)");
    const selects = (o) => Object.entries(o.spec?.selector?.matchLabels ?? o.spec?.podSelector?.matchLabels ?? {}).every(([k, v]) => d.spec.template.metadata.labels[k] === v);
    if (!of("PodDisruptionBudget").some(selects)) fail(name(d), "no PodDisruptionBudget");
    if (!of("HorizontalPodAutoscaler").some((h) => h.spec.scaleTargetRef.name === d.metadata.name)) fail(name(d), "no HorizontalPodAutoscaler");
    if (!of("NetworkPolicy").some((p) => Object.keys(p.spec.podSelector.matchLabels ?? {}).length && selects(p))) fail(name(d), "no NetworkPolicy of its own");
    // traces: exported to the collector the NetworkPolicies let it reach
    const appLabel = d.spec.template.metadata.labels.app;
    const selectsPod = (p) => selects(p) && (p.spec.podSelector.matchExpressions ?? []).every((e) => e.operator === "In" && e.values.includes(appLabel));
    if (!(main.env ?? []).some((e) => e.name === "OTEL_EXPORTER_OTLP_ENDPOINT")) fail(name(d), "exports no traces (OTEL_EXPORTER_OTLP_ENDPOINT)");
    if (!of("NetworkPolicy").some((p) => selectsPod(p) && (p.spec.egress ?? []).some((r) => (r.ports ?? []).some((port) => port.port === 4317)))) fail(name(d), "may not reach the trace collector (egress to 4317)");
  }
  if (!of("NetworkPolicy").some((p) => Object.keys(p.spec.podSelector).length === 0 && p.spec.policyTypes.includes("Ingress") && p.spec.policyTypes.includes("Egress") && !p.spec.ingress && !p.spec.egress)) fail(file, "no default-deny NetworkPolicy");
  // 3. Kafka: TLS and authentication on every listener, ACLs that keep each service to its own topics
  for (const k of of("Kafka")) {
    for (const l of k.spec.kafka.listeners) if (!l.tls || !l.authentication) fail(name(k), `listener ${l.name} without TLS and authentication`);
    if (k.spec.kafka.authorization?.type !== "simple") fail(name(k), "no ACL authorization");
    // Strimzi 1.0.1 refuses these broker options (KafkaClusterSpec.FORBIDDEN_PREFIXES and its exceptions)
    for (const option of Object.keys(k.spec.kafka.config ?? {})) {
      if (STRIMZI_FORBIDDEN.some((p) => option.startsWith(p)) && !STRIMZI_EXCEPTIONS.includes(option)) fail(name(k), `config ${option} is set by Strimzi, not by you`);
    }
  }
  const topics = new Set(of("KafkaTopic").map((t) => t.metadata.name));
  for (const u of of("KafkaUser")) {
    const own = u.metadata.name.replace(/-service$/, "");
    for (const acl of u.spec.authorization.acls) {
      if (acl.resource.type === "topic" && !topics.has(acl.resource.name)) fail(name(u), `ACL on ${acl.resource.name}, which is no KafkaTopic`);
      const writes = (acl.operations ?? []).some((op) => ["Write", "Create", "Delete", "Alter", "All"].includes(op));
      if (acl.resource.type === "topic" && writes && !(acl.resource.name.startsWith(`linli.${own}.`) || acl.resource.name === `linli.${u.metadata.name}.dlq`)) {
        fail(name(u), `may write ${acl.resource.name}, which it does not own`);
      }
      if (acl.resource.type === "group" && !acl.resource.name.startsWith(u.metadata.name)) fail(name(u), `may join group ${acl.resource.name}`);
      if (acl.resource.type === "cluster" || (acl.operations ?? []).includes("All")) fail(name(u), "holds a cluster-wide or All ACL");
    }
  }
  topicRetention(objects, fail);
  // 4. every database has a nightly backup, in production; the ACLs match what the services use; monitoring
  if (file === productionFile) {
    if (repo) aclDrift(objects, file, fail);
    if (repo) monitoring(objects, file, fail);
    for (const c of of("Cluster")) {
      if (!of("ScheduledBackup").some((b) => b.spec.cluster.name === c.metadata.name)) fail(name(c), "no ScheduledBackup");
      if (!(c.spec.plugins ?? []).some((p) => p.isWALArchiver)) fail(name(c), "no WAL archive (no point-in-time recovery)");
    }
  }
}

return problems;
}

const OK = `policy: restricted pods, memory from the measured figures, PDB + HPA + NetworkPolicy per Deployment, default deny, Kafka TLS + SCRAM + own-topic ACLs${repo ? " matching the services' sources" : ""}, topic roles and retention, production backups, no development key in production${repo ? ", alerts and dashboard naming only exposed metrics, with runbooks" : ""}`;
let broken = false;
for (const run of runs) {
  let problems;
  try {
    problems = check(run);
  } catch (e) {
    problems = [`${run.productionFile}: could not be checked (${e.message}); the schema check says why`];
  }
  const text = (problems.length ? problems.map((p) => `POLICY ${p}`).join("\n") : OK) + "\n";
  if (setsMode) {
    writeFileSync(join(run.dir, "policy.out"), text);
    writeFileSync(join(run.dir, "policy.status"), problems.length ? "broken\n" : "kept\n");
  } else {
    process.stdout.write(text);
    broken ||= problems.length > 0;
  }
}
process.exit(broken ? 1 : 0);
