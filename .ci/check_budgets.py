"""The checks of .ci/check_k8s.py that hold the deployment files against the services' own configuration and their
measured needs: configuration keys and ports, memory (heap + the JVM's capped pools + native budgets within the
limit), threads (the CPU limit), disks (size-limited volumes and ephemeral storage), the Dockerfiles, metrics and
egress under the NetworkPolicies, the bucket's object lifecycle, the vendored schemas and the images' one place.
Each returns (problems, summary) as the checks of check_k8s.py do.
"""
import json
import math
import re
from pathlib import Path

import service_config
from service_config import REPOSITORY, env_name

MIB = 1 << 20
# Environment variables the services' processes read besides their configuration keys: the JVM launcher's options,
# run-java.sh's, glibc's (arenas, tunables) and the native math libraries' threads (count, idle timeout).
PROCESS_ENV = {"JDK_JAVA_OPTIONS", "JAVA_OPTS_APPEND", "JAVA_MAX_MEM_RATIO", "MALLOC_ARENA_MAX", "GLIBC_TUNABLES",
               "OPENBLAS_NUM_THREADS", "OPENBLAS_THREAD_TIMEOUT", "OMP_NUM_THREADS"}
# The JVM's pools beside the heap that the Dockerfiles cap; without a cap a pool could grow past any limit.
JVM_POOLS = {"MaxMetaspaceSize": "metaspace", "ReservedCodeCacheSize": "code cache",
             "MaxDirectMemorySize": "direct buffers"}
# What no flag caps: thread stacks, GC structures, symbol tables and the native libraries' code, MiB. The
# services' measured peak RSS less heap and pools leaves less than this (k8s/README.md, Memory).
JVM_OTHER_MIB = 96
# Native memory each service uses outside the JVM's pools, MiB: a budget the service itself enforces (an environment
# variable), or an allowance measured under a setting the check requires.
ND4J_BUDGET = "PD_ID_NEIGHBOUR_MEMORY_MB"  # pd.id.neighbour-memory-mb: the ND4J neighbour search's off-heap memory
# pd.extraction.onnx-memory-mb: ONNX Runtime's native memory, which the extractor keeps by running as many images at
# once as fit (OnnxMemoryCap).
ONNX_BUDGET = "PD_EXTRACTION_ONNX_MEMORY_MB"
# The extractor's heap holds a batch's activations; it was measured for batches of at most this many conditions
# (activation-extractor/README.md: a peak heap of 289 MiB for 8 conditions x 10 trials of a 100,352-unit layer).
MEASURED_BATCH = 8
# The thread settings that must equal the container's CPU limit where they are set.
THREAD_ENV = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "PD_EXTRACTION_ONNX_THREADS", "PD_INFO_PARALLELISM")
QUANTITY = re.compile(r"^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T|m)?$")
UNITS = {None: 1, "Ki": 1 << 10, "Mi": MIB, "Gi": 1 << 30, "Ti": 1 << 40, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12}
JVM_SIZE = re.compile(r"^(\d+)([kKmMgG]?)$")
# Kafka keeps pd.activations for its default retention (log.retention.hours 168): a replay needs the tensors that long.
ACTIVATIONS_RETENTION_DAYS = 7
# The claim-check prefixes that must never expire: results-api serves the per-unit tables for ever.
KEPT_PREFIXES = ("results/",)
SCHEMA_FILES = ("kubernetes.json", "keda-scaledobject.json")


def quantity(text):
    """Bytes of a Kubernetes quantity (or cores, for cpu: '500m' is 0.5)."""
    match = QUANTITY.match(str(text).strip())
    if not match:
        return None
    if match[2] == "m":
        return float(match[1]) / 1000
    return float(match[1]) * UNITS[match[2]]


def jvm_bytes(text):
    match = JVM_SIZE.match(text)
    return int(match[1]) * {"": 1, "k": 1 << 10, "m": MIB, "g": 1 << 30}[match[2].lower()] if match else None


