"""Regenerate the README's rule table from the rules' own declarations (`powerlint rules --format markdown`)."""

from __future__ import annotations

import re
from pathlib import Path

from lint.cli import rules_table

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- rules-table-start -->", "<!-- rules-table-end -->"


def main() -> None:
    text = README.read_text(encoding="utf-8")
    block = f"{START}\n{rules_table()}{END}"
    README.write_text(re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S),
                      encoding="utf-8")


if __name__ == "__main__":
    main()
