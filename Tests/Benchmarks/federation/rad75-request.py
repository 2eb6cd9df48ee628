#!/usr/bin/env python3
"""Write a RAD-75 request for every instance of the synthetic study of `xca-gateway fixtures list --json
--synthetic-study SIZE` (read on stdin).

The summary lists the study (its StudyInstanceUID, accession number SYN<ordinal>, instance count) but not the
series and SOP Instance UIDs. Those are derived like the fixture library does (FixtureUID.oid, XCAFixtures/
Generator/FixtureFederation+Synthetic.swift): SHA-256 over the name components, each followed by 0x1F; the first
16 bytes with the RFC 9562 version-8 and variant bits set; written as one decimal integer under 2.25. The key is
"synthetic|COMMUNITY|NHS|TOTAL|INSTANCE|ORDINAL"; series N holds instances 500(N-1)+1 … 500N. The derived
StudyInstanceUID is checked against the listed one, so a change in the derivation fails loudly here.

Usage: rad75-request.py TOTAL_BYTES INSTANCE_BYTES OUT.xml < list.json   (prints "COMMUNITY HOME INSTANCES")
"""
import hashlib
import json
import sys


def oid(*components: str) -> str:
    h = hashlib.sha256()
    for c in components:
        h.update(c.encode())
        h.update(b"\x1f")
    b = bytearray(h.digest()[:16])
    b[6] = (b[6] & 0x0F) | 0x80
    b[8] = (b[8] & 0x3F) | 0x80
    return "2.25." + str(int.from_bytes(b, "big"))


def main() -> None:
    total, instance_size, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    summary = json.load(sys.stdin)
    found = [(p, s) for p in summary["patients"] for s in p["studies"]
             if (s.get("accessionNumber") or "").startswith("SYN")]
    if len(found) != 1:
        sys.exit(f"expected one synthetic study in the listing, found {len(found)}")
    patient, study = found[0]
    community = next(c for c in summary["communities"] if c["name"] == study["community"])
    source = next(s for s in community["imagingDocumentSources"] if s["name"] in study["imagingDocumentSources"])
    ordinal = study["accessionNumber"][3:]
    key = f"synthetic|{community['name']}|{patient['nhsNumber']}|{total}|{instance_size}|{ordinal}"
    if oid("study", key) != study["studyInstanceUID"]:
        sys.exit("derived StudyInstanceUID differs from the listing: the fixture UID derivation changed")
    count = study["instances"]
    if count != -(-total // instance_size):
        sys.exit(f"listing has {count} instances, expected {-(-total // instance_size)}")
    home, repo = community["homeCommunityId"], source["repositoryUniqueId"]
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" '
        'xmlns:wsa="http://www.w3.org/2005/08/addressing"><env:Header><wsa:Action env:mustUnderstand="true">'
        'urn:ihe:rad:2011:CrossGatewayRetrieveImagingDocumentSet</wsa:Action><wsa:MessageID>'
        'urn:uuid:5b1e4c1a-2f0d-4c8e-9a55-0b2d6a1e0f75</wsa:MessageID><wsa:ReplyTo><wsa:Address>'
        'http://www.w3.org/2005/08/addressing/anonymous</wsa:Address></wsa:ReplyTo></env:Header><env:Body>'
        '<xdsi:RetrieveImagingDocumentSetRequest xmlns:xdsi="urn:ihe:rad:xdsi-b:2009" '
        'xmlns:xdsb="urn:ihe:iti:xds-b:2007">',
        f'<xdsi:StudyRequest studyInstanceUID="{study["studyInstanceUID"]}">',
    ]
    series_size = 500
    for s in range((count + series_size - 1) // series_size):
        parts.append(f'<xdsi:SeriesRequest seriesInstanceUID="{oid("series", key, str(s + 1))}">')
        for i in range(s * series_size, min(count, (s + 1) * series_size)):
            parts.append(
                f"<xdsb:DocumentRequest><xdsb:HomeCommunityId>{home}</xdsb:HomeCommunityId>"
                f"<xdsb:RepositoryUniqueId>{repo}</xdsb:RepositoryUniqueId>"
                f"<xdsb:DocumentUniqueId>{oid('instance', key, str(i + 1))}</xdsb:DocumentUniqueId>"
                "</xdsb:DocumentRequest>")
        parts.append("</xdsi:SeriesRequest>")
    parts.append(
        "</xdsi:StudyRequest><xdsi:TransferSyntaxUIDList><xdsi:TransferSyntaxUID>1.2.840.10008.1.2.1"
        "</xdsi:TransferSyntaxUID></xdsi:TransferSyntaxUIDList></xdsi:RetrieveImagingDocumentSetRequest>"
        "</env:Body></env:Envelope>")
    with open(out, "w") as f:
        f.write("".join(parts))
    print(community["name"], home, count)


if __name__ == "__main__":
    main()
