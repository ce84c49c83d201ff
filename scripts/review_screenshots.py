"""Regenerate the screenshots of reviewing published files (README 「审查各部门报送的清单」):
docs/review-sheet.png and docs/review-annotated.png (the sheet 审查意见 of an annotated copy of a published .xlsx,
and its list with the cells of findings filled by severity, rendered by LibreOffice) and
docs/review-report.png (the report over the folder at its section 四, rendered by Chromium).

The published files are made from the seed lists with `powerlint export`, checked with `--annotate`, and the
folder reported, exactly as a reviewer would. Needs LibreOffice (soffice), poppler (pdftoppm) and Chromium:

    apt-get install -y libreoffice-calc poppler-utils chromium fonts-noto-cjk
    .venv/bin/python scripts/review_screenshots.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from lint.annotate import HEADER  # noqa: E402 - after the checkout is on the path
DOCS = ROOT / "docs"
LISTS = ("guazhou-ybj", "dayao-ybj")  # two short seed lists: the copy's first pages show comments and fills
BROWSER = ("chromium", "chromium-browser", "google-chrome")


def tool(*names: str) -> str:
    found = next((shutil.which(name) for name in names if shutil.which(name)), None)
    if found is None:
        sys.exit(f"找不到 {' 或 '.join(names)}：请先安装（见本脚本开头的说明）")
    return found


def powerlint(*args: str, cwd: Path) -> None:
    command = [str(Path(sys.executable).with_name("powerlint")), *args]  # the installed command, as a reviewer runs it
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        sys.exit(f"powerlint {' '.join(args)} 失败：{done.stderr}")


def first_page_without(pdf: Path, text: str, pdftotext: str) -> int:
    """The first page of `pdf` not showing `text` (the header of 审查意见, repeated on each of its pages)."""
    for page in range(1, 200):
        done = subprocess.run([pdftotext, "-f", str(page), "-l", str(page), str(pdf), "-"], capture_output=True, text=True)
        if done.returncode != 0:
            break
        if text not in done.stdout:
            return page
    return 1


def shown(report: Path) -> Path:
    """A copy of the report showing its heading and section 四 (the findings with their cells) only: headless
    Chromium does not scroll a screenshot to a #fragment."""
    page = report.read_text(encoding="utf-8")
    hide = "<style>nav, section.major:not(#attention) { display: none; }</style>"
    copy = report.with_name("截图.html")
    copy.write_text(page.replace("</head>", hide + "</head>", 1), encoding="utf-8")
    return copy


def main() -> None:
    soffice, pdftoppm, browser = tool("soffice", "libreoffice"), tool("pdftoppm"), tool(*BROWSER)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "送审").mkdir()
        for name in LISTS:
            powerlint("export", str(ROOT / "lists" / f"{name}.yaml"), "-o", str(work / "送审" / f"{name}.xlsx"), cwd=work)
        powerlint("check", "送审", "--annotate", "退回", "--as-of", "2026-11-22", "--no-cache", cwd=work)
        powerlint("report", "送审", "-o", "审查报告.html", "--as-of", "2026-11-22", cwd=work)
        copy = work / "退回" / f"{LISTS[0]}.xlsx"
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{work}/lo", "--convert-to",
                        'pdf:calc_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}',
                        "--outdir", str(work), str(copy)], check=True, capture_output=True)
        pdf = work / f"{copy.stem}.pdf"  # soffice writes into --outdir
        # page 1: the sheet 审查意见; the first page of the list's own sheet: its cells filled by severity
        subprocess.run([pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(DOCS / "review-sheet")], check=True, capture_output=True)
        page = first_page_without(pdf, HEADER[-1], tool("pdftotext"))
        subprocess.run([pdftoppm, "-png", "-r", "80", "-f", str(page), "-l", str(page), "-singlefile", str(pdf),
                        str(DOCS / "review-annotated")], check=True, capture_output=True)
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--no-first-run", "--disable-component-update", "--disable-sync", f"--user-data-dir={work / 'chrome'}",
                        "--hide-scrollbars", "--window-size=1200,1600", f"--screenshot={DOCS / 'review-report.png'}",
                        shown(work / "审查报告.html").as_uri()], check=True, capture_output=True)
    print(f"已生成 {DOCS / 'review-sheet.png'}、{DOCS / 'review-annotated.png'} 和 {DOCS / 'review-report.png'}")


if __name__ == "__main__":
    main()
