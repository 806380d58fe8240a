// Extracts the openAPIV3Schema of one served version of each CustomResourceDefinition from an operator's released
// CRD YAML into schemas/<group>/<version>/<Kind>.json (what validate.mjs reads). Run by hand when a pinned operator
// version changes (see schemas/SOURCES.md for where each YAML came from):
//   node vendor-crd-schemas.mjs <version> <crd.yaml>...
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const [version, ...files] = process.argv.slice(2);
if (!version || files.length === 0) {
  console.error("usage: node vendor-crd-schemas.mjs <version> <crd.yaml>...");
  process.exit(2);
}
for (const file of files) {
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    const crd = doc.toJS();
    if (!crd || crd.kind !== "CustomResourceDefinition") continue;
    const served = crd.spec.versions.find((v) => v.name === version && v.served);
    if (!served) throw new Error(`${file}: ${crd.metadata.name} does not serve ${version}`);
    const dir = new URL(`./schemas/${crd.spec.group}/${version}/`, import.meta.url);
    mkdirSync(dir, { recursive: true });
    writeFileSync(new URL(`${crd.spec.names.kind}.json`, dir), JSON.stringify(served.schema.openAPIV3Schema) + "\n");
    console.log(`${crd.spec.group}/${version} ${crd.spec.names.kind} <- ${file}`);
  }
}
