"""`--format junit`: JUnit XML, which every CI server shows as a test report.

Each persona file is one test case: it fails when it has a finding at warning level or above.
All of a file's findings go into one `<failure>` (CI servers show only one per test case), one
`path:line:col: CODE message` line each; info findings go to `<system-out>` so they are visible
without failing the test. Completeness rides along as a test-case property.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

from persona_cli.domain.hidden import reveal
from persona_cli.domain.result import Finding, LintResult, PersonaScore, Severity
from persona_cli.reporters.markdown import plural

SUITE_NAME = "persona lint"
CLASSNAME = "personas"

# XML 1.0 cannot carry most control characters, even escaped; a message quoting a bad byte
# must not make the whole report unparsable.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    """Text XML can carry, with hidden characters (bidirectional controls, zero-width
    characters) shown as `<U+202E>` where CI servers display it."""
    return reveal(_ILLEGAL_XML.sub("\ufffd", text))


def _line(finding: Finding) -> str:
    return f"{finding.path}:{finding.line}:{finding.column}: {finding.code} {finding.message}"


def _failure_message(failing: list[Finding]) -> str:
    """The one-line message CI servers show in lists: the finding itself, or the counts."""
    if len(failing) == 1:
        return f"{failing[0].code} {failing[0].message}"
    counts = [
        plural(sum(1 for f in failing if f.severity == severity), severity.name)
        for severity in (Severity.error, Severity.warning)
        if any(f.severity == severity for f in failing)
    ]
    return f"{plural(len(failing), 'problem')} ({', '.join(counts)})"


def _testcase(path: str, findings: list[Finding], score: PersonaScore | None) -> ET.Element:
    case = ET.Element("testcase", classname=CLASSNAME, name=_xml_text(path))
    if score is not None:
        properties = ET.SubElement(case, "properties")
        ET.SubElement(
            properties, "property", name="completeness", value=str(round(score.completeness, 3))
        )
        for part, share in score.parts.items():
            ET.SubElement(
                properties, "property", name=f"completeness.{part}", value=str(round(share, 3))
            )
    failing = [f for f in findings if f.severity >= Severity.warning]
    if failing:
        codes = ",".join(dict.fromkeys(f.code for f in failing))
        failure = ET.SubElement(
            case, "failure", type=_xml_text(codes), message=_xml_text(_failure_message(failing))
        )
        failure.text = _xml_text("\n".join(_line(f) for f in failing))
    infos = [f for f in findings if f.severity == Severity.info]
    if infos:
        ET.SubElement(case, "system-out").text = _xml_text("\n".join(_line(f) for f in infos))
    return case


class JunitReporter:
    """Writes `<testsuites>` with one `<testsuite>` and a test case per known file."""

    def __init__(self, stream: TextIO, *, color: bool | None = None) -> None:
        self.stream = stream

    @staticmethod
    def as_element(result: LintResult) -> ET.Element:
        by_path: dict[str, list[Finding]] = {}
        for finding in result.sorted_findings():
            by_path.setdefault(finding.path, []).append(finding)
        scores = {score.path: score for score in result.personas}
        # Clean files without a score have no path in the result, so only these can be named.
        cases = [
            _testcase(path, by_path.get(path, []), scores.get(path))
            for path in sorted(set(by_path) | set(scores))
        ]
        failures = sum(1 for case in cases if case.find("failure") is not None)
        counts = {"tests": str(len(cases)), "failures": str(failures), "errors": "0"}
        root = ET.Element("testsuites", {"name": SUITE_NAME, **counts})
        suite = ET.SubElement(root, "testsuite", {"name": SUITE_NAME, **counts, "skipped": "0"})
        suite.extend(cases)
        ET.indent(root)
        return root

    def report(self, result: LintResult) -> None:
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ET.tostring(self.as_element(result), encoding="unicode"))
        self.stream.write("\n")