def jvm_flags(options):
    """-Xmx and -XX:Name=size flags of a JVM option string, in bytes."""
    flags = {}
    for word in str(options or "").split():
        if word.startswith("-Xmx"):
            flags["Xmx"] = jvm_bytes(word[4:])
        elif re.match(r"-XX:\w+=\S+$", word):
            name, value = word[4:].split("=", 1)
            flags[name] = jvm_bytes(value)
    return flags


def dockerfile_of(service):
    return service_config.dockerfile_env(service_config.load_cached()[service].dockerfile)


def memory_problems(service, limit_bytes, env, where):
    """Why heap + pools + native budgets of a service do not fit its memory limit (env: the literal values it is
    given), and the sum in MiB."""
    image_env, _, _ = dockerfile_of(service)
    options = {**jvm_flags(image_env.get("JAVA_OPTS_APPEND")), **jvm_flags(env.get("JAVA_OPTS_APPEND")),
               **jvm_flags(env.get("JDK_JAVA_OPTIONS")), **jvm_flags(env.get("JAVA_TOOL_OPTIONS"))}
    problems, parts = [], []
    if limit_bytes is None:
        return [f"{where}: no memory limit"], 0
    if options.get("Xmx") is None:
        problems.append(f"{where}: no heap (-Xmx in JDK_JAVA_OPTIONS) set from the limit; the image would take "
                        f"{image_env.get('JAVA_MAX_MEM_RATIO', 80)}% of it whatever the native budgets need")
        return problems, 0
    parts.append(("heap (-Xmx)", options["Xmx"]))
    for flag, label in JVM_POOLS.items():
        if options.get(flag) is None:
            problems.append(f"{where}: {label} is not capped (-XX:{flag} in the Dockerfile's JAVA_OPTS_APPEND)")
        else:
            parts.append((f"{label} (-XX:{flag})", options[flag]))
    parts.append(("the JVM's threads, GC and code", JVM_OTHER_MIB * MIB))
    if service == "id-estimator":
        value = env.get(ND4J_BUDGET)
        if value is None or not str(value).isdigit():
            problems.append(f"{where}: {ND4J_BUDGET} is not set: the ND4J neighbour search would take its default 2048 "
                            "MiB off-heap whatever the limit")
        else:
            parts.append((f"ND4J neighbour search ({ND4J_BUDGET})", int(value) * MIB))
    if service == "activation-extractor":
        batch = env.get("PD_EXTRACTION_BATCH_CONDITIONS")
        if batch is None or not str(batch).isdigit() or int(batch) > MEASURED_BATCH:
            problems.append(f"{where}: PD_EXTRACTION_BATCH_CONDITIONS is {batch!r}; the extractor's heap was measured "
                            f"for batches of at most {MEASURED_BATCH} conditions")
        value = env.get(ONNX_BUDGET)
        if value is None or not str(value).isdigit():
            problems.append(f"{where}: {ONNX_BUDGET} is not set: ONNX Runtime would take its default 768 MiB whatever "
                            "the limit")
        else:
            parts.append((f"ONNX Runtime ({ONNX_BUDGET})", int(value) * MIB))
    total = sum(size for _, size in parts)
    if not problems and total > limit_bytes:
        problems.append(f"{where}: memory limit {limit_bytes / MIB:.0f} MiB is below "
                        + " + ".join(f"{label} {size / MIB:.0f}" for label, size in parts)
                        + f" = {total / MIB:.0f} MiB: the kernel would kill it under real work")
    return problems, total / MIB


