// What deploy/compose/docker-compose.yml promises (a Compose file has no schema check of its own here: no engine).
//   node compose.mjs --repo <dir> [--compose <file>]    exit 1 on a broken promise
// - every Deployment of deploy/kubernetes/base/services has a Compose service of the same name with a health check;
//   PostgreSQL and Kafka keep their data on volumes; the mailbox the run command starts is there;
// - Kafka creates no topic by itself; the "topics" job runs deploy/compose/create-topics.sh on the one declaration
//   (deploy/kubernetes/base/kafka/topics.yaml), its reading of that file names every KafkaTopic with its partitions and
//   config, and every service that talks to Kafka waits for the job;
// - each service address a Kubernetes Deployment sets (LINLI_*_URL: http://<service>) is set in Compose to the same
//   service (a missing one falls back to localhost inside the container and fails at the first call).
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { execFileSync } from "node:child_process";
import { parse, parseAllDocuments } from "yaml";

const args = process.argv.slice(2);
let repo = null;
let composeFile = null;
while (args.length) {
  const [flag, value] = args.splice(0, 2);
  if (flag === "--repo") repo = value;
  else if (flag === "--compose") composeFile = value;
  else { console.error("usage: node compose.mjs --repo <dir> [--compose <file>]"); process.exit(2); }
}
if (!repo) { console.error("usage: node compose.mjs --repo <dir> [--compose <file>]"); process.exit(2); }
composeFile ??= join(repo, "deploy/compose/docker-compose.yml");

const problems = [];
const fail = (where, what) => problems.push(`COMPOSE ${where}: ${what}`);
const compose = parse(readFileSync(composeFile, "utf8"), { merge: true }); // Compose resolves "<<:" merge keys
const services = compose.services ?? {};
const env = (s) => {
  const e = services[s]?.environment ?? {};
  return Array.isArray(e) ? Object.fromEntries(e.map((kv) => kv.split(/=(.*)/s).slice(0, 2))) : e;
};
const waitsFor = (s, other, condition) => {
  const d = services[s]?.depends_on ?? {};
  return Array.isArray(d) ? condition === "service_started" && d.includes(other) : d[other]?.condition === condition;
};

// 1. the run command's processes, each with a health check, data on volumes
const deployments = readdirSync(join(repo, "deploy/kubernetes/base/services"))
  .flatMap((f) => parseAllDocuments(readFileSync(join(repo, "deploy/kubernetes/base/services", f), "utf8")).map((d) => d.toJS()))
  .filter((o) => o?.kind === "Deployment");
for (const d of deployments) {
  const name = d.metadata.name;
  if (!services[name]) { fail(name, "is deployed to Kubernetes but missing from Compose"); continue; }
  if (!services[name].healthcheck) fail(name, "has no health check");
  for (const e of d.spec.template.spec.containers[0].env ?? []) {
    const target = /^http:\/\/([a-z-]+)/.exec(e.value ?? "");
    if (!/^LINLI_\w+_URL$/.test(e.name) || !target) continue;
    const given = env(name)[e.name];
    if (!given) fail(name, `does not set ${e.name} (Kubernetes: ${e.value}); it would call localhost inside its container`);
    else if (!String(given).startsWith(`http://${target[1]}:`)) fail(name, `sets ${e.name} to ${given}, not to ${target[1]}`);
  }
}
for (const infra of ["postgres", "kafka", "mailbox"]) {
  if (!services[infra]) fail(infra, "is missing");
  else if (!services[infra].healthcheck) fail(infra, "has no health check");
}
for (const [name, path] of [["postgres", "/var/lib/postgresql/data"], ["kafka", env("kafka").KAFKA_LOG_DIRS]]) {
  const volumes = (services[name]?.volumes ?? []).map(String);
  if (!path || !volumes.some((v) => v.endsWith(`:${path}`) && !v.startsWith(".") && !v.startsWith("/"))) {
    fail(name, `keeps its data (${path ?? "no data directory set"}) in the container, not on a named volume`);
  }
}
const mailer = env("resident-service");
if (String(mailer.LINLI_NOTICES_EMAIL_ENABLED) !== "true" || mailer.QUARKUS_MAILER_HOST !== "mailbox") {
  fail("resident-service", "does not send care-alert e-mails to the mailbox");
}
if (env("partner-gateway").QUARKUS_MAILER_HOST !== "mailbox") fail("partner-gateway", "does not send its pause notices to the mailbox");

// 2. topics: declared, never auto-created
if (String(env("kafka").KAFKA_AUTO_CREATE_TOPICS_ENABLE) !== "false") fail("kafka", "creates topics on first use (KAFKA_AUTO_CREATE_TOPICS_ENABLE is not \"false\")");
const job = services.topics;
const declared = join(repo, "deploy/kubernetes/base/kafka/topics.yaml");
const script = join(dirname(composeFile), "create-topics.sh");
if (!job) {
  fail("topics", "no job creates the declared topics");
} else {
  const mounts = (job.volumes ?? []).map(String);
  if (!mounts.some((v) => v.startsWith("../kubernetes/base/kafka/topics.yaml:"))) fail("topics", "does not read deploy/kubernetes/base/kafka/topics.yaml");
  if (!mounts.some((v) => v.startsWith("./create-topics.sh:"))) fail("topics", "does not run create-topics.sh");
  const kafkaTopics = parseAllDocuments(readFileSync(declared, "utf8")).map((d) => d.toJS()).filter((o) => o?.kind === "KafkaTopic");
  let read = [];
  try {
    read = execFileSync("sh", [script, declared, "--print"], { encoding: "utf8" }).trim().split("\n").map((l) => l.split(" "));
  } catch (e) {
    fail("topics", `create-topics.sh cannot read the declaration: ${e.message}`);
  }
  const byName = new Map(read.map(([name, partitions, configs]) => [name, { partitions: Number(partitions), configs: configs ?? "" }]));
  for (const t of kafkaTopics) {
    const got = byName.get(t.metadata.name);
    if (!got) { fail("topics", `create-topics.sh does not create ${t.metadata.name}`); continue; }
    if (got.partitions !== t.spec.partitions) fail("topics", `creates ${t.metadata.name} with ${got.partitions} partitions, declared ${t.spec.partitions}`);
    const configs = Object.fromEntries(got.configs.split(",").filter(Boolean).map((kv) => kv.split("=")));
    for (const [key, value] of Object.entries(t.spec.config ?? {})) {
      if (key !== "min.insync.replicas" && configs[key] !== String(value)) fail("topics", `creates ${t.metadata.name} with ${key}=${configs[key]}, declared ${value}`);
    }
  }
  for (const name of byName.keys()) if (!kafkaTopics.some((t) => t.metadata.name === name)) fail("topics", `creates ${name}, which is not declared`);
  for (const [name, s] of Object.entries(services)) {
    if (env(name).KAFKA_BOOTSTRAP_SERVERS && !waitsFor(name, "topics", "service_completed_successfully")) {
      fail(name, "talks to Kafka but does not wait for the topics job (service_completed_successfully)");
    }
  }
}

process.stdout.write(problems.length ? problems.join("\n") + "\n"
  : "compose: every deployed service with a health check, data on volumes, the mailbox, the declared topics, every service address set\n");
process.exit(problems.length ? 1 : 0);
