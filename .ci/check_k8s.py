#!/usr/bin/env python3
"""Offline checks of prune-distill's deployment files; run by .ci/validate-deployment.

    check_k8s.py RENDERED [--layout single-node|replicated] [--kustomization FILE ...] [--compose FILE]
                 [--topic-enum FILE] [--replay FILE] [--images COMPONENT]

RENDERED is the output of `kubectl kustomize k8s/` (the single-node layout) or `kubectl kustomize k8s/replicated/`
(with --layout replicated, which adds the checks of that layout: three brokers and three controllers, the topics'
replication, a distributed object store, two replicas of each service and a PodDisruptionBudget per workload). The
options add checks that tie the files together: each kustomization lists its numbered manifests, the topics created by
compose and by the k8s Job are those of event-messaging's Topic enum with their retention, and the replay Job (k8s/replay/)
passes every check with the rest and its own, and every image is one of the images: of the kustomize component. Ports,
consumer groups and settings are read from the services' application.properties and configuration classes
(service_config.py); memory, threads, disks, metrics, egress, the bucket lifecycle, the Dockerfiles and the vendored
schemas are checked by check_budgets.py. Prints one line per check, details under a failing one, a closing
'N passed, N failed' line, and exits 1 if any check failed. Needs only Python 3, PyYAML and jsonschema (no cluster, no
network).
"""
import argparse
import base64
import re
import sys
from functools import partial
from pathlib import Path

import check_budgets
import service_config
from check_budgets import compose_memory_problems, configuration_problems, relative

try:
    import yaml
except ImportError:
    sys.exit("FAIL python3-yaml is missing: install it with `apt-get install -y python3-yaml`")

NAMESPACE = "prune-distill"
# The services as they declare themselves: ports, consumer groups and every configuration key, read from their
# application.properties and Java configuration (service_config.py), never written down here.
CONFIGS = service_config.load_cached()
SERVICES = {name: config.http_port for name, config in CONFIGS.items()}
SERVICE_BUILD_DIRS = service_config.SERVICE_DIRS
CLUSTER_SCOPED = {"Namespace", "PersistentVolume", "StorageClass", "ClusterRole", "ClusterRoleBinding",
                  "CustomResourceDefinition", "PriorityClass", "IngressClass"}
CREDENTIAL_NAME = re.compile(r"SECRET|PASSWORD|ACCESS_KEY|TOKEN|CREDENTIAL", re.IGNORECASE)
TOPIC_LINE = re.compile(r"^\s*topic\s+(\S+)\s+(\d+)(.*)$", re.MULTILINE)
TOPIC_ENUM_ENTRY = re.compile(r'\w+\(\s*"([^"]+)"\s*,\s*(\d+)\s*,\s*Retention\.(\w+)\s*\)')
# A script's `name="--config ..."` variables, expanded where they are used as $name ($$name in compose).
FLAG_VARIABLE = re.compile(r'(\w+)="(--config[^"]*)"')


def pod_spec(doc):
    """The pod spec of a workload, or None for other kinds."""
    spec = doc.get("spec") or {}
    if doc["kind"] == "CronJob":
        spec = (spec.get("jobTemplate") or {}).get("spec") or {}
    elif doc["kind"] not in ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"):
        return None
    return (spec.get("template") or {}).get("spec") or {}


def template_labels(doc):
    spec = doc.get("spec") or {}
    if doc["kind"] == "CronJob":
        spec = (spec.get("jobTemplate") or {}).get("spec") or {}
    return ((spec.get("template") or {}).get("metadata") or {}).get("labels") or {}


def containers(spec):
    return (spec.get("initContainers") or []) + (spec.get("containers") or [])


def declares_port(container, port):
    """Whether a probe or Service port (number or name) is one the container declares."""
    for declared in container.get("ports") or []:
        if port in (declared.get("name"), declared.get("containerPort")):
            return True
    return False


def where(doc, container=None):
    text = f"{doc['kind']}/{doc['metadata']['name']}"
    return f"{text} container {container['name']}" if container else text


def workloads(docs):
    return [d for d in docs if pod_spec(d) is not None]


# --- checks on the rendered manifests: each returns (problems, summary) ---

def check_identity(docs):
    problems = []
    for i, doc in enumerate(docs):
        for key in ("apiVersion", "kind"):
            if not doc.get(key):
                problems.append(f"document {i}: no {key}")
        if not (doc.get("metadata") or {}).get("name"):
            problems.append(f"document {i} ({doc.get('kind')}): no metadata.name")
    return problems, f"{len(docs)} objects have apiVersion, kind and metadata.name"


def check_namespace(docs):
    problems = [f"{where(d)}: namespace {d['metadata'].get('namespace')!r}, expected {NAMESPACE!r}"
                for d in docs if d["kind"] not in CLUSTER_SCOPED and d["metadata"].get("namespace") != NAMESPACE]
    if not any(d["kind"] == "Namespace" and d["metadata"]["name"] == NAMESPACE for d in docs):
        problems.append(f"no Namespace {NAMESPACE}")
    return problems, f"namespaced objects are in {NAMESPACE}"


def check_labels(docs):
    problems = []
    for doc in docs:
        labels = doc["metadata"].get("labels") or {}
        if labels.get("app.kubernetes.io/part-of") != NAMESPACE:
            problems.append(f"{where(doc)}: no label app.kubernetes.io/part-of={NAMESPACE}")
        if doc["kind"] != "Namespace" and doc["kind"] not in ("ConfigMap", "Secret") \
                and not labels.get("app.kubernetes.io/name"):
            problems.append(f"{where(doc)}: no label app.kubernetes.io/name")
        if pod_spec(doc) is not None and not template_labels(doc).get("app.kubernetes.io/name"):
            problems.append(f"{where(doc)}: pod template has no label app.kubernetes.io/name")
    return problems, "objects carry app.kubernetes.io/name and part-of"


def check_selectors(docs):
    problems = []
    service_names = {d["metadata"]["name"] for d in docs if d["kind"] == "Service"}
    for doc in workloads(docs):
        if doc["kind"] in ("Job", "CronJob"):
            continue  # a Job's selector is generated
        selector = ((doc.get("spec") or {}).get("selector") or {}).get("matchLabels") or {}
        labels = template_labels(doc)
        if not selector:
            problems.append(f"{where(doc)}: no spec.selector.matchLabels")
        for key, value in selector.items():
            if labels.get(key) != value:
                problems.append(f"{where(doc)}: selector {key}={value} does not match the pod template labels")
        if doc["kind"] == "StatefulSet" and doc["spec"].get("serviceName") not in service_names:
            problems.append(f"{where(doc)}: serviceName {doc['spec'].get('serviceName')!r} is no Service")
    return problems, "workload selectors match their pod templates"


def check_containers(docs):
    problems, count = [], 0
    for doc in workloads(docs):
        for c in containers(pod_spec(doc)):
            count += 1
            image = c.get("image") or ""
            if not image:
                problems.append(f"{where(doc, c)}: no image")
            elif ":" not in image.rsplit("/", 1)[-1] or image.endswith(":latest"):
                problems.append(f"{where(doc, c)}: image {image!r} has no pinned tag")
            resources = c.get("resources") or {}
            if not resources.get("requests") or not (resources.get("limits") or {}).get("memory"):
                problems.append(f"{where(doc, c)}: needs resources.requests and a resources.limits.memory")
    return problems, f"{count} containers have a pinned image, requests and a memory limit"


