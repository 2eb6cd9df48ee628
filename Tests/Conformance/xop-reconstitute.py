"""Reconstitute MTOM/XOP messages (XOP 1.0 §3.2) so that the official schemas can validate them.

validate-soap validates the root part of a multipart body as it is; in an MTOM message the root part carries
<xop:Include href="cid:..."/> where the schema expects base64Binary, so the schema check needs the reconstituted
infoset: every xop:Include replaced by the base64 of the part it names. That is what the receiver's XOP processor
sees, and what this script writes.

Usage: xop-reconstitute.py OUTDIR FILE...   (each FILE a multipart/related body that starts with its boundary)
Checks on the way, each a failure: the body is not multipart/related, the root part is missing, an xop:Include
names no part, a part is never referenced. Ends with the line "N passed, N failed".
"""
import base64
import email.parser
import email.policy
import os
import sys
from urllib.parse import unquote

from lxml import etree

XOP = "http://www.w3.org/2004/08/xop/include"


def reconstitute(raw: bytes) -> bytes:
    boundary = raw.lstrip().split(b"\r\n", 1)[0].split(b"\n", 1)[0][2:].strip().decode()
    header = f'Content-Type: multipart/related; type="application/xop+xml"; boundary="{boundary}"\r\n'
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        header.encode() + b"MIME-Version: 1.0\r\n\r\n" + raw
    )
    if not message.is_multipart():
        raise ValueError("not a multipart body")
    parts = list(message.iter_parts())
    if not parts:
        raise ValueError("no parts")
    root_part, attachments = parts[0], parts[1:]
    if "application/xop+xml" not in (root_part.get("Content-Type") or ""):
        raise ValueError("the root part is not application/xop+xml")
    by_cid = {}
    for part in attachments:
        cid = (part.get("Content-ID") or "").strip().strip("<>")
        if not cid:
            raise ValueError("an attachment has no Content-ID")
        by_cid[cid] = part.get_payload(decode=True) or b""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    document = etree.fromstring(root_part.get_payload(decode=True), parser)
    used = set()
    for include in list(document.iter(f"{{{XOP}}}Include")):
        href = include.get("href", "")
        if not href.lower().startswith("cid:"):
            raise ValueError(f"xop:Include href {href!r} is not a cid: URL")
        cid = unquote(href[4:])
        if cid not in by_cid:
            raise ValueError(f"xop:Include names cid {cid!r}, which no part carries")
        used.add(cid)
        parent = include.getparent()
        if len(parent) != 1 or (parent.text or "").strip():
            raise ValueError("an xop:Include must be the only content of its element")
        parent.remove(include)
        parent.text = base64.b64encode(by_cid[cid]).decode()
    unused = set(by_cid) - used
    if unused:
        raise ValueError(f"{len(unused)} part(s) are never referenced by an xop:Include")
    return etree.tostring(document, xml_declaration=True, encoding="UTF-8")


def main():
    out, files = sys.argv[1], sys.argv[2:]
    os.makedirs(out, exist_ok=True)
    failed = 0
    for path in files:
        try:
            xml = reconstitute(open(path, "rb").read())
        except Exception as error:  # noqa: BLE001 - every problem is a finding
            print(f"{path}: {error}")
            failed += 1
            continue
        with open(os.path.join(out, os.path.basename(path) + ".reconstituted.xml"), "wb") as handle:
            handle.write(xml)
    print(f"{len(files) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
