#!/usr/bin/env python3
"""Check the gateway's WSDL 1.1 documents (Wsdl/*.wsdl) for internal consistency and against the official schemas.

Usage:  PY=$(../shared/tools/conformance/setup); $PY Tests/Conformance/check-wsdl.py [--shared DIR] [--actions] [FILE...]

For every WSDL (default: every Wsdl/*.wsdl of this repository):
  - parsed safely: no network, no DTD, no entity expansion; a DOCTYPE is a problem;
  - root is wsdl:definitions (WSDL 1.1) with a targetNamespace; names are unique per kind;
  - wsdl:types: every inline xsd:schema compiles with lxml (libxml2). Its schemaLocations must stay inside Wsdl/
    or be a canonical OASIS/IHE URL; those URLs are resolved by a custom etree.Resolver to the local copies under
    SHARED/ihe-reference/schemas/ (SHARED defaults to ../shared next to the repository), nothing is fetched;
  - messages: one part each, with element= (document/literal), a QName that is a global element declared in the
    imported schemas, in a namespace the inline schema imports (WS-I BP R2102);
  - portType: every input and output names a message of this document and carries wsam:Action (an absolute URI;
    a wsaw:Action, if also present, must agree); input actions are unique; each operation matches the IHE
    transaction of its input action (output action, request and response elements);
  - binding: its type is a portType here; soap12:binding document style with a transport; operations match the
    portType one to one; soap12:operation soapAction equals the input's wsam:Action and soapActionRequired is
    "false"; soap12:body use="literal"; WS-Addressing declared (wsaw:UsingAddressing or a wsam:Addressing policy
    assertion with its nested wsp:Policy); every operation whose response is xdsb:RetrieveDocumentSetResponse has
    the MTOM assertion wsoma:OptimizedMimeSerialization in its binding or operation policy; policy references
    resolve inside the document;
  - service: each port names a binding here and has a soap12:address with an https URL whose path is the
    gateway's path for the transactions it carries; every binding is used by a port.
Output: one line per problem ("FILE: problem"), then "N passed, N failed" (N = WSDL files). Exit 1 on any failure.
--actions prints every wsam:Action URI found (sorted, one per line) on stdout instead; problems and the summary go to
stderr and the exit status is the same.
"""
import argparse
import glob
import os
import re
import sys
from urllib.parse import urlsplit, unquote

from lxml import etree

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))

NS = {
    "wsdl": "http://schemas.xmlsoap.org/wsdl/",
    "soap12": "http://schemas.xmlsoap.org/wsdl/soap12/",
    "xsd": "http://www.w3.org/2001/XMLSchema",
    "wsp": "http://www.w3.org/ns/ws-policy",
    "wsp12": "http://schemas.xmlsoap.org/ws/2004/09/policy",
    "wsu": "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd",
    "wsam": "http://www.w3.org/2007/05/addressing/metadata",
    "wsaw": "http://www.w3.org/2006/05/addressing/wsdl",
    "wsoma": "http://schemas.xmlsoap.org/ws/2004/09/policy/optimizedmimeserialization",
    "query": "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0",
    "xdsb": "urn:ihe:iti:xds-b:2007",
    "xdsi": "urn:ihe:rad:xdsi-b:2009",
}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
POLICY_NAMESPACES = (NS["wsp"], NS["wsp12"])


def q(prefix: str, local: str) -> str:
    return f"{{{NS[prefix]}}}{local}"


# Canonical published schema locations -> path under SHARED/ihe-reference/schemas/.
# OASIS ebXML RegRep 3.0 (docs.oasis-open.org) and IHE implementation material (ITI TF-2 Appendix W, the IHE FTP
# site, which keeps schema/IHE and schema/ebRS side by side so relative imports between them work).
CANONICAL_PREFIXES = [
    ("http://docs.oasis-open.org/regrep/v3.0/schema/", "ebRS/"),
    ("https://docs.oasis-open.org/regrep/v3.0/schema/", "ebRS/"),
    ("ftp://ftp.ihe.net/TF_Implementation_Material/ITI/schema/", ""),
    ("https://ftp.ihe.net/TF_Implementation_Material/ITI/schema/", ""),
    ("http://www.w3.org/2001/xml.xsd", "xml.xsd"),
]