def check_non_root(docs):
    problems = []
    for doc in workloads(docs):
        spec = pod_spec(doc)
        pod_level = (spec.get("securityContext") or {}).get("runAsNonRoot") is True
        for c in containers(spec):
            if not pod_level and (c.get("securityContext") or {}).get("runAsNonRoot") is not True:
                problems.append(f"{where(doc, c)}: runAsNonRoot is not true")
    return problems, "every pod runs as non-root"


def check_probes(docs):
    problems = []
    deployments = {d["metadata"]["name"]: d for d in docs if d["kind"] == "Deployment"}
    for name, http_port in SERVICES.items():
        doc = deployments.get(name)
        if doc is None:
            problems.append(f"no Deployment {name}")
            continue
        main = next((c for c in pod_spec(doc).get("containers") or [] if c.get("name") == name), None)
        if main is None:
            problems.append(f"{where(doc)}: no container named {name}")
            continue
        if not any(p.get("containerPort") == http_port for p in main.get("ports") or []):
            problems.append(f"{where(doc, main)}: does not declare its HTTP port {http_port} (quarkus.http.port of "
                            f"{relative(CONFIGS[name].properties_file)})")
        for probe, path in (("livenessProbe", "/q/health/live"), ("readinessProbe", "/q/health/ready")):
            http_get = (main.get(probe) or {}).get("httpGet")
            if not http_get:
                problems.append(f"{where(doc, main)}: no {probe} with httpGet")
            elif http_get.get("path") != path:
                problems.append(f"{where(doc, main)}: {probe} path {http_get.get('path')!r}, expected {path}")
    # Any probe of any container must aim at a port that container declares.
    for doc in workloads(docs):
        for c in containers(pod_spec(doc)):
            for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
                for handler in ("httpGet", "tcpSocket", "grpc"):
                    port = ((c.get(probe) or {}).get(handler) or {}).get("port")
                    if port is not None and not declares_port(c, port):
                        problems.append(f"{where(doc, c)}: {probe} port {port!r} is not declared by the container")
    return problems, f"the {len(SERVICES)} services probe /q/health/live and /q/health/ready on declared ports"


def check_readiness(docs):
    """Every container of a long-running workload says when it can serve, so a Service or a rollout waits for it."""
    problems, count = [], 0
    for doc in workloads(docs):
        if doc["kind"] in ("Job", "CronJob"):
            continue  # run to completion; nothing routes to them
        for c in pod_spec(doc).get("containers") or []:
            count += 1
            if not c.get("readinessProbe"):
                problems.append(f"{where(doc, c)}: no readinessProbe")
    return problems, f"{count} containers of Deployments and StatefulSets have a readinessProbe"


# What every producer of the services must be given (as Quarkus hands KAFKA_* variables to the Kafka clients): wait
# for all in-sync replicas (SmallRye's connector defaults to acks=1, the leader alone) and never write a retried record
# twice.
PRODUCER_SETTINGS = {"KAFKA_ACKS": "all", "KAFKA_ENABLE_IDEMPOTENCE": "true"}


def check_producers(docs):
    """The services' producers are durable (acks=all) and idempotent, through the shared ConfigMap."""
    problems = []
    config = next((d for d in docs if d["kind"] == "ConfigMap" and d["metadata"]["name"] == "prune-distill-config"),
                  None)
    values = {k: str(v) for k, v in ((config or {}).get("data") or {}).items()}
    for key, expected in PRODUCER_SETTINGS.items():
        if values.get(key, "").lower() != expected:
            problems.append(f"ConfigMap prune-distill-config: {key} is {values.get(key)!r}, expected {expected!r}")
    deployments = {d["metadata"]["name"]: d for d in docs if d["kind"] == "Deployment"}
    for name in SERVICES:
        main = next((c for c in containers(pod_spec(deployments[name])) if c.get("name") == name), None) \
            if name in deployments else None
        if main is None:
            continue  # check_probes names the missing service
        sources = main.get("envFrom") or []
        if not any((s.get("configMapRef") or {}).get("name") == "prune-distill-config" for s in sources):
            problems.append(f"{where(deployments[name], main)}: does not read the ConfigMap prune-distill-config")
        overridden = [e["name"] for e in main.get("env") or [] if e.get("name") in PRODUCER_SETTINGS]
        if overridden:
            problems.append(f"{where(deployments[name], main)}: overrides {overridden} of the ConfigMap")
    return problems, "the services produce with acks=all and idempotence (KAFKA_ACKS, KAFKA_ENABLE_IDEMPOTENCE)"


def check_services(docs):
    problems = []
    pods = [(d, template_labels(d), containers(pod_spec(d))) for d in workloads(docs)]
    services = {d["metadata"]["name"]: d for d in docs if d["kind"] == "Service"}
    for name, doc in services.items():
        selector = (doc.get("spec") or {}).get("selector") or {}
        matched = [(w, cs) for w, labels, cs in pods
                   if selector and all(labels.get(k) == v for k, v in selector.items())]
        if not matched:
            problems.append(f"Service/{name}: selector {selector} matches no workload")
            continue
        for port in doc["spec"].get("ports") or []:
            target = port.get("targetPort", port.get("port"))
            if not any(declares_port(c, target) for _, cs in matched for c in cs):
                problems.append(f"Service/{name}: targetPort {target!r} is not declared by the selected containers")
    for name in SERVICES:
        ports = {p.get("name"): p for p in (services.get(name, {}).get("spec") or {}).get("ports") or []}
        if name not in services:
            problems.append(f"no Service {name}")
        elif "http" not in ports:
            problems.append(f"Service/{name}: no port named http")
    results_ports = (services.get("results-api", {}).get("spec") or {}).get("ports") or []
    grpc = next((p for p in results_ports if p.get("name") == "grpc"), None)
    grpc_port = CONFIGS["results-api"].grpc_port
    if not grpc or grpc.get("port") != grpc_port or grpc.get("appProtocol") != "grpc":
        problems.append(f"Service/results-api: needs a port named grpc, {grpc_port} (quarkus.grpc.server.port), "
                        "appProtocol grpc")
    return problems, f"{len(services)} Services select a workload on declared ports; results-api has grpc"


def secret_values(docs):
    values = set()
    for doc in docs:
        if doc["kind"] == "Secret":
            values |= {str(v) for v in (doc.get("stringData") or {}).values()}
            values |= {base64.b64decode(v).decode("utf-8", "replace") for v in (doc.get("data") or {}).values()}
    return {v for v in values if v}


