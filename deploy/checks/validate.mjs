// Validates rendered Kubernetes manifests (multi-document YAML) against schemas:
// - built-in kinds: the validators of npm's kubernetes-models (generated from the Kubernetes OpenAPI schema: types,
//   formats, required fields), then TypeScript's excess-property check against the same package's type declarations
//   (an unknown field, e.g. a typo, fails, as `kubectl apply` with server-side strict field validation would);
// - custom resources: the openAPIV3Schema of the operators' released CRDs at the pinned versions, vendored in
//   schemas/ (schemas/SOURCES.md), with unknown fields refused where the schema does not preserve them (the API
//   server's strict field validation) and metadata checked as a built-in ObjectMeta. (CEL rules,
//   x-kubernetes-validations, are not evaluated.)
// An object of a kind that has no schema here fails: nothing passes unchecked.
//   node validate.mjs <file>...        one set of files; exit 0 if every object is valid, 1 if not, 2 on misuse
//   node validate.mjs --sets <dir>...  each folder's *.yaml files are one set (deploy/check.sh --prove-it-fails): its
//                                      report goes to <dir>/validate.out, "valid" or "invalid" to <dir>/validate.status;
//                                      an object found in several sets is checked once
import { readFileSync, writeFileSync, mkdtempSync, rmSync, existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { parseAllDocuments } from "yaml";
import Ajv from "ajv";
import { validate as validateObjectMeta } from "@kubernetes-models/apimachinery/_schemas/IoK8sApimachineryPkgApisMetaV1ObjectMeta";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const setsMode = args[0] === "--sets";
const sets = setsMode
  ? args.slice(1).map((dir) => ({ dir, files: readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort().map((f) => join(dir, f)) }))
  : [{ dir: null, files: args }];
if (sets.length === 0 || sets.some((set) => set.files.length === 0)) {
  console.error("usage: node validate.mjs <rendered.yaml>... | --sets <dir>...");
  process.exit(2);
}

// --- custom resources: the operators' CRD schemas ---------------------------------------------------------------
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
for (const f of ["int32", "int64", "float", "double", "byte", "binary", "date-time", "date", "duration", "password"]) {
  ajv.addFormat(f, true); // OpenAPI type annotations; Kubernetes itself checks none of them on custom resources
}
// A CRD's patterns are Go (RE2) regular expressions; the one Go-only construct in the vendored schemas is the
// case-insensitive flag "(?i)" (prometheus-operator's partial_response_strategy), written here as letter classes.
function goPattern(pattern) {
  if (!pattern.includes("(?i)")) return pattern;
  const [before, after] = [pattern.slice(0, pattern.indexOf("(?i)")), pattern.slice(pattern.indexOf("(?i)") + 4)];
  return before + after.replace(/\\.|\[[^\]]*\]|[a-zA-Z]/g, (t) => (t.length === 1 ? `[${t.toLowerCase()}${t.toUpperCase()}]` : t));
}
function strict(schema) {
  // The API server refuses unknown fields of a custom resource (strict field validation) unless the schema keeps them.
  if (Array.isArray(schema)) return schema.map(strict);
  if (!schema || typeof schema !== "object") return schema;
  const out = {};
  for (const [k, v] of Object.entries(schema)) {
    out[k] = k === "properties" ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, strict(s)]))
      : k === "pattern" && typeof v === "string" ? goPattern(v) : strict(v);
  }
  if (out.properties && out.additionalProperties === undefined && !out["x-kubernetes-preserve-unknown-fields"]) {
    out.additionalProperties = false;
  }
  return out;
}
const crdValidators = new Map();
function crdValidator(apiVersion, kind) {
  const key = `${apiVersion}/${kind}`;
  if (!crdValidators.has(key)) {
    const path = join(here, "schemas", apiVersion, `${kind}.json`);
    let validator = null;
    if (existsSync(path)) {
      const schema = strict(JSON.parse(readFileSync(path, "utf8")));
      schema.properties.metadata = { type: "object" }; // an ObjectMeta, checked as a built-in below
      validator = ajv.compile(schema);
    }
    crdValidators.set(key, validator);
  }
  return crdValidators.get(key);
}
const ajvMessage = (e) => `${e.instancePath || "/"} ${e.message ?? `${e.keyword} ${JSON.stringify(e.params)}`}`
  + (e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : "")
  + (e.params?.allowedValues ? ` ${JSON.stringify(e.params.allowedValues)}` : "");

