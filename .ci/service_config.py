"""What the services declare about themselves, read from the repository for .ci/check_k8s.py: each service's
application.properties (ports, consumer groups, every key), the configuration it reads in Java (@ConfigMapping
interfaces and @ConfigProperty names, in its module and the modules it depends on) and its Dockerfile.

A deployment file that hard-codes a port, a consumer group or a variable is checked against these, so a change in a
service's configuration that the manifests do not follow fails the validator.
"""
import re
from dataclasses import dataclass, field
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
# Each service's build directory: its pom.xml, Dockerfile and src/main.
SERVICE_DIRS = {"activation-extractor": "activation-extractor/service", "id-estimator": "id-estimator/service",
                "info-decoder": "info-decoder/service", "results-api": "results-api"}

PROFILE = re.compile(r"^%[\w,-]+\.")
MAPPING = re.compile(r'@ConfigMapping\(prefix\s*=\s*"([^"]+)"\)\s*public\s+interface\s+(\w+)')
PROPERTY = re.compile(r'@ConfigProperty\(name\s*=\s*"([^"]+)"')
# A method of a mapping interface with its annotations and Javadoc before it: `[@WithDefault(..)] Type name();`
METHOD = re.compile(r"((?:@\w+(?:\([^)]*\))?\s*)*)([\w.<>, ?]+?)\s+(\w+)\(\);")
ARTIFACT = re.compile(r"<artifactId>([\w.-]+)</artifactId>")


@dataclass
class ServiceConfig:
    """One service's own configuration."""
    name: str
    directory: Path
    properties: dict = field(default_factory=dict)  # key (no profile) -> prod value (None if set only in a profile)
    keys: set = field(default_factory=set)  # every key the service reads: properties, mappings, @ConfigProperty
    required: set = field(default_factory=set)  # keys with no value it can run with: no default, or localhost

    @property
    def properties_file(self):
        return self.directory / "src/main/resources/application.properties"

    @property
    def dockerfile(self):
        return self.directory / "Dockerfile"

    def port(self, key):
        value = self.properties.get(key)
        return int(value) if value and value.isdigit() else None

    @property
    def http_port(self):
        return self.port("quarkus.http.port")

    @property
    def grpc_port(self):
        return self.port("quarkus.grpc.server.port")

    def group(self, channel):
        return self.properties.get(f"mp.messaging.incoming.{channel}.group.id")

    def channels(self):
        return {m[1] for key in self.keys for m in [re.match(r"mp\.messaging\.(?:incoming|outgoing)\.([\w-]+)\.", key)]
                if m}

    def reads(self, variable):
        """Whether an environment variable names a key the service reads (SmallRye's mapping: upper case, every
        non-alphanumeric character an underscore), or a Kafka client setting (Quarkus passes kafka.* to the clients),
        or a Quarkus setting."""
        if variable.startswith(("KAFKA_", "QUARKUS_")):
            return True
        if variable.startswith("MP_MESSAGING_"):
            return any(variable.startswith(env_name(f"mp.messaging.incoming.{c}.")) or variable.startswith(
                env_name(f"mp.messaging.outgoing.{c}.")) for c in self.channels())
        return variable in {env_name(key) for key in self.keys}


def env_name(key):
    return re.sub(r"[^A-Za-z0-9]", "_", key).upper()


def kebab(name):
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"-\1", name).lower()


def read_properties(path):
    """Key -> prod value of an application.properties; keys set only under a %profile map to None."""
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith(("#", "!")) or "=" not in line:
            continue
        key, value = (part.strip() for part in line.split("=", 1))
        if PROFILE.match(key):
            values.setdefault(PROFILE.sub("", key), None)
        else:
            values[key] = value
    return values