def check_secrets(docs):
    problems = []
    hidden = secret_values(docs)
    for doc in workloads(docs):
        for c in containers(pod_spec(doc)):
            for env in c.get("env") or []:
                source = env.get("valueFrom") or {}
                if CREDENTIAL_NAME.search(env.get("name", "")) and "secretKeyRef" not in source:
                    problems.append(f"{where(doc, c)}: {env['name']} does not come from a Secret (secretKeyRef)")
                if "value" in env and str(env["value"]) in hidden:
                    problems.append(f"{where(doc, c)}: {env['name']} holds a Secret's value in plain text")
            text = " ".join(str(part) for part in (c.get("command") or []) + (c.get("args") or []))
            if any(value in text for value in hidden):
                problems.append(f"{where(doc, c)}: command or args hold a Secret's value in plain text")
    for doc in docs:
        if doc["kind"] == "ConfigMap":
            for key, value in (doc.get("data") or {}).items():
                if CREDENTIAL_NAME.search(key) or str(value) in hidden:
                    problems.append(f"{where(doc)}: {key} looks like a credential; keep it in a Secret")
    return problems, "credentials come only from Secrets"


def check_references(docs):
    problems, count = [], 0
    present = {(d["kind"], d["metadata"]["name"]): d for d in docs if d["kind"] in ("ConfigMap", "Secret")}

    def keys_of(kind, name):
        doc = present.get((kind, name)) or {}
        return set(doc.get("data") or {}) | set(doc.get("stringData") or {})

    def need(doc, kind, ref, key=None):
        nonlocal count
        count += 1
        if ref.get("optional"):
            return
        name = ref.get("name")
        if (kind, name) not in present:
            problems.append(f"{where(doc)}: {kind} {name!r} does not exist")
        elif key is not None and key not in keys_of(kind, name):
            problems.append(f"{where(doc)}: {kind} {name!r} has no key {key!r}")

    for doc in workloads(docs):
        spec = pod_spec(doc)
        for c in containers(spec):
            for source in c.get("envFrom") or []:
                if "configMapRef" in source:
                    need(doc, "ConfigMap", source["configMapRef"])
                if "secretRef" in source:
                    need(doc, "Secret", source["secretRef"])
            for env in c.get("env") or []:
                source = env.get("valueFrom") or {}
                if "configMapKeyRef" in source:
                    need(doc, "ConfigMap", source["configMapKeyRef"], source["configMapKeyRef"].get("key"))
                if "secretKeyRef" in source:
                    need(doc, "Secret", source["secretKeyRef"], source["secretKeyRef"].get("key"))
        for volume in spec.get("volumes") or []:
            if "configMap" in volume:
                need(doc, "ConfigMap", volume["configMap"])
            if "secret" in volume:
                need(doc, "Secret", {"name": volume["secret"].get("secretName"), **volume["secret"]})
    return problems, f"{count} ConfigMap/Secret references resolve"


def selects(selector, labels):
    """Whether a label selector (matchLabels and matchExpressions) selects the given labels; {} selects all."""
    selector = selector or {}
    if any(labels.get(k) != v for k, v in (selector.get("matchLabels") or {}).items()):
        return False
    for expression in selector.get("matchExpressions") or []:
        key, operator, values = expression.get("key"), expression.get("operator"), expression.get("values") or []
        present = key in labels
        if not {"In": present and labels.get(key) in values, "NotIn": not present or labels.get(key) not in values,
                "Exists": present, "DoesNotExist": not present}.get(operator, False):
            return False
    return True


def ingress_sources(docs, target):
    """(sources, ports) a workload accepts: sources are workload names, or 'anyone' / 'outside the namespace'."""
    labels = template_labels(target)
    sources, ports = set(), set()
    named = {p.get("name"): p.get("containerPort") for c in containers(pod_spec(target)) for p in c.get("ports") or []}
    for policy in (d for d in docs if d["kind"] == "NetworkPolicy"):
        spec = policy.get("spec") or {}
        if "Ingress" not in (spec.get("policyTypes") or ["Ingress"]) or not selects(spec.get("podSelector"), labels):
            continue
        for rule in spec.get("ingress") or []:
            peers = rule.get("from") or []
            if not peers:
                sources.add("anyone")
            for peer in peers:
                namespace = ((peer.get("namespaceSelector") or {}).get("matchLabels") or {})
                if set(namespace) == {"kubernetes.io/metadata.name"} and set(peer) == {"namespaceSelector"}:
                    sources.add(f"namespace {namespace['kubernetes.io/metadata.name']}")
                elif "namespaceSelector" in peer or "ipBlock" in peer:
                    sources.add("outside the namespace")
                elif "podSelector" in peer:
                    sources |= {w["metadata"]["name"] for w in workloads(docs)
                                if selects(peer["podSelector"], template_labels(w))}
            ports |= {named.get(p.get("port"), p.get("port")) for p in rule.get("ports") or [{"port": "all"}]}
    return sources, ports


def check_network_policies(docs):
    problems = []
    policies = [d for d in docs if d["kind"] == "NetworkPolicy"]
    if not any((p.get("spec") or {}).get("podSelector") in ({}, None) and not (p.get("spec") or {}).get("ingress")
               and "Ingress" in ((p.get("spec") or {}).get("policyTypes") or []) for p in policies):
        problems.append("no default-deny ingress policy (podSelector {}, policyTypes [Ingress], no rules)")
    by_name = {w["metadata"]["name"]: w for w in workloads(docs)}
    jobs = {w["metadata"]["name"] for w in workloads(docs) if w["kind"] in ("Job", "CronJob")}
    for store in ("kafka", "minio"):
        if store not in by_name:
            problems.append(f"no workload {store}")
            continue
        sources, _ = ingress_sources(docs, by_name[store])
        if set(SERVICES) - sources:
            problems.append(f"{store}: does not accept {sorted(set(SERVICES) - sources)}")
        # KEDA's operator reads the analysers' lag from Kafka when ScaledObjects use it (check_autoscaling).
        keda = {"namespace keda"} if store == "kafka" and any(d["kind"] == "ScaledObject" for d in docs) else set()
        stray = sources - set(SERVICES) - jobs - {store} - keda
        if stray:
            problems.append(f"{store}: accepts {sorted(stray)}; only the services, the Jobs and itself may connect")
    if "results-api" in by_name:
        sources, ports = ingress_sources(docs, by_name["results-api"])
        served = {SERVICES["results-api"], CONFIGS["results-api"].grpc_port}
        if "anyone" not in sources or not served <= ports:
            problems.append(f"results-api: must accept anyone on {sorted(served)}, accepts {sorted(sources)} on "
                            f"{sorted(map(str, ports))}")
    return problems, f"{len(policies)} NetworkPolicies: default deny, Kafka and MinIO only from the services"


def check_api_token(docs):
    problems = []
    deployment = next((d for d in docs if d["kind"] == "Deployment" and d["metadata"]["name"] == "results-api"), None)
    main = next((c for c in containers(pod_spec(deployment)) if c.get("name") == "results-api"), None) \
        if deployment else None
    env = {e.get("name"): e for e in (main or {}).get("env") or []}
    for variable in ("PD_API_TOKEN", "PD_API_READ_TOKEN"):
        ref = ((env.get(variable) or {}).get("valueFrom") or {}).get("secretKeyRef")
        if not ref:
            problems.append(f"results-api: {variable} does not come from a Secret (secretKeyRef)")
        elif ref.get("optional"):
            problems.append(f"results-api: the {variable} Secret is optional, so the token could silently be off")
    profiles = str((env.get("QUARKUS_PROFILE") or {}).get("value") or "").split(",")
    if "k8s" not in [profile.strip() for profile in profiles]:
        problems.append("results-api: QUARKUS_PROFILE does not include k8s, so it would start without a real token")
    return problems, ("results-api reads its API token and read token (PD_API_TOKEN, PD_API_READ_TOKEN) from a"
                      " Secret and, in the k8s profile, refuses to start without them")


