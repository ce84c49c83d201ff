"""Regenerate the figures the README shows from the tool's own output, so they cannot drift:

- the summary line of the example output at the top of README.md (`powerlint check lists/ --as-of AS_OF`);
  every other example line must still be a line of that output, else this script stops and names it;
- docs/report.png, a screenshot of `powerlint report lists/ --as-of AS_OF` taken with headless Chromium
  (`apt-get install chromium`), and docs/report.json, what it was rendered from (counts and sections).

tests/test_docs.py checks both against the current output without Chromium.

    python scripts/update_docs.py              # README and screenshot
    python scripts/update_docs.py --no-screenshot
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SCREENSHOT, RECORD = ROOT / "docs" / "report.png", ROOT / "docs" / "report.json"
AS_OF = "2026-11-22"
WINDOW = "1200,1950"  # the top of the report: overview, per-list charts, the first table
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars"]
POWERLINT = [sys.executable, "-c", "from lint.cli import run; run()"]


def check_output() -> list[str]:
    """The lines of `powerlint check lists/ --as-of AS_OF` (text format, no cache)."""
    proc = subprocess.run([*POWERLINT, "check", "lists/", "--as-of", AS_OF, "--no-cache"], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8")
    return proc.stdout.splitlines()


def example_block(readme: str) -> tuple[int, int, list[str]]:
    """(start, end, lines) of the example output: the first ```console block."""
    match = re.search(r"```console\n\$ powerlint check lists/[^\n]*\n(.*?)```", readme, re.S)
    if match is None:
        raise SystemExit("README.md 中找不到示例输出（```console 代码块）")
    return match.start(1), match.end(1), match.group(1).splitlines()


def stale_example_lines(readme: str, output: list[str]) -> list[str]:
    """The README's example lines (other than … and the summary) that the current output no longer has."""
    _, _, lines = example_block(readme)
    current = set(output)
    return [ln for ln in lines if ln.strip("…") and not ln.startswith("检查了") and ln not in current]


def current_summary(output: list[str]) -> str:
    return next(ln for ln in reversed(output) if ln.startswith("检查了"))


def update_readme(output: list[str]) -> None:
    readme = README.read_text(encoding="utf-8")
    stale = stale_example_lines(readme, output)
    if stale:
        raise SystemExit("README 示例中这些行已不在当前输出中，请从当前输出另选：\n" + "\n".join(stale))
    start, end, lines = example_block(readme)
    lines = [current_summary(output) if ln.startswith("检查了") else ln for ln in lines]
    README.write_text(readme[:start] + "\n".join(lines) + "\n" + readme[end:], encoding="utf-8")


def report_record(html: str) -> dict:
    """What a rendered report shows at a glance: its base date, counts and section titles."""
    cards = {label: int(n) for n, label in re.findall(r'<div class="card"><b>(\d+)</b>([^<]+)<', html)}
    sections = [s.strip() for s in re.findall(r"<h2[^>]*>([^<]+)", html) if s.strip() != "目录"]
    return {"as_of": AS_OF, "cards": cards, "sections": sections}


def render_report(directory: Path) -> Path:
    target = directory / "report.html"
    subprocess.run([*POWERLINT, "report", "lists/", "--as-of", AS_OF, "-o", str(target)], cwd=ROOT, check=True,
                   capture_output=True)
    return target


def update_screenshot() -> None:
    browser = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
    if browser is None:
        raise SystemExit("找不到 Chromium：apt-get install chromium，或加 --no-screenshot")
    with tempfile.TemporaryDirectory() as tmp:
        page = render_report(Path(tmp))
        subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={tmp}/profile", f"--window-size={WINDOW}",
                        f"--screenshot={SCREENSHOT}", page.as_uri()], check=True, capture_output=True, timeout=120)
        record = report_record(page.read_text(encoding="utf-8"))
    RECORD.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-screenshot", action="store_true")
    args = parser.parse_args()
    update_readme(check_output())
    if not args.no_screenshot:
        update_screenshot()


if __name__ == "__main__":
    main()
