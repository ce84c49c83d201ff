"""`--format junit`: JUnit XML, a test suite per list file and a failed test case per finding."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from itertools import groupby

from ..findings import Finding, RunNotes
from ..published import describe
from .text import line, summary

# Characters XML 1.0 cannot carry even escaped (control characters of garbled text);
# ElementTree writes them through, so they are replaced here.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def testcase(suite: ET.Element, finding: Finding) -> None:
    where = f"序号 {finding.item}" if finding.item is not None else "清单信息"
    at = describe(finding.place) if finding.place is not None else f"第 {finding.line} 行"
    case = ET.SubElement(suite, "testcase", name=clean(f"{finding.code} {where} {at}".rstrip()),
                         classname=clean(finding.path))
    failure = ET.SubElement(case, "failure", message=clean(finding.message), type=finding.code)
    failure.text = clean(line(finding))


def render(findings: list[Finding], files: int, notes=None) -> str:
    notes = notes or RunNotes()
    root = ET.Element("testsuites", name="powerlint", tests=str(max(len(findings), 1)),
                      failures=str(len(findings)), errors="0")
    for path, group in groupby(sorted(findings, key=lambda f: f.path), key=lambda f: f.path):
        group = list(group)
        suite = ET.SubElement(root, "testsuite", name=clean(path), tests=str(len(group)),
                              failures=str(len(group)), errors="0", skipped="0")
        for finding in group:
            testcase(suite, finding)
    if notes.skipped or notes.not_run:
        suite = ET.SubElement(root, "testsuite", name="未能检查", tests=str(len(notes.skipped) + len(notes.not_run)),
                              failures="0", errors=str(len(notes.skipped)), skipped=str(len(notes.not_run)))
        for error in notes.skipped:
            case = ET.SubElement(suite, "testcase", name=clean(f"{error.path} 无法检查"), classname=clean(error.path))
            ET.SubElement(case, "error", message=clean(error.message), type="input").text = clean(str(error))
        for sentence in notes.not_run:
            case = ET.SubElement(suite, "testcase", name="未能运行的检查", classname="powerlint")
            ET.SubElement(case, "skipped", message=clean(sentence))
        root.set("errors", str(len(notes.skipped)))
    if not findings:
        suite = ET.SubElement(root, "testsuite", name="powerlint", tests="1", failures="0", errors="0", skipped="0")
        ET.SubElement(suite, "testcase", name=clean(summary(findings, files, notes)), classname="powerlint")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
