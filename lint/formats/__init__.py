"""Output formats for findings. Each module renders a list of findings to text."""

from __future__ import annotations

import importlib
from typing import Callable

_MODULES = {"text": "text", "json": "jsonfmt", "sarif": "sarif", "github": "github", "junit": "junit", "gitlab": "gitlab"}


def _render(module: str) -> Callable:
    """The module's `render`, imported when first called: a run imports only the format it writes."""
    def render(*args, **kwargs):
        return importlib.import_module(f".{module}", __name__).render(*args, **kwargs)

    return render


FORMATS = {name: _render(module) for name, module in _MODULES.items()}
