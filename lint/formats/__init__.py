"""Output formats for findings. Each module renders a list of findings to text."""

from __future__ import annotations

from . import jsonfmt, text

FORMATS = {
    "text": text.render,
    "json": jsonfmt.render,
}
