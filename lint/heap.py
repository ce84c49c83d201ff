"""Objects that live as long as the process (imported modules, compiled data), kept out of the garbage
collector's way.

A full collection scans every container object; a pre-commit run creates ~100,000 of them while importing
the rules and loading their data, and each later collection scanned them again for nothing (they are
never garbage). Measured on `powerlint check lists/tianshui-ybj.yaml --no-cache`: freezing them after
the imports took 0.275 s to 0.247 s, pausing the collector while they are built a further 0.007 s
(medians of 11, alternating; see bench/README.md, issue 16).
"""

from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def permanent():
    """Build what the block builds with the collector paused, then exempt every object alive from later
    collections (`gc.freeze`: they are still freed when no longer referenced)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