# IHE transactions by request action: (name, response action, request element, response element).
# ITI TF-2 3.18/3.38/3.39/3.43, RAD TF-3 4.69/4.75.
TRANSACTIONS = {
    "urn:ihe:iti:2007:RegistryStoredQuery": (
        "ITI-18", "urn:ihe:iti:2007:RegistryStoredQueryResponse",
        q("query", "AdhocQueryRequest"), q("query", "AdhocQueryResponse")),
    "urn:ihe:iti:2007:CrossGatewayQuery": (
        "ITI-38", "urn:ihe:iti:2007:CrossGatewayQueryResponse",
        q("query", "AdhocQueryRequest"), q("query", "AdhocQueryResponse")),
    "urn:ihe:iti:2007:CrossGatewayRetrieve": (
        "ITI-39", "urn:ihe:iti:2007:CrossGatewayRetrieveResponse",
        q("xdsb", "RetrieveDocumentSetRequest"), q("xdsb", "RetrieveDocumentSetResponse")),
    "urn:ihe:iti:2007:RetrieveDocumentSet": (
        "ITI-43", "urn:ihe:iti:2007:RetrieveDocumentSetResponse",
        q("xdsb", "RetrieveDocumentSetRequest"), q("xdsb", "RetrieveDocumentSetResponse")),
    "urn:ihe:rad:2009:RetrieveImagingDocumentSet": (
        "RAD-69", "urn:ihe:iti:2007:RetrieveDocumentSetResponse",
        q("xdsi", "RetrieveImagingDocumentSetRequest"), q("xdsb", "RetrieveDocumentSetResponse")),
    "urn:ihe:rad:2011:CrossGatewayRetrieveImagingDocumentSet": (
        "RAD-75", "urn:ihe:rad:2011:CrossGatewayRetrieveImagingDocumentSetResponse",
        q("xdsi", "RetrieveImagingDocumentSetRequest"), q("xdsb", "RetrieveDocumentSetResponse")),
}
# The HTTP path on which the gateway serves each transaction.
GATEWAY_PATHS = {"ITI-38": "/xca", "ITI-39": "/xca", "RAD-75": "/xcai", "RAD-69": "/xcai"}
# Responses that carry documents: MTOM/XOP (ITI TF-2 Appendix V).
MTOM_RESPONSES = {q("xdsb", "RetrieveDocumentSetResponse")}
ABSOLUTE_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")


class SchemaResolver(etree.Resolver):
    """Maps canonical schema URLs to local files and refuses every other non-local location."""

    def __init__(self, schemas_dir: str, local_roots: list[str]):
        super().__init__()
        self.schemas_dir = schemas_dir
        self.local_roots = [os.path.realpath(root) for root in local_roots]
        self.refused: list[str] = []

    def localise(self, url: str) -> str | None:
        """Local file for url, or None when it may not be read."""
        for prefix, target in CANONICAL_PREFIXES:
            if url == prefix or (prefix.endswith("/") and url.startswith(prefix)):
                rest = url[len(prefix):] if prefix.endswith("/") else ""
                local = os.path.realpath(os.path.join(self.schemas_dir, target + rest))
                return local if local.startswith(os.path.realpath(self.schemas_dir) + os.sep) else None
        parts = urlsplit(url)
        if parts.scheme == "file":
            path = unquote(parts.path)
        elif parts.scheme == "":
            path = url
        else:
            return None
        path = os.path.realpath(path)
        return path if any(path.startswith(root + os.sep) for root in self.local_roots) else None

    def resolve(self, url, pubid, context):
        local = self.localise(url)
        if local is None:
            self.refused.append(url)
            return self.resolve_string('<refused xmlns="urn:x-xca-gateway:check-wsdl"/>', context)
        return self.resolve_filename(local, context)


def safe_parser(resolver: SchemaResolver) -> etree.XMLParser:
    parser = etree.XMLParser(
        no_network=True, load_dtd=False, dtd_validation=False, resolve_entities=False, huge_tree=False
    )
    parser.resolvers.add(resolver)
    return parser


def qname(element, value: str | None) -> str | None:
    """Clark notation of a QName-valued attribute, resolved in element's scope (None if unresolvable)."""
    if not value:
        return None
    prefix, _, local = value.rpartition(":")
    namespace = element.nsmap.get(prefix or None)
    if namespace is None:
        return None if prefix else local
    return f"{{{namespace}}}{local}"


