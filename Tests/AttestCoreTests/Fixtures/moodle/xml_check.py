"""Reads the XML banks Attest exports with Python's own expat-based parser (written by nobody on the team).

usage: xml_check.py FILE...   prints, per file, the root element and the number of questions or items.
Exits 1 on the first file that is not well-formed XML.
"""
import sys
import xml.etree.ElementTree as ET

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
for path in sys.argv[1:]:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        print(f"{path}: {error}")
        sys.exit(1)
    if root.tag == "quiz":
        count = len([q for q in root.findall("question") if q.get("type") != "category"])
    else:
        count = len(list(root.iter(QTI + "item")))
    print(f"{root.tag.replace(QTI, '')} {count}")
