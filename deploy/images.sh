#!/usr/bin/env bash
# Builds the six service images with Jib (Quarkus's container-image-jib extension) on a machine WITHOUT a Docker engine,
# and proves what was built. Needs only Debian packages (mmdebstrap, skopeo, docker-registry, jq, curl and iproute2,
# installed here if missing; run as root), Maven Central and the Debian mirror: no Docker Hub, Quay or Red Hat registry.
#
#   1. a base image built here from Debian bookworm packages (openjdk-17-jre-headless, ca-certificates, tzdata) with
#      mmdebstrap: one layer, user 185, cached under $LINLI_IMAGE_CACHE (default /var/tmp/linli-images) and rebuilt
#      when this recipe changes, when it is older than 7 days (Debian security updates) or with --rebuild-base;
#   2. a local registry (Debian's docker-registry, distribution 2.8) on 127.0.0.1:5050, storage in the cache, started
#      and stopped by this script (--keep-registry leaves it running);
#   3. `./mvnw package -pl <six services> -am` with quarkus.container-image.push=true: Jib pulls the base from the local
#      registry and pushes linli/<service>:<version> there (the names and tag of deploy/kubernetes);
#   4. proof: every image's configuration (user 185, port 8080, the entry point, working directory /app), that it sits on
#      the base, and that its layers hold this build's target/quarkus-app (the lib/main jars by name, quarkus-run.jar
#      byte for byte); every image named in deploy/kubernetes is one of them. All six are copied into one OCI layout,
#      target/images/oci (base layers stored once), and a table of sizes is printed;
#   5. a run without a container runtime: neighbourhood-app's layers unpacked and its entry point started as 185 in
#      namespaces of its own (read-only root, tmpfs /tmp); it must answer /q/health/live.
#
#   bash deploy/images.sh                        build, push to the local registry, prove
#   bash deploy/images.sh --push REGISTRY/PATH   ... then copy the proven images (same digests) to a real registry with
#                                                skopeo: credentials from `skopeo login` or LINLI_PUSH_CREDS=user:password
#   options: --rebuild-base, --keep-registry; LINLI_IMAGE_TAG (default: the project version without -SNAPSHOT),
#            LINLI_MVN_LOCK=<file> runs Maven under flock <file>, LINLI_DEBIAN_MIRROR / LINLI_DEBIAN_SECURITY_MIRROR.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

services=(resident-service points-service canteen-service dashboard-service partner-gateway neighbourhood-app)
version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -1)"
tag="${LINLI_IMAGE_TAG:-${version%-SNAPSHOT}}"
cache="${LINLI_IMAGE_CACHE:-/var/tmp/linli-images}"
out="$root/target/images"
registry=127.0.0.1:5050
mirror="${LINLI_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
security_mirror="${LINLI_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}"
base_packages=openjdk-17-jre-headless,ca-certificates,tzdata

rebuild_base=false keep_registry=false push_to=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rebuild-base) rebuild_base=true ;;
    --keep-registry) keep_registry=true ;;
    --push) push_to="${2:?--push needs REGISTRY/PATH, e.g. registry.example.org/linli}"; shift ;;
    *) echo "deploy/images.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

started=$(date +%s)
step() { printf '\n== %s (%ss)\n' "$*" $(( $(date +%s) - started )); }
fail() { echo "deploy/images.sh: FAILED: $*" >&2; exit 1; }

