"""Output formats for findings. Each module renders a list of findings to text."""

from __future__ import annotations

from . import github, gitlab, jsonfmt, junit, sarif, text

FORMATS = {
    "text": text.render,
    "json": jsonfmt.render,
    "sarif": sarif.render,
    "github": github.render,
    "junit": junit.render,
    "gitlab": gitlab.render,
}
