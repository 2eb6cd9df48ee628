#!/usr/bin/env python3
"""Self-test of check-wsdl.py: the real Wsdl/ must pass, and each deliberate break of a copy must fail.

Usage:  PY=$(../shared/tools/conformance/setup); $PY Tests/Conformance/check-wsdl-selftest.py [--shared DIR]
Works on a temporary copy of Wsdl/, never on the repository's files. Exit 1 if any break goes unnoticed.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
CHECK = os.path.join(HERE, "check-wsdl.py")

XCA = "XCA-RespondingGateway.wsdl"
XCAI = "XCAI-RespondingImagingGateway.wsdl"
XDSI = "XDSI-ImagingDocumentSource.wsdl"
HUB = "schemas/XCAGatewayMessages.xsd"

# (what is broken, file, text to replace, replacement, a phrase the checker must print)
BREAKS = [
    ("input action differs from soapAction", XCA, 'wsam:Action="urn:ihe:iti:2007:CrossGatewayQuery"',
     'wsam:Action="urn:ihe:iti:2007:CrossGatewayQueryX"', "differs from input wsam:Action"),
    ("output without wsam:Action", XCA, '\n          wsam:Action="urn:ihe:iti:2007:CrossGatewayRetrieveResponse"', "",
     "output: no wsam:Action"),
    ("part element not in the schemas", XCA, 'element="query:AdhocQueryResponse"',
     'element="query:AdhocQueryReply"', "is not declared in the imported schemas"),
    ("binding operation not in portType", XCA,
     '<wsdl:operation name="RespondingGateway_CrossGatewayRetrieve">\n      <wsp:PolicyReference',
     '<wsdl:operation name="RespondingGateway_CrossGatewayFetch">\n      <wsp:PolicyReference', "no such operation"),
    ("retrieve without MTOM policy", XCA, '<wsp:PolicyReference URI="#XCARespondingGateway_MTOM_Policy"/>', "",
     "OptimizedMimeSerialization"),
    ("dangling policy reference", XCA, 'URI="#XCARespondingGateway_MTOM_Policy"', 'URI="#Nope"',
     "does not name a wsp:Policy"),
    ("schema at an unknown URL", HUB, "http://docs.oasis-open.org/regrep/v3.0/schema/rim.xsd",
     "http://example.org/rim.xsd", "not a known canonical"),
    ("schema by local path outside Wsdl/", HUB, "http://docs.oasis-open.org/regrep/v3.0/schema/query.xsd",
     "../../../shared/ihe-reference/schemas/ebRS/query.xsd", "leaves Wsdl/"),
    ("canonical URL with no local copy", HUB, "XDSI.b_ImagingDocumentSource.xsd",
     "XDSI.b_ImagingDocumentSourceX.xsd", "maps to missing file"),
    ("soapActionRequired true", XDSI, 'soapActionRequired="false"', 'soapActionRequired="true"',
     "soapActionRequired must be"),
    ("plain http address", XDSI, "https://localhost:8443/xcai", "http://localhost:8443/xcai", "is not https"),
    ("XCA on the imaging path", XCA, 'https://localhost:8443/xca"', 'https://localhost:8443/xcai"',
     "is served on /xca"),
    ("DOCTYPE", XDSI, "<wsdl:definitions name=", '<!DOCTYPE x [<!ENTITY e "boom">]>\n<wsdl:definitions name=',
     "DOCTYPE is not allowed"),
    ("part namespace not imported by types", XCA, '\n      <xsd:import namespace="urn:ihe:iti:xds-b:2007"/>', "",
     "R2102"),
    ("wrong IHE response action", XDSI, 'wsam:Action="urn:ihe:iti:2007:RetrieveDocumentSetResponse"',
     'wsam:Action="urn:ihe:rad:2009:RetrieveImagingDocumentSetResponse"', "RAD-69 response action must be"),
    ("no WS-Addressing", XCAI,
     '<wsp:PolicyReference URI="#XCAIRespondingImagingGateway_Policy"/>\n    <wsaw:UsingAddressing wsdl:required="true"/>',
     "", "WS-Addressing not declared"),
    ("WSDL 2.0 namespace", XDSI, 'xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"',
     'xmlns:wsdl="http://www.w3.org/ns/wsdl"', "not wsdl:definitions"),
    ("undefined message", XCA, 'message="xdsb:CrossGatewayQueryResponse_Message"',
     'message="xdsb:CrossGatewayQueryResponse_Msg"', "is not defined here"),
    ("binding of an unknown portType", XDSI, 'type="xdsi:ImagingDocumentSource_PortType"',
     'type="xdsb:ImagingDocumentSource_PortType"', "is not a portType of this document"),
]


def run(wsdl_dir: str, shared: str) -> subprocess.CompletedProcess:
    files = sorted(os.path.join(wsdl_dir, name) for name in os.listdir(wsdl_dir) if name.endswith(".wsdl"))
    return subprocess.run([sys.executable, CHECK, "--shared", shared, *files], capture_output=True, text=True)


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    arguments.add_argument("--shared", default=os.path.join(REPO, "..", "shared"))
    shared = os.path.abspath(arguments.parse_args().shared)
    failures = 0
    with tempfile.TemporaryDirectory() as scratch:
        pristine = os.path.join(scratch, "pristine")
        shutil.copytree(os.path.join(REPO, "Wsdl"), pristine)
        baseline = run(pristine, shared)
        if baseline.returncode != 0:
            print(f"baseline: the unmodified WSDLs fail:\n{baseline.stdout}{baseline.stderr}")
            return 1
        for index, (title, name, old, new, expected) in enumerate(BREAKS):
            copy = os.path.join(scratch, f"break{index}")
            shutil.copytree(pristine, copy)
            path = os.path.join(copy, name)
            text = open(path, encoding="utf-8").read()
            if text.count(old) != 1:
                print(f"{title}: the text to break occurs {text.count(old)} times in {name}; update this test")
                failures += 1
                continue
            open(path, "w", encoding="utf-8").write(text.replace(old, new))
            result = run(copy, shared)
            if result.returncode == 0 or expected not in result.stdout:
                print(f"{title}: not detected (exit {result.returncode}, expected {expected!r})\n{result.stdout}")
                failures += 1
    print(f"{len(BREAKS) - failures} breaks detected, {failures} missed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