# --- tools -----------------------------------------------------------------------------------------------------------
missing=()
for t in mmdebstrap:mmdebstrap skopeo:skopeo docker-registry:docker-registry jq:jq curl:curl ip:iproute2; do
  command -v "${t%%:*}" >/dev/null || missing+=("${t##*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || fail "needs the Debian packages: ${missing[*]} (run as root to install them)"
  step "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
[ "$(id -u)" = 0 ] || fail "mmdebstrap builds the base as root here"

# --- the local registry ----------------------------------------------------------------------------------------------
registry_pid=""
stop_registry() { if [ -n "$registry_pid" ]; then kill "$registry_pid" 2>/dev/null || true; wait "$registry_pid" 2>/dev/null || true; fi; }
mkdir -p "$cache/registry" "$out"
if curl -fsS "http://$registry/v2/" >/dev/null 2>&1; then
  step "registry: using the one already answering on $registry"
else
  step "registry: starting docker-registry on $registry (storage $cache/registry)"
  cat > "$cache/registry.yml" <<EOF
version: 0.1
log: { level: warn }
storage:
  filesystem: { rootdirectory: $cache/registry }
  delete: { enabled: true }
http:
  addr: $registry
EOF
  docker-registry serve "$cache/registry.yml" > "$cache/registry.log" 2>&1 &
  registry_pid=$!
  $keep_registry || trap stop_registry EXIT
  for _ in $(seq 100); do curl -fsS "http://$registry/v2/" >/dev/null 2>&1 && break; sleep 0.2; done
  curl -fsS "http://$registry/v2/" >/dev/null || { cat "$cache/registry.log" >&2; fail "the registry did not start"; }
fi
skopeo_src=(--src-tls-verify=false)

# --- the base image --------------------------------------------------------------------------------------------------
arch="$(dpkg --print-architecture)"
build_base() { # $1: directory for the OCI layout (tag "base"), $2: the image's name
  local dir="$1" work="$1.work"
  rm -rf "$work" "$dir"; mkdir -p "$work" "$dir/blobs/sha256"
  # essential variant (no apt in the image); merged /usr by the hook, so apt does not pull usrmerge and its perl;
  # update-alternatives (the JRE's postinst) needs the man1 directory although man pages are left out
  mmdebstrap --variant=essential --include="$base_packages" \
    --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
    --aptopt='APT::Install-Recommends "false"' \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --essential-hook='mkdir -p "$1/usr/share/man/man1"' \
    --customize-hook='echo "linli:x:185:185:Linli service:/app:/usr/sbin/nologin" >> "$1/etc/passwd"' \
    --customize-hook='echo "linli:x:185:" >> "$1/etc/group"' \
    --customize-hook='mkdir -p "$1/app"' \
    --customize-hook='chroot "$1" java -version' \
    --skip=output/dev \
    bookworm "$work/rootfs.tar" \
    "deb $mirror bookworm main" "deb $mirror bookworm-updates main" "deb $security_mirror bookworm-security main" \
    > "$work.log" 2>&1 || { tail -40 "$work.log" >&2; fail "mmdebstrap (log: $work.log)"; }
  grep -A2 '^openjdk version' "$work.log"
  # the OCI image around it: one gzip layer, a config (user 185, JAVA_HOME), a manifest, the index
  local diff_id layer config manifest created
  diff_id="$(sha256sum < "$work/rootfs.tar" | cut -d' ' -f1)"
  gzip -n -6 -c "$work/rootfs.tar" > "$work/layer.tar.gz"
  layer="$(sha256sum < "$work/layer.tar.gz" | cut -d' ' -f1)"
  mv "$work/layer.tar.gz" "$dir/blobs/sha256/$layer"
  created="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  jq -n --arg created "$created" --arg arch "$arch" --arg name "$2" --arg diff "sha256:$diff_id" --arg pkgs "$base_packages" '{
      created: $created, architecture: $arch, os: "linux",
      config: {
        User: "185:185", WorkingDir: "/app",
        Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8",
              "JAVA_HOME=/usr/lib/jvm/java-17-openjdk-\($arch)"],
        Labels: { "org.opencontainers.image.base.name": $name,
                  "org.linli.base": ("Debian bookworm (mmdebstrap, essential) + " + $pkgs) } },
      rootfs: { type: "layers", diff_ids: [$diff] },
      history: [{ created: $created, created_by: ("mmdebstrap --variant=essential --include=" + $pkgs + " bookworm"),
                  comment: "deploy/images.sh" }] }' > "$work/config.json"
  config="$(sha256sum < "$work/config.json" | cut -d' ' -f1)"
  mv "$work/config.json" "$dir/blobs/sha256/$config"
  jq -n --arg c "sha256:$config" --argjson cs "$(stat -c %s "$dir/blobs/sha256/$config")" \
        --arg l "sha256:$layer" --argjson ls "$(stat -c %s "$dir/blobs/sha256/$layer")" '{
      schemaVersion: 2, mediaType: "application/vnd.oci.image.manifest.v1+json",
      config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: $c, size: $cs },
      layers: [{ mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: $l, size: $ls }] }' > "$work/manifest.json"
  manifest="$(sha256sum < "$work/manifest.json" | cut -d' ' -f1)"
  jq -n --arg m "sha256:$manifest" --argjson ms "$(stat -c %s "$work/manifest.json")" '{
      schemaVersion: 2, manifests: [{ mediaType: "application/vnd.oci.image.manifest.v1+json", digest: $m, size: $ms,
        annotations: { "org.opencontainers.image.ref.name": "base" } }] }' > "$dir/index.json"
  mv "$work/manifest.json" "$dir/blobs/sha256/$manifest"
  echo '{"imageLayoutVersion":"1.0.0"}' > "$dir/oci-layout"
  rm -rf "$work"
}
# the recipe's hash names the cached base: a change to build_base or the packages builds a new one
recipe="$( { declare -f build_base; echo "$base_packages $arch $mirror $security_mirror"; } | sha256sum | cut -c1-12)"
base_dir="$cache/base-$recipe"
base_ref="$registry/linli/java-base:17-$recipe"
if $rebuild_base || [ ! -f "$base_dir/index.json" ] || [ -n "$(find "$base_dir/index.json" -mtime +7)" ]; then
  step "base: building $base_ref with mmdebstrap ($base_packages, Debian bookworm)"
  rm -rf "$cache"/base-* # older recipes
  build_base "$base_dir" "linli/java-base:17-$recipe"