# The analysers KEDA scales on their lag, with the consumer group each joins (mp.messaging.incoming.activations.group.id
# of its application.properties).
ANALYSER_GROUPS = {name: CONFIGS[name].group("activations") for name in ("id-estimator", "info-decoder")}


def qualified(servers):
    """host:port,... with each in-namespace short host name qualified by the namespace (host.NAMESPACE.svc:port)."""
    parts = []
    for server in str(servers or "").split(","):
        host, _, port = server.strip().rpartition(":")
        parts.append(f"{host}.{NAMESPACE}.svc:{port}" if host and "." not in host else server.strip())
    return ",".join(parts)


def check_autoscaling(docs):
    """KEDA ScaledObjects: each analyser scales on its own group's lag, never beyond the topic's partitions, and a
    stuck record (persistent lag) cannot pin the replicas."""
    problems = []
    scaled = [d for d in docs if d["kind"] == "ScaledObject"]
    deployments = {d["metadata"]["name"] for d in docs if d["kind"] == "Deployment"}
    config = next((d.get("data") or {} for d in docs if d["kind"] == "ConfigMap"
                   and d["metadata"]["name"] == "prune-distill-config"), {})
    job = next((d for d in docs if d["kind"] == "Job" and d["metadata"]["name"] == "kafka-topics"), None)
    job_script = "" if job is None else " ".join(
        str(p) for c in containers(pod_spec(job)) for p in (c.get("command") or []) + (c.get("args") or []))
    partitions = {name: count for name, count, _ in topics_in(job_script)}
    targets = [((d.get("spec") or {}).get("scaleTargetRef") or {}).get("name") for d in scaled]
    for name in ANALYSER_GROUPS:
        if targets.count(name) != 1:
            problems.append(f"{targets.count(name)} ScaledObjects target Deployment {name}, expected 1")
    for doc in scaled:
        spec = doc.get("spec") or {}
        target = (spec.get("scaleTargetRef") or {}).get("name")
        if target not in deployments:
            problems.append(f"{where(doc)}: scaleTargetRef {target!r} is no Deployment")
        low, high = spec.get("minReplicaCount"), spec.get("maxReplicaCount")
        if not isinstance(low, int) or low < 1:
            problems.append(f"{where(doc)}: minReplicaCount {low!r}, expected at least 1 (results must keep flowing)")
        if not isinstance(high, int) or (isinstance(low, int) and high < low):
            problems.append(f"{where(doc)}: maxReplicaCount {high!r} must be a number not below minReplicaCount")
        kafka = [t for t in spec.get("triggers") or [] if t.get("type") == "kafka"]
        if not kafka:
            problems.append(f"{where(doc)}: no trigger of type kafka")
        for trigger in kafka:
            meta = trigger.get("metadata") or {}
            if meta.get("bootstrapServers") != qualified(config.get("KAFKA_BOOTSTRAP_SERVERS")):
                problems.append(f"{where(doc)}: bootstrapServers {meta.get('bootstrapServers')!r}, expected "
                                f"{qualified(config.get('KAFKA_BOOTSTRAP_SERVERS'))!r} (the ConfigMap's "
                                f"KAFKA_BOOTSTRAP_SERVERS as KEDA's operator in its own namespace must name it)")
            if target in ANALYSER_GROUPS and meta.get("consumerGroup") != ANALYSER_GROUPS[target]:
                problems.append(f"{where(doc)}: consumerGroup {meta.get('consumerGroup')!r}, but {target} consumes "
                                f"as {ANALYSER_GROUPS[target]!r}")
            topic = meta.get("topic")
            if topic not in partitions:
                problems.append(f"{where(doc)}: topic {topic!r} is not created by Job kafka-topics")
            elif isinstance(high, int) and high > partitions[topic]:
                problems.append(f"{where(doc)}: maxReplicaCount {high} exceeds the {partitions[topic]} partitions "
                                f"of {topic}: the extra consumers would sit idle")
            if not str(meta.get("lagThreshold", "")).isdigit() or int(meta["lagThreshold"]) < 1:
                problems.append(f"{where(doc)}: lagThreshold {meta.get('lagThreshold')!r} is not a positive integer")
            if str(meta.get("excludePersistentLag")).lower() != "true":
                problems.append(f"{where(doc)}: excludePersistentLag is not \"true\": a record stuck on one "
                                f"consumer would keep the replicas up")
    return problems, f"{len(scaled)} KEDA ScaledObjects scale the analysers on their lag within the partitions"


# --- the replicated layout (--layout replicated, k8s/replicated/): what it must survive, a lost pod, node or broker ---

# At least this many Kafka brokers and controllers, replicas per topic, and in-sync replicas per write.
MIN_NODES = 3
MIN_INSYNC = 2
# The minimum replicas of each service: a lost pod or node leaves one serving.
MIN_SERVICE_REPLICAS = 2
# Kafka's internal topics, whose replication the brokers set: consumer offsets, transaction and share state.
INTERNAL_TOPIC_SETTINGS = {"KAFKA_DEFAULT_REPLICATION_FACTOR": MIN_NODES, "KAFKA_MIN_INSYNC_REPLICAS": MIN_INSYNC,
                           "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR": MIN_NODES,
                           "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR": MIN_NODES,
                           "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR": MIN_INSYNC,
                           "KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR": MIN_NODES,
                           "KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR": MIN_INSYNC}
# MinIO's default parity by erasure-set size (drives) when MINIO_STORAGE_CLASS_STANDARD is not set.
MINIO_DEFAULT_PARITY = ((16, 4), (8, 4), (6, 3), (4, 2), (2, 1))
ELLIPSIS = re.compile(r"\{(\d+)\.\.\.(\d+)\}")


def env_values(container):
    """The literal env values of a container (not those from references)."""
    return {e["name"]: str(e["value"]) for e in container.get("env") or [] if "value" in e}


def main_container(doc):
    return (pod_spec(doc).get("containers") or [{}])[0]


def replicas_of(doc, docs):
    """A Deployment's or StatefulSet's replicas; KEDA's minReplicaCount where a ScaledObject owns the count."""
    scaled = next((d for d in docs if d["kind"] == "ScaledObject" and
                   ((d.get("spec") or {}).get("scaleTargetRef") or {}).get("name") == doc["metadata"]["name"]), None)
    if doc["kind"] == "Deployment" and scaled is not None:
        return scaled["spec"].get("minReplicaCount", 1)
    return (doc.get("spec") or {}).get("replicas", 1)