def thread_problems(env, cpu_limit, where, from_limit=()):
    """Thread counts that differ from the CPU limit (from_limit: the names taken from limits.cpu by reference)."""
    problems = []
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        if name not in env and name not in from_limit:
            problems.append(f"{where}: {name} is not set: the native math libraries would size their pools to the "
                            "node's cores")
    if cpu_limit is None:
        return problems + [f"{where}: no CPU limit to size the threads by"]
    for name in THREAD_ENV:
        if name in env and str(env[name]) != str(math.ceil(cpu_limit)):
            problems.append(f"{where}: {name} is {env[name]}, not the CPU limit {math.ceil(cpu_limit)}")
    return problems


def container_env(container):
    """(literal env values, names taken from the container's own limits.cpu)."""
    literal, from_cpu = {}, set()
    for entry in container.get("env") or []:
        if "value" in entry:
            literal[entry["name"]] = str(entry["value"])
        field = ((entry.get("valueFrom") or {}).get("resourceFieldRef") or {})
        if field.get("resource") == "limits.cpu" and field.get("containerName") in (None, container.get("name")) \
                and str(field.get("divisor", "1")) == "1":
            from_cpu.add(entry["name"])
    return literal, from_cpu


def env_names(container, docs):
    """Every environment variable name a container gets: its env and the keys of what it reads through envFrom."""
    names = {e["name"] for e in container.get("env") or []}
    for source in container.get("envFrom") or []:
        for kind, key in (("ConfigMap", "configMapRef"), ("Secret", "secretRef")):
            if key in source:
                doc = next((d for d in docs if d["kind"] == kind and d["metadata"]["name"] == source[key].get("name")),
                           {})
                names |= set(doc.get("data") or {}) | set(doc.get("stringData") or {})
    return names


def configuration_problems(service, names):
    """Variables a service is given but does not read (a typo, or a setting it lost), and those it needs."""
    config = service_config.load_cached()[service]
    problems = [f"{name} is no setting of {service} (not in {relative(config.properties_file)} nor its "
                "configuration classes)" for name in sorted(names)
                if name not in PROCESS_ENV and not config.reads(name)]
    missing = sorted(env_name(key) for key in config.required if env_name(key) not in names)
    if missing:
        problems.append(f"lacks {missing}, which {service} needs (no default, or a localhost one)")
    return problems


def relative(path):
    return str(Path(path).relative_to(REPOSITORY))


def service_containers(docs):
    """(service, workload, container) of each container running a service's image: the Deployments and the replay."""
    found = []
    for doc in docs:
        spec = pod_spec(doc)
        if spec is None:
            continue
        for container in (spec.get("initContainers") or []) + (spec.get("containers") or []):
            image = str(container.get("image", "")).rsplit("/", 1)[-1].split(":")[0]
            if image in service_config.SERVICE_DIRS:
                found.append((image, doc, container))
    return found


def check_service_config(docs):
    """Ports, annotations and variables of each service container as the service's own configuration says."""
    problems, count = [], 0
    configs = service_config.load_cached()
    for service, doc, container in service_containers(docs):
        count += 1
        here = where(doc, container)
        config = configs[service]
        declared = {p.get("name"): p.get("containerPort") for p in container.get("ports") or []}
        for port_name, key, expected in (("http", "quarkus.http.port", config.http_port),
                                         ("grpc", "quarkus.grpc.server.port", config.grpc_port)):
            if expected is not None and declared.get(port_name) != expected:
                problems.append(f"{here}: port {port_name} is {declared.get(port_name)}, but {key} of "
                                f"{relative(config.properties_file)} is {expected}")
        annotations = ((doc.get("spec") or {}).get("template") or {}).get("metadata", {}).get("annotations") or {}
        if doc["kind"] == "Deployment" and str(annotations.get("prometheus.io/port")) != str(config.http_port):
            problems.append(f"{here}: prometheus.io/port is {annotations.get('prometheus.io/port')!r}, but the "
                            f"metrics are on quarkus.http.port {config.http_port}")
        problems += [f"{here}: {p}" for p in configuration_problems(service, env_names(container, docs))]
    return problems, (f"{count} service containers use the ports, and only the settings, of their services' "
                      "application.properties and configuration classes, and get every setting without a default")