// --- one object: its problems, and what TypeScript should check of it --------------------------------------------
const OBJECT_META = { module: "@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta", type: "IIoK8sApimachineryPkgApisMetaV1ObjectMeta" };
async function checkObject(object) {
  const problems = [];
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== "string" || typeof kind !== "string") return { problems: ["no apiVersion or kind"], typed: null };
  const crd = crdValidator(apiVersion, kind);
  if (crd) {
    if (!crd(object)) problems.push(...crd.errors.map(ajvMessage));
    if (!validateObjectMeta(object.metadata ?? {})) problems.push(...validateObjectMeta.errors.map((e) => `/metadata${ajvMessage(e)}`));
    return { problems, typed: { ...OBJECT_META, value: object.metadata ?? {} } };
  }
  if (apiVersion.includes(".") && !apiVersion.includes(".k8s.io/")) {
    return { problems: [`no schema for ${apiVersion} ${kind} (vendor its CRD schema: schemas/SOURCES.md)`], typed: null };
  }
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const module = `kubernetes-models/${group ? `${group}/` : ""}${version}/${kind}`;
  let Model;
  try {
    Model = (await import(module))[kind];
  } catch {
    Model = undefined;
  }
  if (!Model) return { problems: [`no schema for ${apiVersion} ${kind} in kubernetes-models`], typed: null };
  // The API server decodes a Secret's base64 values ignoring line breaks (Go's decoder does); kustomize wraps them.
  const checked = kind === "Secret" && apiVersion === "v1" && object.data
    ? { ...object, data: Object.fromEntries(Object.entries(object.data).map(([k, v]) => [k, typeof v === "string" ? v.replace(/[\r\n]/g, "") : v])) }
    : object;
  try {
    new Model(checked).validate();
  } catch (e) {
    problems.push(e.message);
  }
  return { problems, typed: { module, type: `I${kind}`, value: object } };
}

const checkedObjects = new Map(); // JSON text -> { problems, typed }
const results = [];
for (const set of sets) {
  const result = { ...set, problems: [], objects: [] };
  for (const file of set.files) {
    for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
      if (doc.errors.length) {
        result.problems.push(`${file}: YAML: ${doc.errors.map((e) => e.message).join("; ")}`);
        continue;
      }
      const object = doc.toJS();
      if (object == null) continue;
      const json = JSON.stringify(object);
      if (!checkedObjects.has(json)) checkedObjects.set(json, await checkObject(object));
      const label = `${file}: ${object.kind}/${object.metadata?.name}`;
      result.objects.push({ label, json });
    }
  }
  results.push(result);
}

// --- unknown fields of built-in kinds (and of every object's metadata): TypeScript's excess-property check --------
// One program, one declaration per distinct object (the type declarations are read once).
{
  const dir = mkdtempSync(join(tmpdir(), "linli-deploy-check-"));
  try {
    const lines = [];
    const jsonOfLine = [];
    const imports = new Map();
    const typedObjects = [...checkedObjects.entries()].filter(([, c]) => c.typed);
    for (const [, { typed }] of typedObjects) {
      const key = `${typed.module}#${typed.type}`;
      if (!imports.has(key)) imports.set(key, `T${imports.size}`);
    }
    for (const [key, alias] of imports) {
      const [module, type] = key.split("#");
      lines.push(`import type { ${type} as ${alias} } from "${module}";`);
    }
    typedObjects.forEach(([json, { typed }], i) => {
      const body = JSON.stringify(typed.value, null, 1).split("\n");
      const start = lines.length;
      lines.push(`export const o${i}: ${imports.get(`${typed.module}#${typed.type}`)} = ${body[0]}`, ...body.slice(1));
      lines[lines.length - 1] += ";";
      for (let l = start; l < lines.length; l++) jsonOfLine[l] = json;
    });
    const source = join(dir, "objects.ts");
    writeFileSync(source, lines.join("\n") + "\n");
    const ts = require("typescript");
    const program = ts.createProgram([source], {
      noEmit: true, strict: true, skipLibCheck: true, types: [],
      module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022,
      // the source lies in a temporary folder: resolve packages from deploy/checks/node_modules
      baseUrl: here, typeRoots: [], paths: { "*": [join(here, "node_modules", "*")] },
    });
    for (const d of ts.getPreEmitDiagnostics(program)) {
      const message = ts.flattenDiagnosticMessageText(d.messageText, " ");
      if (d.file && d.file.fileName === source) {
        const { line } = d.file.getLineAndCharacterOfPosition(d.start);
        const checked = checkedObjects.get(jsonOfLine[line]);
        if (checked) checked.problems.push(`${lines[line].trim().slice(0, 80)}: ${message}`);
        else for (const result of results) result.problems.push(`type check: ${message}`);
      } else {
        for (const result of results) result.problems.push(`type check: ${message}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(result) {
  const problems = [...result.problems];
  for (const { label, json } of result.objects) for (const p of checkedObjects.get(json).problems) problems.push(`${label}: ${p}`);
  const lines = problems.map((p) => `INVALID ${p}`);
  lines.push(problems.length
    ? `${result.objects.length} objects, ${problems.length} problems`
    : `${result.objects.length} objects valid (built-in kinds by kubernetes-models and its types, custom resources by the vendored CRD schemas)`);
  return { text: lines.join("\n") + "\n", valid: problems.length === 0 };
}
if (setsMode) {
  for (const result of results) {
    const { text, valid } = report(result);
    writeFileSync(join(result.dir, "validate.out"), text);
    writeFileSync(join(result.dir, "validate.status"), valid ? "valid\n" : "invalid\n");
  }
  process.exit(0);
}
const { text, valid } = report(results[0]);
process.stdout.write(text);
process.exit(valid ? 0 : 1);