def spreads_over_nodes(doc):
    """Whether the pods are kept on different nodes (required pod anti-affinity on the host name against themselves)."""
    terms = (((pod_spec(doc).get("affinity") or {}).get("podAntiAffinity") or {})
             .get("requiredDuringSchedulingIgnoredDuringExecution") or [])
    return any(t.get("topologyKey") == "kubernetes.io/hostname"
               and selects(t.get("labelSelector"), template_labels(doc)) for t in terms)


def kafka_roles(docs):
    """The StatefulSets running Kafka, by KAFKA_PROCESS_ROLES: {roles: [StatefulSet, ...]}."""
    by_roles = {}
    for doc in docs:
        if doc["kind"] == "StatefulSet" and "KAFKA_PROCESS_ROLES" in env_values(main_container(doc)):
            listed = env_values(main_container(doc))["KAFKA_PROCESS_ROLES"].split(",")
            roles = ",".join(sorted(role.strip() for role in listed))
            by_roles.setdefault(roles, []).append(doc)
    return by_roles


def node_ids(doc):
    """The node ids a Kafka StatefulSet's pods take: NODE_ID_BASE plus the pod's ordinal, or a fixed KAFKA_NODE_ID."""
    env = env_values(main_container(doc))
    command = " ".join(str(part) for part in main_container(doc).get("command") or [])
    count = doc["spec"].get("replicas", 1)
    if "KAFKA_NODE_ID" in env:
        return [int(env["KAFKA_NODE_ID"])] * count
    if "NODE_ID_BASE" in env and re.search(r"KAFKA_NODE_ID=\$\(\(\s*NODE_ID_BASE\s*\+\s*\$\{HOSTNAME##\*-\}\s*\)\)",
                                           command):
        return [int(env["NODE_ID_BASE"]) + i for i in range(count)]
    return []


def check_kafka_quorum(docs):
    """Three brokers and three controllers in KRaft, dedicated roles, each set spread over nodes, one quorum."""
    problems = []
    by_roles = kafka_roles(docs)
    brokers, controllers = by_roles.get("broker", []), by_roles.get("controller", [])
    if "broker,controller" in by_roles:
        problems.append(f"{', '.join(where(d) for d in by_roles['broker,controller'])}: combined broker and "
                        "controller roles; the replicated layout runs dedicated controllers")
    if [d["metadata"]["name"] for d in brokers] != ["kafka"]:
        problems.append(f"the brokers must be one StatefulSet kafka (KAFKA_PROCESS_ROLES broker), found "
                        f"{[d['metadata']['name'] for d in brokers]}")
    if len(controllers) != 1:
        problems.append(f"the controllers must be one StatefulSet (KAFKA_PROCESS_ROLES controller), found "
                        f"{[d['metadata']['name'] for d in controllers]}")
    if problems:
        return problems, "Kafka runs as dedicated brokers and controllers"
    broker, controller = brokers[0], controllers[0]
    for doc, what in ((broker, "brokers"), (controller, "controllers")):
        count = doc["spec"].get("replicas", 1)
        if count < MIN_NODES:
            problems.append(f"{where(doc)}: {count} {what}; the replicated layout needs at least {MIN_NODES}")
        if what == "controllers" and count % 2 == 0:
            problems.append(f"{where(doc)}: {count} controllers; an even quorum survives no more losses than one less")
        if not spreads_over_nodes(doc):
            problems.append(f"{where(doc)}: no required pod anti-affinity on kubernetes.io/hostname, so two {what} "
                            "could share a node and be lost with it")
    ids = {where(d): node_ids(d) for d in (broker, controller)}
    for name, taken in ids.items():
        if not taken or len(set(taken)) != len(taken):
            problems.append(f"{name}: node ids {taken} are not one per pod (NODE_ID_BASE + the pod's ordinal)")
    shared = set(ids[where(broker)]) & set(ids[where(controller)])
    if shared:
        problems.append(f"brokers and controllers share node ids {sorted(shared)}")
    expected = [f"{node}@{controller['metadata']['name']}-{i}.{controller['spec'].get('serviceName')}."
                for i, node in enumerate(ids[where(controller)])]
    for doc in (broker, controller):
        listed = env_values(main_container(doc)).get("KAFKA_CONTROLLER_QUORUM_VOTERS", "").split(",")
        voters = [voter.strip() for voter in listed]
        if len(voters) != len(expected) or not all(v.startswith(e) for v, e in zip(voters, expected)):
            problems.append(f"{where(doc)}: KAFKA_CONTROLLER_QUORUM_VOTERS {voters} do not name each controller pod "
                            f"({', '.join(e + '*' for e in expected)})")
    sources, _ = ingress_sources(docs, controller)
    peers = {"kafka", controller["metadata"]["name"]}
    if peers - sources:
        problems.append(f"{where(controller)}: does not accept {sorted(peers - sources)} (NetworkPolicy): the brokers "
                        "and the other voters must reach it")
    if sources - peers:
        problems.append(f"{where(controller)}: accepts {sorted(sources - peers)}; only the brokers and the controllers "
                        "may connect")
    return problems, (f"{broker['spec'].get('replicas')} brokers and {controller['spec'].get('replicas')} dedicated "
                      "controllers (KRaft), one per node, in one quorum")


def job_script_and_env(docs, name):
    job = next((d for d in docs if d["kind"] == "Job" and d["metadata"]["name"] == name), None)
    if job is None:
        return None, {}
    container = main_container(job)
    return " ".join(str(p) for p in (container.get("command") or []) + (container.get("args") or [])), \
        env_values(container)


def with_variables(text, env):
    """The text with its shell variables ($NAME, ${NAME}, "$NAME") replaced by the container's env values."""
    return re.sub(r'"?\$\{?(\w+)\}?"?', lambda m: env.get(m[1], m[0]), text)


def check_topic_replication(docs):
    """Every topic on three brokers, a write acknowledged by two; the internal topics likewise."""
    problems = []
    script, env = job_script_and_env(docs, "kafka-topics")
    if script is None:
        return ["no Job kafka-topics"], "the topics are replicated"
    script = with_variables(script, env)
    factor = re.search(r"--replication-factor\s+(\S+)", script)
    insync = re.search(r"min\.insync\.replicas=(\S+)", script)
    if not factor or not factor[1].isdigit():
        problems.append(f"Job kafka-topics: no numeric --replication-factor (TOPIC_REPLICATION_FACTOR), found "
                        f"{factor[1] if factor else None!r}")
    elif int(factor[1]) < MIN_NODES:
        problems.append(f"Job kafka-topics: topics get {factor[1]} replica(s) (TOPIC_REPLICATION_FACTOR); the "
                        f"replicated layout needs {MIN_NODES}, or a lost broker takes partitions with it")
    if not insync or not insync[1].isdigit():
        problems.append(f"Job kafka-topics: no numeric min.insync.replicas (TOPIC_MIN_INSYNC_REPLICAS), found "
                        f"{insync[1] if insync else None!r}")
    elif int(insync[1]) < MIN_INSYNC:
        problems.append(f"Job kafka-topics: min.insync.replicas {insync[1]} (TOPIC_MIN_INSYNC_REPLICAS) lets a write "
                        f"be acknowledged by one broker alone, lost with it; needs at least {MIN_INSYNC}")
    elif factor and factor[1].isdigit() and int(insync[1]) >= int(factor[1]):
        problems.append(f"Job kafka-topics: min.insync.replicas {insync[1]} is not below the replication factor "
                        f"{factor[1]}: writes stop as soon as one replica falls out of sync")
    broker = next(iter(kafka_roles(docs).get("broker", [])), None)
    if broker is not None:
        if factor and factor[1].isdigit() and int(factor[1]) > broker["spec"].get("replicas", 1):
            problems.append(f"Job kafka-topics: replication factor {factor[1]} exceeds the "
                            f"{broker['spec'].get('replicas', 1)} brokers")
        settings = env_values(main_container(broker))
        for key, least in INTERNAL_TOPIC_SETTINGS.items():
            if not settings.get(key, "").isdigit() or int(settings[key]) < least:
                problems.append(f"{where(broker)}: {key} is {settings.get(key)!r}, needs at least {least}")
    return problems, (f"topics with replication factor {factor[1] if factor else '?'} and min.insync.replicas "
                      f"{insync[1] if insync else '?'}; the internal topics likewise")