def check_memory(docs):
    """Heap + the JVM's capped pools + native budgets fit each service's memory limit; native threads = CPU limit."""
    problems, sums = [], []
    for service, doc, container in service_containers(docs):
        here = where(doc, container)
        literal, from_cpu = container_env(container)
        limits = (container.get("resources") or {}).get("limits") or {}
        found, total = memory_problems(service, quantity(limits.get("memory", "")), literal, here)
        problems += found
        sums.append(f"{service} {total:.0f}/{(quantity(limits.get('memory', '0')) or 0) / MIB:.0f}")
        cpu = quantity(limits.get("cpu", "")) if limits.get("cpu") else None
        problems += thread_problems(literal, cpu, here, from_cpu)
        requests = (container.get("resources") or {}).get("requests") or {}
        if quantity(requests.get("memory", "0")) != quantity(limits.get("memory", "")):
            problems.append(f"{here}: requests {requests.get('memory')} of memory, less than its limit "
                            f"{limits.get('memory')}: a node short of memory would kill it first")
    return problems, f"heap + JVM pools + native budgets within the limit, MiB: {', '.join(sorted(set(sums)))}"


def compose_memory_problems(service, definition, environment):
    literal = {k: str(v) for k, v in environment.items() if v is not None}
    limit = definition.get("mem_limit")
    limit_bytes = jvm_bytes(str(limit).lower().rstrip("b")) if limit is not None else None
    problems, _ = memory_problems(service, limit_bytes, literal, "mem_limit")
    cpus = definition.get("cpus")
    return problems + thread_problems(literal, float(cpus) if cpus is not None else None, "cpus")


def check_disks(docs):
    """Every emptyDir is size-limited and every container writing to one requests that much ephemeral storage."""
    problems, count = [], 0
    for doc in (d for d in docs if pod_spec(d) is not None):
        spec = pod_spec(doc)
        sizes = {}
        for volume in spec.get("volumes") or []:
            if "emptyDir" in volume:
                limit = (volume.get("emptyDir") or {}).get("sizeLimit")
                if limit is None:
                    problems.append(f"{where(doc)}: emptyDir {volume['name']} has no sizeLimit: a spill or a log could "
                                    "fill the node's disk")
                sizes[volume["name"]] = quantity(limit) if limit else 0
        for container in (spec.get("initContainers") or []) + (spec.get("containers") or []):
            mounted = sum(sizes.get(m.get("name"), 0) for m in container.get("volumeMounts") or []
                          if m.get("name") in sizes)
            if not mounted:
                continue
            count += 1
            resources = container.get("resources") or {}
            request = quantity((resources.get("requests") or {}).get("ephemeral-storage", ""))
            limit = quantity((resources.get("limits") or {}).get("ephemeral-storage", ""))
            if request is None or request < mounted:
                problems.append(f"{where(doc, container)}: requests {request and request / MIB:.0f} MiB of "
                                f"ephemeral-storage, less than its emptyDir volumes ({mounted / MIB:.0f} MiB)")
            if limit is None or (request is not None and limit < request):
                problems.append(f"{where(doc, container)}: no ephemeral-storage limit at or above its request")
    return problems, f"every emptyDir is size-limited; {count} containers request the ephemeral storage they write"


