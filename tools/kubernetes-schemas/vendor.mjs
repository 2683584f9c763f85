// Writes the strict simulated API server's validators: for each kind of kinds.json, the validate
// function that its package generated (kubernetes-models from the official Kubernetes OpenAPI
// document, the third-party packages from each project's CRDs), bundled with server.mjs into one file
// with no dependencies, plus a manifest naming each package, its version and its kinds.
// Usage: npm ci --ignore-scripts && npm run vendor   (writes into ../../kubernetes-strict/src/main/resources)
import { copyFileSync, readFileSync, writeFileSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "../../kubernetes-strict/src/main/resources/dev/rollwatch/kubernetes/strict");
const kinds = JSON.parse(readFileSync(join(here, "kinds.json"), "utf8"));
const require = createRequire(import.meta.url);

const imports = [];
const entries = [];
const manifest = { packages: {}, kinds: [] };
let n = 0;
for (const [pkg, list] of Object.entries(kinds)) {
  const pkgDir = dirname(require.resolve(`${pkg}/package.json`));
  manifest.packages[pkg] = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")).version;
  for (const typeId of list) {
    const parts = typeId.split("/");
    const kind = parts.pop();
    const apiVersion = parts.join("/");
    // The model module names the generated validator it registers: import that validator directly.
    const modelFile = join(pkgDir, apiVersion === "v1" ? "v1" : apiVersion, `${kind}.js`);
    const model = readFileSync(modelFile, "utf8");
    const schema = /import\{validate\}from"([^"]+_schemas\/[^"]+)"/.exec(model);
    if (!schema) throw new Error(`${typeId}: no validator import in ${modelFile}`);
    const schemaFile = join(dirname(modelFile), schema[1]);
    imports.push(`import { validate as v${n} } from ${JSON.stringify(schemaFile)};`);
    entries.push(`  ${JSON.stringify(`${apiVersion}/${kind}`)}: v${n},`);
    manifest.kinds.push({ apiVersion, kind, package: pkg, schema: relative(pkgDir, schemaFile) });
    n++;
  }
}
const generated = join(here, "validators.generated.mjs");
writeFileSync(generated, `${imports.join("\n")}\nexport const validators = {\n${entries.join("\n")}\n};\n`);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(here, "server.mjs")],
  bundle: true,
  platform: "node",
  // CommonJS, so that re2-wasm finds its re2.wasm beside the bundle (__dirname), copied there below.
  format: "cjs",
  target: "node18",
  minify: true,
  legalComments: "eof",
  outfile: join(out, "kubernetes-validators.cjs"),
});
// The generated validators check CRD patterns with RE2 (the API server's regular expressions), compiled to wasm.
copyFileSync(join(dirname(require.resolve("re2-wasm/package.json")), "build/wasm/re2.wasm"), join(out, "re2.wasm"));
manifest.node = ">=18";
writeFileSync(join(out, "kubernetes-schemas.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(`Vendored ${manifest.kinds.length} kinds from ${Object.keys(manifest.packages).length} packages into ${relative(process.cwd(), out)}`);
