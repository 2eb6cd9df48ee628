#!/usr/bin/env python3
"""S1 fixture answers and nginx configuration.

Usage: s1-answers.py REAL_ANSWER.xml WORK_DIR PKI_DIR TEMPLATE PORT1 PORT2 PORT3 NAME1 HOME1 NAME2 HOME2 NAME3 HOME3

REAL_ANSWER.xml is a fixture Responding Gateway's ITI-38 answer (FindDocuments, LeafClass, 4 ExtrinsicObjects).
For each community i it writes
  WORK/answers/full-i.xml   the real answer with every `home` set to HOMEi (about 8 KB per entry), and
  WORK/answers/small-i.xml  the same 4 entries trimmed to about 3 KB in all (design/performance.md S1: attributes, Name
                            and the uniqueId ExternalIdentifier: under 4 KB, which an nginx `return` string allows),
and renders TEMPLATE into WORK/nginx-s1-VARIANT.conf for VARIANT in small, full: one nginx worker, three mTLS
server blocks (community i's certificate on PORTi) answering POST /xca with `return 200 '…'` (small; must stay
under nginx's 4 KiB token limit) or with the file via the error_page 405 → 200 idiom (full; too long for `return`).
Prints the sizes.
"""
import os
import re
import sys
from xml.dom import minidom

RIM = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0"
KEEP_SLOTS: set[str] = set()
KEEP_IDENTIFIERS = {"XDSDocumentEntry.uniqueId"}


def trimmed(doc: minidom.Document) -> None:
    for eo in doc.getElementsByTagNameNS(RIM, "ExtrinsicObject"):
        for child in list(eo.childNodes):
            keep = False
            if child.nodeType == child.ELEMENT_NODE:
                local = child.localName
                if local == "Name":
                    keep = True
                elif local == "Slot":
                    keep = child.getAttribute("name") in KEEP_SLOTS
                elif local == "ExternalIdentifier":
                    names = [s.getAttribute("value") for s in child.getElementsByTagNameNS(RIM, "LocalizedString")]
                    keep = bool(KEEP_IDENTIFIERS.intersection(names))
                    for name in child.getElementsByTagNameNS(RIM, "Name"):
                        name.parentNode.removeChild(name)
            if not keep:
                eo.removeChild(child)


def serialise(doc: minidom.Document) -> str:
    return doc.toxml(encoding="UTF-8").decode()


def main() -> None:
    real, work, pki, template = sys.argv[1:5]
    ports = sys.argv[5:8]
    names, homes = sys.argv[8:14:2], sys.argv[9:14:2]
    source = open(real, encoding="utf-8").read()
    count = source.count("<rim:ExtrinsicObject ")
    if count != 4:
        sys.exit(f"expected an answer with 4 ExtrinsicObjects, got {count}")
    os.makedirs(f"{work}/answers", exist_ok=True)
    # nginx's worker runs as an unprivileged user: it must be able to reach the answer files.
    os.chmod(work, 0o755)
    os.chmod(f"{work}/answers", 0o755)
    small_doc = minidom.parseString(source)
    trimmed(small_doc)
    small_source = serialise(small_doc)
    servers = {"small": [], "full": []}
    sizes = {}
    for i, (port, name, home) in enumerate(zip(ports, names, homes), start=1):
        for variant, text in (("full", source), ("small", small_source)):
            body = re.sub(r'home="[^"]*"', f'home="{home}"', text)
            path = f"{work}/answers/{variant}-{i}.xml"
            with open(path, "w", encoding="utf-8") as f:
                f.write(body)
            os.chmod(path, 0o644)
            sizes[variant] = len(body.encode())
            head = (f"  server {{\n    listen 127.0.0.1:{port} ssl;\n"
                    f"    ssl_certificate {pki}/communities/{name}.pem;\n"
                    f"    ssl_certificate_key {pki}/communities/{name}-key.pem;\n")
            if variant == "small":
                if "$" in body or len(body) > 4000:
                    sys.exit("the small answer cannot be an nginx return string ($ or over 4000 bytes)")
                escaped = body.replace("\\", "\\\\").replace("'", "\\'")
                location = f"    location = /xca {{ return 200 '{escaped}'; }}\n"
            else:
                location = (f"    location = /xca {{ error_page 405 =200 /full-{i}.xml; return 405; }}\n"
                            f"    location = /full-{i}.xml {{ internal; }}\n")
            servers[variant].append(head + location + "  }\n")
    for variant, blocks in servers.items():
        text = open(template).read()
        for key, value in (("@WORK@", work), ("@PKI@", pki), ("@VARIANT@", variant), ("@SERVERS@", "".join(blocks))):
            text = text.replace(key, value)
        with open(f"{work}/nginx-s1-{variant}.conf", "w") as f:
            f.write(text)
    print(f"small {sizes['small']} full {sizes['full']}")


if __name__ == "__main__":
    main()
