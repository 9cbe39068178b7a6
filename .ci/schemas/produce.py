#!/usr/bin/env python3
"""Produces kubernetes.json, the vendored JSON schemas of the Kubernetes kinds the manifests use (README.md beside it).

    produce.py JAR... > .ci/schemas/kubernetes.json

Each JAR is a fabric8 kubernetes-model jar (core, apps, batch, networking, policy), whose schema/validation-schema.json
holds JSON schemas of the Kubernetes API types generated from the Go types of one Kubernetes release. Keeps only the
kinds in KINDS and the definitions they reach, and makes them plain, strict draft-07 JSON schema: the Java hints go,
the draft-3 `"required": true` of a property becomes its parent's `required` list (but for apiVersion and kind),
IntOrString and Quantity become the scalars the API takes, and an object with declared properties refuses others (a
misspelt or misplaced field fails). Deterministic: the same jars give the same bytes.
"""
import json
import sys
import zipfile

# The (apiVersion, kind) of every object the manifests hold, besides KEDA's ScaledObject (keda-scaledobject.json).
KINDS = [("v1", "Namespace"), ("v1", "ConfigMap"), ("v1", "Secret"), ("v1", "Service"), ("apps/v1", "Deployment"),
         ("apps/v1", "StatefulSet"), ("batch/v1", "Job"), ("networking.k8s.io/v1", "NetworkPolicy"),
         ("policy/v1", "PodDisruptionBudget")]
JAVA_HINTS = {"javaType", "existingJavaType", "javaInterfaces", "javaOmitEmpty", "extends", "id", "default"}
SCALARS = {"kubernetes_apimachinery_pkg_util_intstr_IntOrString": {"type": ["integer", "string"]},
           "k8s_io_apimachinery_pkg_api_resource_Quantity": {"type": ["string", "number"]}}


def definitions_of(jars):
    merged = {}
    for jar in jars:
        with zipfile.ZipFile(jar) as archive:
            merged.update(json.loads(archive.read("schema/validation-schema.json"))["definitions"])
    return merged


def plain(schema):
    """The schema without Java hints, with draft-07 `required` lists and closed objects."""
    if isinstance(schema, list):
        return [plain(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    result = {key: plain(value) for key, value in schema.items() if key not in JAVA_HINTS}
    properties = result.get("properties")
    if isinstance(properties, dict):
        # fabric8 marks apiVersion and kind of every kind required, which the API does not ask of an embedded one (a
        # StatefulSet's volumeClaimTemplates); the validator checks them on each object itself.
        required = sorted(name for name, value in schema["properties"].items()
                          if isinstance(value, dict) and value.get("required") is True
                          and name not in ("apiVersion", "kind"))
        for value in properties.values():
            value.pop("required", None)
        if required:
            result["required"] = required
        result["additionalProperties"] = False
    return result


def reached(definitions, roots):
    """The names of the definitions reachable from the roots through $ref."""
    seen, stack = set(), list(roots)
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        text = json.dumps(definitions[name])
        stack += [ref.split('"')[0] for ref in text.split('"$ref": "#/definitions/')[1:]]
    return seen


def main(jars):
    definitions = definitions_of(jars)
    kinds = {}
    for api_version, kind in KINDS:
        name = next((n for n, d in sorted(definitions.items())
                     if ((d.get("properties") or {}).get("apiVersion") or {}).get("default") == api_version
                     and ((d.get("properties") or {}).get("kind") or {}).get("default") == kind), None)
        if name is None:
            sys.exit(f"no schema of {api_version} {kind} in {jars}")
        kinds[f"{api_version}/{kind}"] = {"$ref": f"#/definitions/{name}"}
    names = reached(definitions, [ref["$ref"].rsplit("/", 1)[1] for ref in kinds.values()])
    output = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$comment": "Produced by .ci/schemas/produce.py from " + ", ".join(j.rsplit("/", 1)[-1] for j in jars)
                    + " (.ci/schemas/README.md); do not edit by hand.",
        "kinds": kinds,
        "definitions": {name: SCALARS.get(name) or plain(definitions[name]) for name in sorted(names)},
    }
    json.dump(output, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
