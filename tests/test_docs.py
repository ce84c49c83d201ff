"""The figures the README shows are the tool's current output (scripts/update_docs.py regenerates them):
the example output at the top, and what docs/report.png was rendered from. No Chromium needed here."""

from __future__ import annotations

import importlib.util
import json

from .conftest import ROOT

_SPEC = importlib.util.spec_from_file_location("update_docs", ROOT / "scripts" / "update_docs.py")
docs = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(docs)

HOW = "运行 python scripts/update_docs.py 重新生成"


def test_readme_example_output_is_the_current_output():
    readme = docs.README.read_text(encoding="utf-8")
    output = docs.check_output()
    assert docs.stale_example_lines(readme, output) == [], f"README 示例输出已过期：{HOW}"
    _, _, lines = docs.example_block(readme)
    assert docs.current_summary(output) in lines, f"README 示例的汇总行已过期：{HOW}"


def test_the_screenshot_shows_the_current_report(tmp_path):
    """docs/report.json records the counts and sections docs/report.png was rendered from."""
    recorded = json.loads(docs.RECORD.read_text(encoding="utf-8"))
    page = docs.render_report(tmp_path)
    assert docs.report_record(page.read_text(encoding="utf-8")) == recorded, f"docs/report.png 已过期：{HOW}"
    assert recorded["cards"]["问题"] > 0 and len(recorded["sections"]) >= 8


def test_a_stale_example_line_is_named():
    readme = "```console\n$ powerlint check lists/ --as-of 2026-11-22\nx.yaml:1:1: A001 [错误] 旧\n……\n检查了 1 个文件\n```\n"
    assert docs.stale_example_lines(readme, ["x.yaml:1:1: A001 [错误] 新", "检查了 1 个文件"]) == [
        "x.yaml:1:1: A001 [错误] 旧"]
