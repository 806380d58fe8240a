// What deploy/README.md promises of the rendered overlays, beyond their schemas.
//   node policy.mjs [--repo <dir>] [--dev-key <file>]... <local.yaml> <production.yaml>   exit 1 on a broken promise
//   node policy.mjs [--dev-key <file>]... --sets <dir>...  each folder's local.yaml and production.yaml (deploy/check.sh
//     --prove-it-fails): report to <dir>/policy.out, "kept" or "broken" to <dir>/policy.status
// The development key material is every Secret value of the local render (its generators hold only the public
// development keys) and the --dev-key files; none may appear in the production render, raw or base64-encoded.
// With --repo, each KafkaUser's ACLs are compared with what its service's code and configuration use (topics it
// consumes, its consumer groups, its dead-letter topics, the topics its outbox publishes to): no more, no less.
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
  // 4. every database has a nightly backup, in production; the ACLs match what the services use
  if (file === productionFile) {
    if (repo) aclDrift(objects, file, fail);
    for (const c of of("Cluster")) {
      if (!of("ScheduledBackup").some((b) => b.spec.cluster.name === c.metadata.name)) fail(name(c), "no ScheduledBackup");
      if (!(c.spec.plugins ?? []).some((p) => p.isWALArchiver)) fail(name(c), "no WAL archive (no point-in-time recovery)");
    }
  }
}

return problems;
}

const OK = `policy: restricted pods, memory from the measured figures, PDB + HPA + NetworkPolicy per Deployment, default deny, Kafka TLS + SCRAM + own-topic ACLs${repo ? " matching the services' sources" : ""}, production backups, no development key in production`;
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
