// Validates every document of rendered Helm output against the Kubernetes schemas shipped in
// kubernetes-models (offline). Exits non-zero, naming the document, on the first invalid one.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const known = {
  "v1/ConfigMap": () => import("kubernetes-models/v1/ConfigMap"),
  "v1/Service": () => import("kubernetes-models/v1/Service"),
  "apps/v1/Deployment": () => import("kubernetes-models/apps/v1/Deployment"),
  "networking.k8s.io/v1/Ingress": () => import("kubernetes-models/networking.k8s.io/v1/Ingress"),
  "autoscaling/v2/HorizontalPodAutoscaler": () => import("kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler"),
  "policy/v1/PodDisruptionBudget": () => import("kubernetes-models/policy/v1/PodDisruptionBudget"),
};
// The Prometheus Operator's CRD is not part of Kubernetes; its shape is checked by hand.
function checkServiceMonitor(doc) {
  const endpoints = doc?.spec?.endpoints;
  if (!doc?.spec?.selector?.matchLabels || !Array.isArray(endpoints) || endpoints.length === 0) {
    throw new Error("ServiceMonitor needs spec.selector.matchLabels and spec.endpoints");
  }
}

let count = 0;
for (const file of process.argv.slice(2)) {
  for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
    const doc = document.toJS();
    if (!doc) continue;
    const key = `${doc.apiVersion}/${doc.kind}`;
    try {
      if (key === "monitoring.coreos.com/v1/ServiceMonitor") {
        checkServiceMonitor(doc);
      } else if (known[key]) {
        const module = await known[key]();
        const Model = module[doc.kind];
        new Model(doc).validate();
      } else {
        throw new Error(`no schema for ${key}`);
      }
      count++;
      console.log(`valid: ${file.split("/").pop()} ${key} ${doc.metadata?.name}`);
    } catch (e) {
      console.error(`INVALID: ${file} ${key} ${doc.metadata?.name}: ${e.message}`);
      process.exit(1);
    }
  }
}
if (count === 0) {
  console.error("no manifest validated");
  process.exit(1);
}
console.log(`${count} manifests valid`);