def expand_ellipses(text):
    """MinIO's {a...b} expansion of a server argument, e.g. host-{0...2}/data{0...1} into 6 host/drive paths."""
    match = ELLIPSIS.search(text)
    if not match:
        return [text]
    return [expanded for i in range(int(match[1]), int(match[2]) + 1)
            for expanded in expand_ellipses(text[:match.start()] + str(i) + text[match.end():])]


def check_object_store(docs):
    """Distributed, erasure-coded MinIO that keeps reading and writing with a server (a node) lost; or external S3."""
    problems = []
    minio = next((d for d in docs if d["kind"] == "StatefulSet" and d["metadata"]["name"] == "minio"), None)
    config = next((d.get("data") or {} for d in docs if d["kind"] == "ConfigMap"
                   and d["metadata"]["name"] == "prune-distill-config"), {})
    endpoint = str(config.get("PD_STORE_ENDPOINT", ""))
    if minio is None:
        if re.match(r"https?://minio[:/.]", endpoint) or not endpoint:
            problems.append(f"no StatefulSet minio, but PD_STORE_ENDPOINT is {endpoint!r}")
        return problems, f"external S3 at {endpoint}"
    container = main_container(minio)
    count = minio["spec"].get("replicas", 1)
    urls = [a for a in container.get("args") or [] if str(a).startswith("http")]
    drives = [d for url in urls for d in expand_ellipses(str(url))]
    # Each server by its pod and governing Service, the first two labels of its host name (the rest is the namespace).
    servers = sorted({".".join(re.sub(r"^https?://([^:/]+).*$", r"\1", d).split(".")[:2]) for d in drives})
    expected = sorted(f"{minio['metadata']['name']}-{i}.{minio['spec'].get('serviceName')}" for i in range(count))
    if not drives:
        problems.append(f"{where(minio)}: a single-server MinIO (no http://server/drive arguments); the replicated "
                        "layout needs a distributed one")
        return problems, "the object store is distributed"
    if servers != expected:
        problems.append(f"{where(minio)}: the servers named {servers} are not its {count} pods {expected}")
    if len(drives) < 4:
        problems.append(f"{where(minio)}: {len(drives)} drives; erasure coding needs at least 4")
    per_server = len(drives) // max(len(servers), 1)
    mounts = {m.get("mountPath") for m in container.get("volumeMounts") or []
              if m.get("name") in {t["metadata"]["name"] for t in minio["spec"].get("volumeClaimTemplates") or []}}
    unmounted = sorted({re.sub(r"^https?://[^/]+", "", d) for d in drives} - mounts)
    if unmounted:
        problems.append(f"{where(minio)}: drives {unmounted} are not volumes of its volumeClaimTemplates")
    storage_class = env_values(container).get("MINIO_STORAGE_CLASS_STANDARD", "")
    parity = int(storage_class[3:]) if re.fullmatch(r"EC:\d+", storage_class) else \
        next((p for size, p in MINIO_DEFAULT_PARITY if len(drives) >= size), 0)
    data = len(drives) - parity
    write_quorum = data + 1 if parity == len(drives) / 2 else data
    left = len(drives) - per_server
    if parity > len(drives) // 2:
        problems.append(f"{where(minio)}: parity EC:{parity} exceeds half the {len(drives)} drives")
    elif data > left or write_quorum > left:
        problems.append(f"{where(minio)}: with EC:{parity} over {len(drives)} drives, reads need {data} and writes "
                        f"{write_quorum}, but a lost server leaves {left}: raise the parity or the servers")
    if not spreads_over_nodes(minio):
        problems.append(f"{where(minio)}: no required pod anti-affinity on kubernetes.io/hostname, so two servers "
                        "could share a node and take more drives than the parity with it")
    if "minio" not in ingress_sources(docs, minio)[0]:
        problems.append(f"{where(minio)}: the servers do not accept each other (NetworkPolicy)")
    return problems, (f"distributed MinIO: {len(servers)} servers x {per_server} drives, EC:{parity}; a lost server "
                      f"leaves {left} drives for reads ({data}) and writes ({write_quorum})")


def check_service_replicas(docs):
    """Each service runs at least two replicas (KEDA's minimum for the analysers), results-api behind its Service."""
    problems = []
    deployments = {d["metadata"]["name"]: d for d in docs if d["kind"] == "Deployment"}
    for name in SERVICES:
        if name not in deployments:
            continue  # check_probes names the missing service
        count = replicas_of(deployments[name], docs)
        if count < MIN_SERVICE_REPLICAS:
            role = "behind its Service" if name == "results-api" else "in its consumer group"
            owner = " (the ScaledObject's minReplicaCount)" if any(
                d["kind"] == "ScaledObject" and d["metadata"]["name"] == name for d in docs) else ""
            problems.append(f"Deployment/{name}: {count} replica(s){owner}; the replicated layout needs at least "
                            f"{MIN_SERVICE_REPLICAS} {role}, so a lost pod or node leaves one serving")
    return problems, f"each of the {len(SERVICES)} services runs at least {MIN_SERVICE_REPLICAS} replicas"


def check_disruption_budgets(docs):
    """One PodDisruptionBudget per Deployment and StatefulSet: a drain evicts one pod at a time, never all."""
    problems = []
    budgets = [d for d in docs if d["kind"] == "PodDisruptionBudget"]
    covered = 0
    for doc in (d for d in docs if d["kind"] in ("Deployment", "StatefulSet")):
        labels = template_labels(doc)
        mine = [b for b in budgets if selects((b.get("spec") or {}).get("selector"), labels)]
        if not mine:
            problems.append(f"{where(doc)}: no PodDisruptionBudget selects its pods, so a node drain or upgrade may "
                            "evict all of them at once")
            continue
        if len(mine) > 1:
            problems.append(f"{where(doc)}: {len(mine)} PodDisruptionBudgets select its pods; the eviction API refuses "
                            "pods with more than one")
            continue
        covered += 1
        spec, count = mine[0].get("spec") or {}, replicas_of(doc, docs)
        if "maxUnavailable" in spec:
            allowed = spec["maxUnavailable"]
        elif "minAvailable" in spec:
            allowed = count - spec["minAvailable"] if isinstance(spec["minAvailable"], int) else None
        else:
            allowed = None
        if not isinstance(allowed, int):
            problems.append(f"{where(mine[0])}: give maxUnavailable or minAvailable as a number of pods")
        elif allowed < 1:
            problems.append(f"{where(mine[0])}: allows no eviction of {where(doc)}'s {count} pod(s): a drain would "
                            "never finish")
        elif allowed > 1 and doc["kind"] == "StatefulSet":
            problems.append(f"{where(mine[0])}: lets {allowed} pods of {where(doc)} go at once; its quorum survives "
                            "one")
    return problems, f"{covered} workloads each have a PodDisruptionBudget that evicts one pod at a time"