else
  step "base: cached in $base_dir"
fi
skopeo copy -q --dest-tls-verify=false --format v2s2 "oci:$base_dir:base" "docker://$base_ref"
base_layer="$(skopeo inspect --tls-verify=false --raw "docker://$base_ref" | jq -r '.layers[0].digest')"

# --- the service images: Jib, pushed to the local registry -----------------------------------------------------------
# everything image-specific is here, one place for the six services (their application.properties say nothing)
jib=(
  -Dquarkus.container-image.build=true -Dquarkus.container-image.push=true
  -Dquarkus.container-image.registry="$registry" -Dquarkus.container-image.insecure=true
  -Dquarkus.container-image.group=linli -Dquarkus.container-image.tag="$tag"
  -Dquarkus.jib.base-jvm-image="$base_ref"
  '-Dquarkus.container-image.labels."org.opencontainers.image.title"=${quarkus.application.name}'
  -Dquarkus.container-image.labels.\"org.opencontainers.image.version\"="$tag"
  -Dquarkus.jib.user=185:185 -Dquarkus.jib.working-directory=/app -Dquarkus.jib.ports=8080
  # as deploy/docker/Dockerfile.jvm: JAVA_OPTS (the Deployments set it) and the port the manifests expect
  '-Dquarkus.jib.jvm-entrypoint=sh,-c,exec java $JAVA_OPTS -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dquarkus.http.host=0.0.0.0 -Dquarkus.http.port=8080 -jar /app/quarkus-run.jar'
  '-Dquarkus.jib.environment-variables.JAVA_OPTS=-XX:+UseSerialGC -Xms32m -Xmx256m -XX:+ExitOnOutOfMemoryError'
  -Dquarkus.jib.environment-variables.MALLOC_ARENA_MAX=2
  # the base's JDK is 17, which has no AOT cache to start from: the classic fast-jar (the build's default is aot-jar)
  -Dquarkus.package.jar.type=fast-jar
)
# the front end is rebuilt (npm ci + vite) only if its sources are newer than what target/classes holds
webui=neighbourhood-app/src/main/webui index=neighbourhood-app/target/classes/META-INF/resources/index.html
if [ -f "$index" ] && [ -z "$(find "$webui" -name node_modules -prune -o -type f -newer "$index" -print -quit)" ]; then
  jib+=(-Dwebui.skip=true)
fi
mvn=(./mvnw -B)
[ -n "${LINLI_MVN_LOCK:-}" ] && mvn=(flock "$LINLI_MVN_LOCK" "${mvn[@]}")
step "images: ${mvn[*]} package -DskipTests -pl <six services> -am (Jib -> $registry)"
(IFS=,; "${mvn[@]}" package -DskipTests -pl "${services[*]}" -am "${jib[@]}") > "$out/maven.log" 2>&1 \
  || { tail -60 "$out/maven.log" >&2; fail "the Maven build (log: $out/maven.log)"; }
grep -E 'Pushed container image|Created container image' "$out/maven.log" || true