def check_metrics(docs, ingress_sources):
    """Prometheus (namespace monitoring) reaches every service's /q/metrics under the NetworkPolicies."""
    problems = []
    by_name = {d["metadata"]["name"]: d for d in docs if d["kind"] == "Deployment"}
    for service, config in service_config.load_cached().items():
        doc = by_name.get(service)
        if doc is None:
            continue
        annotations = (doc["spec"]["template"].get("metadata") or {}).get("annotations") or {}
        if annotations.get("prometheus.io/scrape") != "true" or annotations.get("prometheus.io/path") != "/q/metrics":
            problems.append(f"{where(doc)}: not annotated for scraping (prometheus.io/scrape \"true\", "
                            "path /q/metrics)")
        sources, ports = ingress_sources(docs, doc)
        if not ({"anyone", "namespace monitoring"} & sources) or not ({config.http_port, "all"} & ports):
            problems.append(f"{where(doc)}: Prometheus (namespace monitoring) cannot reach /q/metrics on port "
                            f"{config.http_port}: no NetworkPolicy admits it (accepts {sorted(sources)})")
    return problems, "Prometheus (namespace monitoring) may scrape every service's /q/metrics"


def egress_destinations(docs, target):
    """What a workload may connect to: {'dns', workload names, 'outside'}, or None when no policy limits it."""
    labels = template_labels(target)
    destinations, limited = set(), False
    for policy in (d for d in docs if d["kind"] == "NetworkPolicy"):
        spec = policy.get("spec") or {}
        if "Egress" not in (spec.get("policyTypes") or []) or not selects(spec.get("podSelector"), labels):
            continue
        limited = True
        for rule in spec.get("egress") or []:
            peers = rule.get("to") or []
            if not peers:
                destinations.add("anywhere")
            for peer in peers:
                pods = (peer.get("podSelector") or {}).get("matchLabels") or {}
                namespaces = (peer.get("namespaceSelector") or {}).get("matchLabels") or {}
                if namespaces.get("kubernetes.io/metadata.name") == "kube-system" and pods.get("k8s-app") == "kube-dns":
                    destinations.add("dns")
                elif "ipBlock" in peer or "namespaceSelector" in peer:
                    destinations.add("outside")
                elif "podSelector" in peer:
                    destinations |= {w["metadata"]["name"] for w in docs if pod_spec(w) is not None
                                     and selects(peer["podSelector"], template_labels(w))}
    return destinations if limited else None


def check_egress(docs):
    """The services, the Jobs and a replay reach DNS, Kafka and the object store, and nothing else."""
    problems, count = [], 0
    stores = {"kafka", "minio"} & {d["metadata"]["name"] for d in docs if d["kind"] == "StatefulSet"}
    allowed = {"dns"} | stores | ({"outside"} if "minio" not in stores else set())
    for doc in (d for d in docs if pod_spec(d) is not None):
        name = doc["metadata"]["name"]
        if not (name in service_config.SERVICE_DIRS or doc["kind"] in ("Job", "CronJob")):
            continue
        count += 1
        destinations = egress_destinations(docs, doc)
        if destinations is None:
            problems.append(f"{where(doc)}: no NetworkPolicy limits its egress; it may connect anywhere")
            continue
        if destinations - allowed:
            problems.append(f"{where(doc)}: may also reach {sorted(destinations - allowed)}; only DNS, Kafka and the "
                            "object store")
        if name in service_config.SERVICE_DIRS and not {"dns"} | stores <= destinations:
            problems.append(f"{where(doc)}: cannot reach {sorted(({'dns'} | stores) - destinations)}")
    return problems, f"{count} services and Jobs reach only DNS, Kafka and the object store"


def lifecycle_rules(text):
    """(prefix, days) of each enabled expiration rule of an S3 lifecycle configuration (JSON)."""
    rules = []
    for rule in json.loads(text).get("Rules") or []:
        if rule.get("Status") == "Enabled" and "Expiration" in rule:
            prefix = (rule.get("Filter") or {}).get("Prefix", rule.get("Prefix", ""))
            rules.append((prefix, (rule.get("Expiration") or {}).get("Days")))
    return rules