REPLICATED_CHECKS = (("kafka-quorum", check_kafka_quorum), ("topic-replication", check_topic_replication),
                     ("object-store", check_object_store), ("service-replicas", check_service_replicas),
                     ("disruption-budgets", check_disruption_budgets))


# --- checks across files ---

# The replay Job of k8s/replay/: the analyser images it may run and the prefix of each one's settings.
REPLAY_SETTINGS = {"id-estimator": "PD_ID_", "info-decoder": "PD_INFO_"}
REPLAY_GROUP = "MP_MESSAGING_INCOMING_ACTIVATIONS_GROUP_ID"


def check_replay(docs):
    """The replay Job (./pd replay on Kubernetes): its own consumer group, one run list, the analyser's settings."""
    job = next((d for d in docs if d["kind"] == "Job" and d["metadata"]["name"] == "analyser-replay"), None)
    parameters = next((d for d in docs if d["kind"] == "ConfigMap" and d["metadata"]["name"] == "analyser-replay"),
                      None)
    if job is None or parameters is None:
        return ["no Job and ConfigMap analyser-replay"], "replay"
    problems, spec = [], pod_spec(job)
    values = {key: str(value) for key, value in (parameters.get("data") or {}).items()}

    def reads_parameters(container):
        return any((source.get("configMapRef") or {}).get("name") == "analyser-replay"
                   for source in container.get("envFrom") or [])

    sidecars = [c for c in spec.get("initContainers") or [] if c.get("restartPolicy") == "Always"]
    analyser = next((c for c in sidecars if str(c.get("image", "")).rsplit("/", 1)[-1].split(":")[0]
                     in REPLAY_SETTINGS), None)
    if analyser is None:
        problems.append("the analyser (id-estimator or info-decoder image) is not a native sidecar "
                        "(initContainers with restartPolicy: Always), so the Job could never complete")
        name = None
    else:
        name = analyser["image"].rsplit("/", 1)[-1].split(":")[0]
        if not reads_parameters(analyser):
            problems.append("the analyser does not read the ConfigMap analyser-replay (envFrom)")
    if not any(reads_parameters(c) for c in spec.get("containers") or []):
        problems.append("no container waits on the replay's consumer group (envFrom the ConfigMap analyser-replay)")
    runs = values.get("PD_REPLAY_RUNS", "")
    if not runs.strip() or any(not run.strip() or "/" in run for run in runs.split(",")):
        problems.append(f"PD_REPLAY_RUNS {runs!r} is not a comma-separated list of run ids")
    group = values.get(REPLAY_GROUP, "").strip()
    if not group:
        problems.append(f"{REPLAY_GROUP} is not set: the replay needs a consumer group of its own")
    elif group in ANALYSER_GROUPS.values():
        problems.append(f"{REPLAY_GROUP} is {group!r}, a live analyser's group: the replay would take its partitions")
    if name is not None:
        own = [key for key in values if key.startswith(REPLAY_SETTINGS[name])]
        foreign = [key for key in values for other, prefix in REPLAY_SETTINGS.items()
                   if other != name and key.startswith(prefix)]
        if not own:
            problems.append(f"no setting of {name} ({REPLAY_SETTINGS[name]}*) is changed: the replay would only "
                            "reproduce the results there are")
        if foreign:
            problems.append(f"{sorted(foreign)} are not settings of {name}")
    if spec.get("restartPolicy") not in ("Never", "OnFailure") or not (job.get("spec") or {}).get(
            "activeDeadlineSeconds"):
        problems.append("the Job needs restartPolicy Never or OnFailure and an activeDeadlineSeconds")
    for store in ("kafka", "minio"):
        target = next((w for w in workloads(docs) if w["metadata"]["name"] == store), None)
        if target is not None and "analyser-replay" not in ingress_sources(docs, target)[0]:
            problems.append(f"{store} does not accept the replay's pod (NetworkPolicy)")
    labels = template_labels(job)
    for service in (d for d in docs if d["kind"] == "Service"):
        if selects({"matchLabels": (service.get("spec") or {}).get("selector") or {}}, labels):
            problems.append(f"Service/{service['metadata']['name']} selects the replay's pod")
    return problems, f"the replay Job runs {name or 'an analyser'} in a consumer group of its own on run(s) {runs}"


def check_kustomizations(paths):
    """Each kustomization lists the numbered files of its directory in name order, after the bases it builds on."""
    problems, files = [], 0
    for path in paths:
        directory = Path(path).parent
        listed = (yaml.safe_load(Path(path).read_text()) or {}).get("resources") or []
        bases = [r for r in listed if (directory / r / "kustomization.yaml").is_file()]
        numbered = sorted(p.name for p in directory.glob("[0-9]*.yaml"))
        files += len(numbered)
        if listed != bases + numbered:
            problems.append(f"{path}: resources {listed} differ from its bases {bases} and then the numbered files "
                            f"in name order {numbered}")
    return problems, f"{len(paths)} kustomizations list their {files} numbered files in order"


def check_compose(path):
    problems = []
    services = (yaml.safe_load(Path(path).read_text()) or {}).get("services") or {}
    for name, port in SERVICES.items():
        service = services.get(name)
        if service is None:
            problems.append(f"compose: no service {name}")
            continue
        build = service.get("build")
        context = build.get("context") if isinstance(build, dict) else build
        if context != SERVICE_BUILD_DIRS[name]:
            problems.append(f"compose {name}: build context {context!r}, expected {SERVICE_BUILD_DIRS[name]}")
        environment = compose_environment(service)
        problems += [f"compose {name}: {problem}" for problem in configuration_problems(name, environment)]
        problems += [f"compose {name}: {problem}" for problem in compose_memory_problems(name, service, environment)]
        for key, expected in PRODUCER_SETTINGS.items():
            if str(environment.get(key, "")).lower() != expected:
                problems.append(f"compose {name}: {key} is {environment.get(key)!r}, expected {expected!r}")
        if not any(str(p).split(":")[-1] == str(port) for p in service.get("ports") or []):
            problems.append(f"compose {name}: does not publish its HTTP port {port}")
        test = " ".join(str(t) for t in (service.get("healthcheck") or {}).get("test") or [])
        if "/q/health/ready" not in test:
            problems.append(f"compose {name}: healthcheck does not ask /q/health/ready")
        depends = service.get("depends_on") or {}
        for init in ("kafka-init", "minio-init"):
            if not isinstance(depends, dict) or (depends.get(init) or {}).get("condition") != \
                    "service_completed_successfully":
                problems.append(f"compose {name}: does not wait for {init} (service_completed_successfully)")
    problems += check_budgets.check_compose_lifecycle(yaml.safe_load(Path(path).read_text()) or {})
    for name, service in services.items():
        environment = service.get("environment") or {}
        if isinstance(environment, dict):
            for key, value in environment.items():
                if CREDENTIAL_NAME.search(key) and not str(value).startswith("${"):
                    problems.append(f"compose {name}: {key} is hard-coded; use ${{VAR:-dev-default}}")
    return problems, f"compose builds, configures, health-checks and orders the {len(SERVICES)} services"