# --- proof -----------------------------------------------------------------------------------------------------------
step "proof: configuration, base, contents"
rm -rf "$out/oci"
rows=()
for s in "${services[@]}"; do
  ref="$registry/linli/$s:$tag"
  skopeo inspect --tls-verify=false --raw "docker://$ref" > "$out/$s.manifest.json" || fail "$ref is not in the registry"
  skopeo inspect --tls-verify=false --config "docker://$ref" > "$out/$s.config.json"
  c="$out/$s.config.json" m="$out/$s.manifest.json"
  [ "$(jq -r '.config.User' "$c")" = 185:185 ] || fail "$s: user is $(jq -r '.config.User' "$c"), not 185"
  [ "$(jq -r '.config.WorkingDir' "$c")" = /app ] || fail "$s: working directory $(jq -r '.config.WorkingDir' "$c")"
  jq -e '.config.ExposedPorts | has("8080/tcp")' "$c" >/dev/null || fail "$s: port 8080 not exposed"
  jq -e '.config.Entrypoint | join(" ") | contains("-jar /app/quarkus-run.jar")' "$c" >/dev/null || fail "$s: entry point"
  jq -e '.config.Env | index("MALLOC_ARENA_MAX=2") != null' "$c" >/dev/null || fail "$s: environment"
  [ "$(jq -r '.layers[0].digest' "$m")" = "$base_layer" ] || fail "$s: not built on $base_ref"
  skopeo copy -q "${skopeo_src[@]}" "docker://$ref" "oci:$out/oci:$s-$tag"
  # the application's layers (all but the base) must hold this build's quarkus-app
  listing="$out/$s.files.txt"; : > "$listing"
  run_jar_sha=""
  for d in $(jq -r '.layers[1:][].digest' "$m"); do
    blob="$out/oci/blobs/sha256/${d#sha256:}"
    tar --warning=no-unknown-keyword -tzf "$blob" >> "$listing"
    if tar --warning=no-unknown-keyword -tzf "$blob" | grep -qx 'app/quarkus-run.jar'; then
      run_jar_sha="$(tar --warning=no-unknown-keyword -xzOf "$blob" app/quarkus-run.jar | sha256sum | cut -d' ' -f1)"
    fi
  done
  for f in app/quarkus-run.jar app/quarkus/quarkus-application.dat "app/app/$s-$version.jar"; do
    grep -qx "$f" "$listing" || fail "$s: $f is not in the image"
  done
  diff <(sed -n 's:^app/lib/main/\(.*\.jar\)$:\1:p' "$listing" | sort) \
       <(ls "$s/target/quarkus-app/lib/main" | grep '\.jar$' | sort) > "$out/$s.lib-diff.txt" \
    || fail "$s: the image's app/lib/main differs from $s/target/quarkus-app/lib/main ($out/$s.lib-diff.txt)"
  [ "$run_jar_sha" = "$(sha256sum < "$s/target/quarkus-app/quarkus-run.jar" | cut -d' ' -f1)" ] \
    || fail "$s: the image's quarkus-run.jar is not this build's"
  total=$(jq '([.layers[].size] | add) + .config.size' "$m")
  app=$(jq '[.layers[1:][].size] | add' "$m")
  digest="$(skopeo inspect --tls-verify=false --format '{{.Digest}}' "docker://$ref")"
  rows+=("$(awk -v i="linli/$s:$tag" -v n="$(jq '.layers | length' "$m")" -v t="$total" -v a="$app" -v d="${digest:0:19}" \
    'BEGIN { printf "%-34s %6s %9.1f %9.1f  %s", i, n, t / 1048576, a / 1048576, d }')")