def pretty(clark: str) -> str:
    for prefix, namespace in NS.items():
        if clark.startswith(f"{{{namespace}}}"):
            return f"{prefix}:{clark[len(namespace) + 2:]}"
    return clark


class SchemaSet:
    """Global element declarations reachable from the inline schemas, found by following imports/includes."""

    def __init__(self, resolver: SchemaResolver, parser: etree.XMLParser):
        self.resolver, self.parser = resolver, parser
        self.elements: set[str] = set()
        self.visited: set[str] = set()

    def add(self, schema, base: str, problems: list[str], include_tns: str | None = None):
        tns = schema.get("targetNamespace", include_tns)
        for declaration in schema.findall("xsd:element", NS):
            if declaration.get("name"):
                name = declaration.get("name")
                self.elements.add(f"{{{tns}}}{name}" if tns else name)
        for reference in schema.iterchildren(q("xsd", "import"), q("xsd", "include"), q("xsd", "redefine")):
            location = reference.get("schemaLocation")
            if not location:
                continue
            url = location if urlsplit(location).scheme else os.path.join(os.path.dirname(base), location)
            local = self.resolver.localise(url)
            if local is None:
                problems.append(f"schema location not allowed offline: {location} (from {rel(base)})")
                continue
            if local in self.visited:
                continue
            self.visited.add(local)
            if not os.path.isfile(local):
                problems.append(f"schema {location} maps to missing file {local}")
                continue
            try:
                doc = etree.parse(local, self.parser)
            except (etree.XMLSyntaxError, OSError) as error:
                problems.append(f"schema {location} unreadable: {error}")
                continue
            chameleon = tns if reference.tag != q("xsd", "import") else None
            self.add(doc.getroot(), local, problems, chameleon)


def rel(path: str) -> str:
    return os.path.relpath(path, REPO) if os.path.isabs(path) else path


def is_remote(location: str) -> bool:
    return urlsplit(location).scheme not in ("", "file")


def check_locations(schema, base: str, wsdl_dir: str, seen: set[str], problems: list[str], parser):
    """Our own schemas (those under Wsdl/) may only point inside Wsdl/ or to canonical published URLs."""
    for reference in schema.iterchildren(q("xsd", "import"), q("xsd", "include"), q("xsd", "redefine")):
        location = reference.get("schemaLocation")
        if not location:
            continue
        if is_remote(location):
            if not any(location.startswith(p) for p, _ in CANONICAL_PREFIXES):
                problems.append(f"{rel(base)}: schemaLocation {location} is not a known canonical OASIS/IHE URL")
            continue
        target = os.path.realpath(os.path.join(os.path.dirname(base), location))
        if not target.startswith(os.path.realpath(wsdl_dir) + os.sep):
            problems.append(f"{rel(base)}: schemaLocation {location} leaves Wsdl/ (use the canonical URL)")
            continue
        if target in seen or not os.path.isfile(target):
            continue
        seen.add(target)
        try:
            check_locations(etree.parse(target, parser).getroot(), target, wsdl_dir, seen, problems, parser)
        except etree.XMLSyntaxError as error:
            problems.append(f"{rel(target)}: not well-formed: {error}")


def declares(xml_schema: etree.XMLSchema, element: str) -> bool:
    """Whether the compiled schema has a global declaration for element: validate an empty probe instance and
    look for libxml2's cvc-elt.1 ("no matching global declaration") rather than a content error."""
    xml_schema.validate(etree.Element(element))
    return not any(e.type_name == "SCHEMAV_CVC_ELT_1" for e in xml_schema.error_log)


def policies_in(element, policy_ids: dict) -> tuple[list, list[str]]:
    """Policy expressions attached to element (inline wsp:Policy or wsp:PolicyReference), plus problems."""
    found, problems = [], []
    for child in element:
        if child.tag in (f"{{{n}}}Policy" for n in POLICY_NAMESPACES):
            found.append(child)
        elif child.tag in (f"{{{n}}}PolicyReference" for n in POLICY_NAMESPACES):
            uri = child.get("URI", "")
            if not uri.startswith("#") or uri[1:] not in policy_ids:
                problems.append(f"PolicyReference {uri!r} does not name a wsp:Policy of this document")
            else:
                found.append(policy_ids[uri[1:]])
    return found, problems


def has_assertion(policies: list, tag: str) -> bool:
    return any(next(policy.iter(tag), None) is not None for policy in policies)