def compose_environment(service):
    environment = service.get("environment") or {}
    if isinstance(environment, list):
        environment = dict(item.split("=", 1) if "=" in item else (item, None) for item in environment)
    return environment


def retention_of(flags):
    """Topic.Retention of a topic created with these flags."""
    if "cleanup.policy=compact" in flags:
        return "COMPACTED"
    if "retention.ms=-1" in flags and "retention.bytes=-1" in flags:
        return "FOREVER"
    return "BROKER_DEFAULT"


def expanded(script):
    """The script with its flag variables ($compacted, $forever) written out."""
    for name, flags in FLAG_VARIABLE.findall(script):
        script = re.sub(rf"\$+{name}\b", " ".join(flags.split()), script)
    return script


def topics_in(script):
    """(name, partitions, retention) of each `topic NAME PARTITIONS [...]` line of a creation script."""
    return {(m[1], int(m[2]), retention_of(m[3])) for m in TOPIC_LINE.finditer(expanded(script))}


def migrates_forever(script, topic):
    """Whether the script sets retention forever on an existing topic (kafka-configs.sh --alter)."""
    alter = re.search(rf"kafka-configs\.sh[^\n]*(?:\\\s*\n[^\n]*)*--entity-name {re.escape(topic)}\s"
                      rf"[^\n]*--add-config (\S+)", script)
    return bool(alter) and {"retention.ms=-1", "retention.bytes=-1"} <= set(alter[1].split(","))


def check_topics(enum_path, compose_path, docs):
    problems = []
    if not Path(enum_path).is_file():
        return [f"Topic enum not found at {enum_path}: moved? update .ci/validate-deployment"], "topics"
    expected = {(m[1], int(m[2]), m[3]) for m in TOPIC_ENUM_ENTRY.finditer(Path(enum_path).read_text())}
    if not expected:
        problems.append(f"no topics parsed from {enum_path}")
    services = (yaml.safe_load(Path(compose_path).read_text()) or {}).get("services") or {}
    init = services.get("kafka-init") or {}
    compose_script = " ".join(str(p) for p in _as_list(init.get("command")) + _as_list(init.get("entrypoint")))
    job = next((d for d in docs if d["kind"] == "Job" and d["metadata"]["name"] == "kafka-topics"), None)
    job_script = "" if job is None else " ".join(
        str(p) for c in containers(pod_spec(job)) for p in (c.get("command") or []) + (c.get("args") or []))
    for label, found in (("compose kafka-init", topics_in(compose_script)),
                         ("k8s Job kafka-topics", topics_in(job_script))):
        if found != expected:
            problems.append(f"{label}: missing {sorted(expected - found)}, unexpected {sorted(found - expected)}")
    for label, script in (("compose kafka-init", compose_script), ("k8s Job kafka-topics", job_script)):
        for name in sorted(name for name, _, retention in expected if retention == "FOREVER"):
            if not migrates_forever(script, name):
                problems.append(f"{label}: does not set retention.ms=-1 and retention.bytes=-1 on an existing {name}"
                                " (kafka-configs.sh --alter --entity-name ... --add-config)")
    return problems, (f"compose and k8s create the {len(expected)} topics of the Topic enum with their retention,"
                      " and keep an existing run log forever")


def _as_list(value):
    return value if isinstance(value, list) else [] if value is None else [value]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rendered")
    parser.add_argument("--layout", choices=("single-node", "replicated"), default="single-node")
    parser.add_argument("--kustomization", action="append", default=[],
                        help="a kustomization.yaml whose resources to check (repeatable)")
    parser.add_argument("--compose")
    parser.add_argument("--topic-enum")
    parser.add_argument("--replay", help="the replay Job's manifest, checked with the rest")
    parser.add_argument("--images", help="the kustomize component whose images: every container must use")
    args = parser.parse_args()

    docs = [d for d in yaml.safe_load_all(Path(args.rendered).read_text()) if d]
    if args.replay:
        docs += [d for d in yaml.safe_load_all(Path(args.replay).read_text()) if d]
    checks = [("identity", partial(check_identity, docs))]
    if not check_identity(docs)[0]:  # the other checks index kind and metadata.name freely
        checks += [(name, partial(check, docs)) for name, check in (
            ("namespace", check_namespace), ("labels", check_labels), ("selectors", check_selectors),
            ("containers", check_containers), ("non-root", check_non_root), ("probes", check_probes),
            ("services", check_services), ("secrets", check_secrets), ("references", check_references),
            ("readiness", check_readiness), ("network-policies", check_network_policies),
            ("api-token", check_api_token), ("producers", check_producers), ("autoscaling", check_autoscaling),
            ("service-config", check_budgets.check_service_config), ("memory", check_budgets.check_memory),
            ("disks", check_budgets.check_disks), ("egress", check_budgets.check_egress),
            ("bucket-lifecycle", check_budgets.check_lifecycle), ("schemas", check_budgets.check_schemas))]
        checks.append(("metrics", partial(check_budgets.check_metrics, docs, ingress_sources)))
        checks.append(("dockerfiles", check_budgets.check_dockerfiles))
        if args.images:
            checks.append(("images", partial(check_budgets.check_images, docs, args.images)))
        if args.layout == "replicated":
            checks += [(name, partial(check, docs)) for name, check in REPLICATED_CHECKS]
    if args.replay and not check_identity(docs)[0]:
        checks.append(("replay", partial(check_replay, docs)))
    if args.kustomization:
        checks.append(("kustomization", partial(check_kustomizations, args.kustomization)))
    if args.compose:
        checks.append(("compose", partial(check_compose, args.compose)))
    if args.compose and args.topic_enum:
        checks.append(("topics", partial(check_topics, args.topic_enum, args.compose, docs)))

    failed = 0
    for name, run in checks:
        problems, summary = run()
        print(f"{'FAIL' if problems else 'ok  '} {name}: {summary}")
        for problem in problems:
            print(f"       - {problem}")
        failed += bool(problems)
    print(f"deployment: {len(checks) - failed} passed, {failed} failed")
    return 1 if failed else 0


# check_budgets uses these helpers of this module.
check_budgets.pod_spec, check_budgets.template_labels, check_budgets.selects = pod_spec, template_labels, selects
check_budgets.where, check_budgets.containers, check_budgets.yaml = where, containers, yaml

if __name__ == "__main__":
    sys.exit(main())