done
# run one image without a container runtime: its layers unpacked, its entry point, environment, user and working
# directory from its configuration, in namespaces of its own with a read-only root and a tmpfs /tmp (as the Deployments
# say), only a loopback interface; it must answer /q/health/live on 8080. neighbourhood-app, as the one that needs
# neither PostgreSQL nor Kafka (profile prod, a random session key as the Deployment's Secret would give).
smoke() {
  local s=neighbourhood-app run="$out/run-neighbourhood-app"
  local m="$out/$s.manifest.json" c="$out/$s.config.json"
  rm -rf "$run"; mkdir -p "$run/rootfs"
  for d in $(jq -r '.layers[].digest' "$m"); do
    tar --warning=no-unknown-keyword -xzf "$out/oci/blobs/sha256/${d#sha256:}" -C "$run/rootfs"
  done
  mkdir -p "$run/rootfs/dev" "$run/rootfs/proc" "$run/rootfs/tmp" # a container runtime provides these
  { jq -j '.config.Env[] + "\u0000"' "$c"; printf 'LINLI_APP_SESSION_KEY=%s\0' "$(head -c32 /dev/urandom | base64)"; } > "$run/env"
  jq -j '.config.Entrypoint[] + "\u0000"' "$c" > "$run/entrypoint"
  jq -r '.config.User' "$c" > "$run/user"; jq -r '.config.WorkingDir' "$c" > "$run/workdir"
  # the PID namespace ends with this shell: the JVM goes with it
  unshare --mount --pid --net --fork bash -c '
    set -euo pipefail
    run=$1 r=$1/rootfs
    ip link set lo up
    mount --make-rprivate /
    mount --bind "$r" "$r"; mount -o remount,bind,ro "$r"
    mount -t proc proc "$r/proc"; mount -t tmpfs -o size=64m,mode=1777 tmpfs "$r/tmp"; mount --bind /dev "$r/dev"
    mapfile -d "" envs < "$run/env"; mapfile -d "" entry < "$run/entrypoint"
    env -i "${envs[@]}" chroot --userspec="$(cat "$run/user")" "$r" sh -c "cd \"\$0\" && exec \"\$@\"" \
      "$(cat "$run/workdir")" "${entry[@]}" > "$run/app.log" 2>&1 &
    for _ in $(seq 120); do
      curl -fsS http://127.0.0.1:8080/q/health/live > "$run/health.json" 2>/dev/null && exit 0
      sleep 0.5
    done
    exit 1
  ' smoke "$run" || { tail -30 "$run/app.log" >&2; fail "$s did not start from its image (log: $run/app.log)"; }
  echo "linli/$s:$tag ran as $(cat "$run/user") on a read-only root: $(jq -c . "$run/health.json")"
  grep -o '"message":"[^"]*started in[^"]*"' "$run/app.log" || true
  rm -rf "$run/rootfs"
}
if unshare --mount --pid --net --fork true 2>/dev/null && command -v ip >/dev/null; then
  step "run: linli/neighbourhood-app:$tag from its layers (chroot in namespaces, no container runtime)"
  smoke
else
  step "run: skipped (this machine gives no mount/PID/network namespaces or has no ip command)"
fi

# every image the Kubernetes manifests name must be one of these
for img in $(grep -rhoE 'image: linli/[a-z-]+:[^ ]+' deploy/kubernetes | sed 's/image: //' | sort -u); do
  n="${img#linli/}"; n="${n%%:*}"
  [ "${img##*:}" = "$tag" ] && printf '%s\n' "${services[@]}" | grep -qx "$n" \
    || fail "deploy/kubernetes names $img, which was not built (built: linli/<service>:$tag)"
done
base_size=$(skopeo inspect --tls-verify=false --raw "docker://$base_ref" | jq '.layers[0].size')
printf '\n%-34s %6s %9s %9s  %s\n' image layers "MiB(gz)" "app MiB" digest
printf '%s\n' "${rows[@]}"
awk -v r="$base_ref" -v b="$base_size" -v p="$base_packages" 'BEGIN { printf "base %s: one layer, %.1f MiB compressed (%s)\n", r, b / 1048576, p }'
printf 'OCI layout with all six: %s (%s); registry storage: %s\n' "$out/oci" "$(du -sh "$out/oci" | cut -f1)" "$cache/registry"

# --- promote to a real registry --------------------------------------------------------------------------------------
if [ -n "$push_to" ]; then
  step "push: copying the proven images to $push_to (digests preserved)"
  creds=(); [ -n "${LINLI_PUSH_CREDS:-}" ] && creds=(--dest-creds "$LINLI_PUSH_CREDS")
  tls=(); [ "${LINLI_PUSH_TLS_VERIFY:-true}" = false ] && tls=(--dest-tls-verify=false)
  for s in "${services[@]}"; do
    skopeo copy -q --preserve-digests "${skopeo_src[@]}" "${creds[@]}" "${tls[@]}" \
      "docker://$registry/linli/$s:$tag" "docker://$push_to/$s:$tag"
    echo "$push_to/$s:$tag@$(skopeo inspect --tls-verify=false --format '{{.Digest}}' "docker://$registry/linli/$s:$tag")"
  done
fi
step "done: six images built with Jib and proven"