def claim_prefixes():
    """The prefixes the services store objects under: claim-check's ObjectKeys and the extractor's cache."""
    keys = (REPOSITORY / "claim-check/src/main/java/org/prunedistill/claimcheck/ObjectKeys.java").read_text()
    cache = (REPOSITORY / "activation-extractor/service/src/main/java/org/prunedistill/extractor/ExtractionCache.java"
             ).read_text()
    prefixes = {value + "/" for value in re.findall(r'static final String \w+ = "([\w-]+)";', keys)}
    return prefixes | set(re.findall(r'static final String PREFIX = "([\w-]+/)";', cache))


def check_lifecycle(docs):
    """The bucket's lifecycle: transient objects expire, the results' tables never, tensors outlive their replays."""
    problems = []
    config = next((d for d in docs if d["kind"] == "ConfigMap" and d["metadata"]["name"] == "bucket-lifecycle"), None)
    job = next((d for d in docs if d["kind"] == "Job" and d["metadata"]["name"] == "minio-bucket"), None)
    if config is None or job is None:
        return ["no ConfigMap bucket-lifecycle and Job minio-bucket"], "bucket lifecycle"
    script = " ".join(str(p) for c in pod_spec(job).get("containers") or [] for p in c.get("command") or [])
    mounts = [v for v in pod_spec(job).get("volumes") or [] if (v.get("configMap") or {}).get("name") ==
              "bucket-lifecycle"]
    if not mounts or "ilm import" not in script:
        problems.append("Job minio-bucket does not import the ConfigMap bucket-lifecycle (mc ilm import)")
    rules = lifecycle_rules(next(iter((config.get("data") or {}).values()), "{}"))
    days = dict(rules)
    known = claim_prefixes()
    for prefix, _ in rules:
        if prefix == "" or any(prefix.startswith(kept) or kept.startswith(prefix) for kept in KEPT_PREFIXES):
            problems.append(f"rule on {prefix or 'every object'!r} expires the per-unit result tables, which "
                            "results-api serves for ever")
        elif prefix not in known:
            problems.append(f"rule on {prefix!r}: no such prefix in the store ({sorted(known)})")
    for prefix in sorted(known - set(days) - set(KEPT_PREFIXES)):
        problems.append(f"objects under {prefix!r} never expire")
    cache = days.get("extraction-cache/")
    for prefix in ("tensors/", "documents/"):
        if cache is not None and days.get(prefix) is not None and days[prefix] < cache + ACTIVATIONS_RETENTION_DAYS:
            problems.append(f"{prefix} expire after {days[prefix]} days, before a reused extraction's records leave "
                            f"pd.activations ({cache} days of cache + {ACTIVATIONS_RETENTION_DAYS} of retention)")
    return problems, ("the bucket expires " + ", ".join(f"{p} after {d} d" for p, d in rules)
                      + f"; never {', '.join(KEPT_PREFIXES)}")


def check_compose_lifecycle(compose):
    init = (compose.get("services") or {}).get("minio-init") or {}
    script = " ".join(str(p) for p in (init.get("entrypoint") or []) + (init.get("command") or []))
    if "ilm import" not in script or not any("k8s/base/bucket-lifecycle.json" in str(v)
                                             for v in init.get("volumes") or []):
        return ["compose minio-init: does not import k8s/base/bucket-lifecycle.json (mc ilm import)"]
    return []