def mapping_keys(source):
    """(key, required) of every leaf of the @ConfigMapping interfaces in a Java source; nested interfaces of the same
    file become key prefixes, Optional and @WithDefault leaves are not required, default methods are skipped."""
    interfaces = {}
    for match in re.finditer(r"interface\s+(\w+)\s*\{", source):
        depth, start = 1, match.end()
        i = start
        while depth and i < len(source):
            depth += {"{": 1, "}": -1}.get(source[i], 0)
            i += 1
        body = source[start:i - 1]
        # Only the interface's own level: nested interface bodies are removed.
        own = re.sub(r"interface\s+\w+\s*\{(?:[^{}]|\{[^{}]*\})*\}", "", body)
        own = re.sub(r"/\*\*.*?\*/", "", own, flags=re.DOTALL)
        own = re.sub(r"default\s+[^;{]*\{[^}]*\}", "", own)
        interfaces[match[1]] = own
    found = []

    def walk(name, prefix):
        for annotations, kind, method in METHOD.findall(interfaces[name]):
            kind = kind.strip()
            key = f"{prefix}.{kebab(method)}"
            if kind in interfaces:
                walk(kind, key)
            else:
                found.append((key, "@WithDefault" not in annotations and not kind.startswith("Optional")))

    for prefix, name in MAPPING.findall(source):
        walk(name, prefix)
    return found


def module_dirs():
    """artifactId -> directory of every module of the reactor."""
    modules = {}
    for pom in REPOSITORY.glob("**/pom.xml"):
        if "target" in pom.parts or pom.parent == REPOSITORY:
            continue
        text = re.sub(r"<parent>.*?</parent>", "", pom.read_text(), flags=re.DOTALL)
        artifact = ARTIFACT.search(text)
        if artifact:
            modules[artifact[1]] = pom.parent
    return modules


def main_dependencies(directory, modules, seen):
    """The module directories a module uses (compile scope, transitively), itself included."""
    if directory in seen:
        return
    seen.add(directory)
    text = (directory / "pom.xml").read_text()
    for dependency in re.findall(r"<dependency>(.*?)</dependency>", text, flags=re.DOTALL):
        artifact = ARTIFACT.search(dependency)
        if artifact and artifact[1] in modules and "<scope>test</scope>" not in dependency:
            main_dependencies(modules[artifact[1]], modules, seen)


def load():
    """ServiceConfig of each service, by name."""
    modules, configs = module_dirs(), {}
    for name, relative in SERVICE_DIRS.items():
        config = ServiceConfig(name, REPOSITORY / relative)
        config.properties = read_properties(config.properties_file)
        config.keys = set(config.properties)
        used = set()
        main_dependencies(config.directory, modules, used)
        for directory in used:
            for source in (directory / "src/main/java").glob("**/*.java"):
                text = source.read_text()
                config.keys |= set(PROPERTY.findall(text))
                for key, required in mapping_keys(text):
                    config.keys.add(key)
                    if required and config.properties.get(key) is None:
                        config.required.add(key)
        # A value naming localhost is the developer's default: a deployment must give its own.
        config.required |= {key for key, value in config.properties.items() if value and "localhost" in value}
        configs[name] = config
    return configs


def dockerfile_env(path):
    """The ENV of a Dockerfile (both `ENV K=V K2="V 2"` and line continuations), its EXPOSE ports and USER."""
    text = re.sub(r"\\\n\s*", " ", Path(path).read_text())
    env, exposed, user = {}, set(), None
    for line in text.splitlines():
        words = line.strip().split(None, 1)
        if len(words) < 2:
            continue
        if words[0] == "ENV":
            env.update({k: v.strip('"\'') for k, v in re.findall(r'(\w+)=("[^"]*"|\'[^\']*\'|\S+)', words[1])})
        elif words[0] == "EXPOSE":
            exposed |= {int(p.split("/")[0]) for p in words[1].split()}
        elif words[0] == "USER":
            user = words[1].strip()
    return env, exposed, user


_loaded = None


def load_cached():
    """load(), read once per process."""
    global _loaded
    if _loaded is None:
        _loaded = load()
    return _loaded