def check_wsdl(path: str, shared: str, registry: dict, actions: set[str]) -> list[str]:
    problems: list[str] = []
    wsdl_dir = os.path.dirname(os.path.abspath(path))
    schemas_dir = os.path.join(shared, "ihe-reference", "schemas")
    resolver = SchemaResolver(schemas_dir, [wsdl_dir, schemas_dir])
    parser = safe_parser(resolver)
    try:
        doc = etree.parse(path, parser)
    except etree.XMLSyntaxError as error:
        return [f"not well-formed XML: {error}"]
    if doc.docinfo.doctype or doc.docinfo.internalDTD is not None:
        problems.append("DOCTYPE is not allowed")
    root = doc.getroot()
    if root.tag != q("wsdl", "definitions"):
        return problems + [f"root element is {root.tag}, not wsdl:definitions (WSDL 1.1)"]
    tns = root.get("targetNamespace")
    if not tns:
        problems.append("wsdl:definitions has no targetNamespace")
        tns = ""

    def named(kind: str) -> dict:
        items = {}
        for element in root.findall(f"wsdl:{kind}", NS):
            name = element.get("name")
            if not name:
                problems.append(f"wsdl:{kind} without a name")
            elif name in items:
                problems.append(f"duplicate wsdl:{kind} {name!r}")
            else:
                items[f"{{{tns}}}{name}"] = element
                owner = registry.setdefault((kind, tns, name), path)
                if owner != path:
                    problems.append(f"wsdl:{kind} {{{tns}}}{name} is also defined by {rel(owner)}")
        return items

    messages, port_types, bindings, services = named("message"), named("portType"), named("binding"), named("service")
    policy_ids = {}
    for policy in root.iter(*(f"{{{n}}}Policy" for n in POLICY_NAMESPACES)):
        identifier = policy.get(q("wsu", "Id")) or policy.get(XML_ID)
        if identifier:
            if identifier in policy_ids:
                problems.append(f"duplicate policy id {identifier!r}")
            policy_ids[identifier] = policy

    # types: compile every inline schema; collect element declarations and directly imported namespaces
    schema_set = SchemaSet(resolver, parser)
    imported = set()
    inline = root.findall("wsdl:types/xsd:schema", NS)
    if not inline:
        problems.append("wsdl:types has no xsd:schema")
    abs_path = os.path.abspath(path)
    compiled = []
    for schema in inline:
        if schema.get("targetNamespace"):
            imported.add(schema.get("targetNamespace"))
        imported.update(i.get("namespace") for i in schema.findall("xsd:import", NS) if i.get("namespace"))
        check_locations(schema, abs_path, wsdl_dir, set(), problems, parser)
        schema_set.add(schema, abs_path, problems)
        resolver.refused.clear()
        standalone = etree.fromstring(etree.tostring(schema), parser, base_url=abs_path)
        try:
            xml_schema = etree.XMLSchema(standalone)
            compiled.append(xml_schema)
            # Warnings other than "namespace already imported" mean a schema was not found or not loaded.
            for e in xml_schema.error_log:
                if e.type_name != "SCHEMAP_WARN_SKIP_SCHEMA":
                    problems.append(f"inline schema compiled with a warning: {e.message}")
        except etree.XMLSchemaParseError as error:
            errors = [e for e in error.error_log if e.level >= etree.ErrorLevels.ERROR] or [error]
            for e in errors:
                problems.append(f"inline schema does not compile: {getattr(e, 'message', e)}")
        for url in sorted(set(resolver.refused)):
            problems.append(f"schema compilation needed {url}, which has no local copy (nothing fetched)")

    # messages
    message_element = {}
    for name, message in messages.items():
        parts = message.findall("wsdl:part", NS)
        if len(parts) != 1:
            problems.append(f"message {pretty(name)} has {len(parts)} parts; document/literal needs exactly one")
            continue
        part = parts[0]
        element = qname(part, part.get("element"))
        if part.get("type") is not None or element is None:
            problems.append(f"message {pretty(name)}: part must name an element (element=), not a type")
            continue
        if element not in schema_set.elements:
            problems.append(f"message {pretty(name)}: {pretty(element)} is not declared in the imported schemas")
        elif compiled and not any(declares(xml_schema, element) for xml_schema in compiled):
            problems.append(f"message {pretty(name)}: {pretty(element)} is missing from the compiled schema")
        namespace = element[1:].split("}")[0] if element.startswith("{") else ""
        if namespace not in imported:
            problems.append(f"message {pretty(name)}: namespace {namespace} is not imported by wsdl:types (WS-I R2102)")
        message_element[name] = element

    # portTypes
    operations_of = {}
    for pt_name, port_type in port_types.items():
        operations, input_actions = {}, {}
        for operation in port_type.findall("wsdl:operation", NS):
            op = operation.get("name")
            if op in operations:
                problems.append(f"portType {pretty(pt_name)}: operation {op!r} is overloaded (WS-I R2304)")
                continue
            info = {"element": operation, "actions": {}}
            operations[op] = info
            for direction in ("input", "output"):
                io = operation.find(f"wsdl:{direction}", NS)
                if io is None:
                    problems.append(f"operation {op}: no wsdl:{direction} (request-response expected)")
                    continue
                message = qname(io, io.get("message"))
                if message not in messages:
                    problems.append(f"operation {op} {direction}: message {io.get('message')!r} is not defined here")
                info[f"{direction}_element"] = message_element.get(message)
                action = io.get(q("wsam", "Action"))
                legacy = io.get(q("wsaw", "Action"))
                if not action:
                    problems.append(f"operation {op} {direction}: no wsam:Action")
                    continue
                if not ABSOLUTE_URI.match(action):
                    problems.append(f"operation {op} {direction}: wsam:Action {action!r} is not an absolute URI")
                if legacy is not None and legacy != action:
                    problems.append(f"operation {op} {direction}: wsaw:Action {legacy!r} differs from wsam:Action")
                info["actions"][direction] = action
                actions.add(action)
            request = info["actions"].get("input")
            if request:
                if request in input_actions:
                    problems.append(f"operations {input_actions[request]} and {op} share input action {request}")
                input_actions[request] = op
                known = TRANSACTIONS.get(request)
                if known is None:
                    problems.append(f"operation {op}: input action {request} is not a known IHE transaction")
                else:
                    transaction, response, request_element, response_element = known
                    info["transaction"] = transaction
                    if info["actions"].get("output") not in (None, response):
                        problems.append(f"operation {op}: {transaction} response action must be {response}")
                    if info.get("input_element") not in (None, request_element):
                        problems.append(f"operation {op}: {transaction} request body must be {pretty(request_element)}")
                    if info.get("output_element") not in (None, response_element):
                        problems.append(f"operation {op}: {transaction} response body must be {pretty(response_element)}")
        operations_of[pt_name] = operations

    # bindings
    transactions_of_binding = {}
    for b_name, binding in bindings.items():
        label = f"binding {pretty(b_name)}"
        port_type = qname(binding, binding.get("type"))
        operations = operations_of.get(port_type)
        if operations is None:
            problems.append(f"{label}: type {binding.get('type')!r} is not a portType of this document")
            operations = {}
        soap = binding.find("soap12:binding", NS)
        if soap is None:
            problems.append(f"{label}: no soap12:binding (SOAP 1.2 required)")
        else:
            if soap.get("style", "document") != "document":
                problems.append(f"{label}: soap12:binding style must be document")
            if not soap.get("transport"):
                problems.append(f"{label}: soap12:binding has no transport")
        binding_policies, policy_problems = policies_in(binding, policy_ids)
        problems.extend(f"{label}: {p}" for p in policy_problems)
        using = binding.find("wsaw:UsingAddressing", NS)
        addressing = [a for p in binding_policies for a in p.iter(q("wsam", "Addressing"))]
        if using is None and not addressing:
            problems.append(f"{label}: WS-Addressing not declared (wsaw:UsingAddressing or wsam:Addressing policy)")
        for assertion in addressing:
            if not any(child.tag in (f"{{{n}}}Policy" for n in POLICY_NAMESPACES) for child in assertion):
                problems.append(f"{label}: wsam:Addressing needs a nested wsp:Policy (WS-Addressing Metadata 3.1.1)")
        bound = set()
        transactions_of_binding[b_name] = set()
        for operation in binding.findall("wsdl:operation", NS):
            op = operation.get("name")
            where = f"{label} operation {op}"
            if op in bound:
                problems.append(f"{where}: bound twice")
                continue
            bound.add(op)
            abstract = operations.get(op)
            if abstract is None:
                problems.append(f"{where}: no such operation in portType {binding.get('type')}")
                continue
            if "transaction" in abstract:
                transactions_of_binding[b_name].add(abstract["transaction"])
            soap_op = operation.find("soap12:operation", NS)
            request_action = abstract["actions"].get("input")
            if soap_op is None:
                problems.append(f"{where}: no soap12:operation")
            else:
                if soap_op.get("soapAction") != request_action:
                    problems.append(
                        f"{where}: soapAction {soap_op.get('soapAction')!r} differs from input wsam:Action {request_action!r}")
                if soap_op.get("soapActionRequired") != "false":
                    problems.append(f"{where}: soapActionRequired must be \"false\" (SOAP 1.2: action travels in Content-Type)")
                if soap_op.get("style", "document") != "document":
                    problems.append(f"{where}: style must be document")
            for direction in ("input", "output"):
                io = operation.find(f"wsdl:{direction}", NS)
                if io is None:
                    problems.append(f"{where}: no wsdl:{direction}")
                    continue
                body = io.find("soap12:body", NS)
                if body is None or body.get("use") != "literal" or body.get("encodingStyle") is not None:
                    problems.append(f"{where} {direction}: needs soap12:body use=\"literal\" (no encodingStyle)")
            op_policies, policy_problems = policies_in(operation, policy_ids)
            problems.extend(f"{where}: {p}" for p in policy_problems)
            if abstract.get("output_element") in MTOM_RESPONSES and not has_assertion(
                    binding_policies + op_policies, q("wsoma", "OptimizedMimeSerialization")):
                problems.append(f"{where}: retrieve response without wsoma:OptimizedMimeSerialization policy (MTOM)")
        for op in operations:
            if op not in bound:
                problems.append(f"{label}: portType operation {op} is not bound")

    # services
    used = set()
    if not services:
        problems.append("no wsdl:service")
    for s_name, service in services.items():
        ports = service.findall("wsdl:port", NS)
        if not ports:
            problems.append(f"service {pretty(s_name)} has no port")
        for port in ports:
            where = f"service {pretty(s_name)} port {port.get('name')}"
            binding = qname(port, port.get("binding"))
            if binding not in bindings:
                problems.append(f"{where}: binding {port.get('binding')!r} is not defined here")
                continue
            used.add(binding)
            address = port.find("soap12:address", NS)
            location = address.get("location", "") if address is not None else ""
            if not location:
                problems.append(f"{where}: no soap12:address location")
                continue
            parts = urlsplit(location)
            if parts.scheme != "https":
                problems.append(f"{where}: address {location} is not https (mutual TLS is required)")
            for transaction in sorted(transactions_of_binding.get(binding, ())):
                expected = GATEWAY_PATHS.get(transaction)
                if expected and parts.path != expected:
                    problems.append(f"{where}: {transaction} is served on {expected}, address path is {parts.path!r}")
    for b_name in bindings:
        if b_name not in used:
            problems.append(f"binding {pretty(b_name)} is not used by any port")
    return problems


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    arguments.add_argument("files", nargs="*", help="WSDL files (default: Wsdl/*.wsdl of this repository)")
    arguments.add_argument("--shared", default=os.path.join(REPO, "..", "shared"),
                           help="shared reference folder holding ihe-reference/schemas (default: ../shared)")
    arguments.add_argument("--actions", action="store_true", help="print every wsam:Action URI, one per line")
    options = arguments.parse_args()
    shared = os.path.abspath(options.shared)
    report = sys.stderr if options.actions else sys.stdout
    if not os.path.isdir(os.path.join(shared, "ihe-reference", "schemas")):
        print(f"{shared}: no ihe-reference/schemas here (use --shared DIR)", file=report)
        return 2
    files = options.files or sorted(glob.glob(os.path.join(REPO, "Wsdl", "*.wsdl")))
    if not files:
        print("no WSDL files found", file=report)
        return 2
    registry, actions, passed, failed = {}, set(), 0, 0
    for path in files:
        problems = check_wsdl(path, shared, registry, actions)
        for problem in problems:
            print(f"{rel(os.path.abspath(path))}: {problem}", file=report)
        passed, failed = (passed + 1, failed) if not problems else (passed, failed + 1)
    if options.actions:
        for action in sorted(actions):
            print(action)
    print(f"{passed} passed, {failed} failed", file=report)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