def check_dockerfiles():
    """Each service's Dockerfile: a non-root user, its ports, capped JVM pools and a bounded default heap; all four
    the same but for their first comment lines and ports."""
    problems, shapes = [], {}
    for service, config in service_config.load_cached().items():
        path = config.dockerfile
        env, exposed, user = service_config.dockerfile_env(path)
        here = relative(path)
        if user is None or not user.split(":")[0].isdigit() or int(user.split(":")[0]) == 0:
            problems.append(f"{here}: USER {user!r}; needs a numeric non-root uid (runAsNonRoot checks it)")
        ports = {p for p in (config.http_port, config.grpc_port) if p}
        if exposed != ports:
            problems.append(f"{here}: EXPOSE {sorted(exposed)}, but the service listens on {sorted(ports)}")
        for key, port in (("QUARKUS_HTTP_PORT", config.http_port), ("QUARKUS_GRPC_SERVER_PORT", config.grpc_port)):
            if port and env.get(key) != str(port):
                problems.append(f"{here}: {key} is {env.get(key)!r}, but {relative(config.properties_file)} says "
                                f"{port}")
        flags = jvm_flags(env.get("JAVA_OPTS_APPEND"))
        missing = [flag for flag in JVM_POOLS if flags.get(flag) is None]
        if missing:
            problems.append(f"{here}: JAVA_OPTS_APPEND does not cap {missing}")
        ratio = env.get("JAVA_MAX_MEM_RATIO")
        if not (ratio or "").isdigit() or int(ratio) > 50:
            problems.append(f"{here}: JAVA_MAX_MEM_RATIO is {ratio!r}; the default heap must leave at least half the "
                            "container's memory to the native budgets")
        text = path.read_text()
        body = text[len(re.match(r"(#[^\n]*\n)*", text)[0]):]
        for number in sorted(ports, reverse=True):
            body = body.replace(str(number), "PORT")
        shapes.setdefault(re.sub(r"ENV QUARKUS_HTTP_PORT=.*|EXPOSE .*", "", body), []).append(service)
    if len(shapes) > 1:
        problems.append(f"the Dockerfiles differ beyond their header and ports: {sorted(shapes.values())}")
    return problems, f"{len(service_config.SERVICE_DIRS)} Dockerfiles of one pattern: non-root, their ports, capped " \
                     "JVM pools, heap at most half the memory by default"


def check_schemas(docs):
    """Every object against the vendored JSON schema of its kind (.ci/schemas/README.md)."""
    try:
        from jsonschema import Draft7Validator, RefResolver
    except ImportError:
        return ["python3-jsonschema is missing: apt-get install -y python3-jsonschema"], "schemas"
    directory = Path(__file__).resolve().parent / "schemas"
    store = {name: json.loads((directory / name).read_text()) for name in SCHEMA_FILES}
    problems = []
    for doc in docs:
        key = f"{doc.get('apiVersion')}/{doc.get('kind')}"
        owner = next((name for name, schema in store.items() if key in schema["kinds"]), None)
        if owner is None:
            problems.append(f"{where(doc)}: no vendored schema for {key} (.ci/schemas/README.md)")
            continue
        validator = Draft7Validator({"$ref": owner + store[owner]["kinds"][key]["$ref"]},
                                    resolver=RefResolver("", {}, store=store))
        for error in sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path))):
            path = ".".join(map(str, error.absolute_path)) or "(the object)"
            problems.append(f"{where(doc)}: {path}: {error.message[:160]}")
    return problems, f"{len(docs)} objects valid against the vendored schemas of Kubernetes 1.30 and KEDA"


def check_images(docs, component):
    """Every container's image is one of the component's images:, so they are overridable in one place."""
    listed = {entry["name"]: entry for entry in
              (yaml.safe_load(Path(component).read_text()) or {}).get("images") or []}
    problems, count = [], 0
    for doc in (d for d in docs if pod_spec(d) is not None):
        for container in containers(pod_spec(doc)):
            count += 1
            image = str(container.get("image", ""))
            name, _, tag = image.rpartition(":")
            entry = next((e for e in listed.values() if e.get("newName", e["name"]) == name), None)
            if entry is None:
                problems.append(f"{where(doc, container)}: image {image} is not in {component}'s images:")
            elif entry.get("newTag") and entry["newTag"] != tag:
                problems.append(f"{where(doc, container)}: image {image}, but {component} says tag {entry['newTag']}")
    return problems, f"the {count} containers' images are the {len(listed)} of {component}"


# Helpers shared with check_k8s.py, bound there (this module is imported before they exist).
pod_spec = template_labels = selects = where = containers = yaml = None
