"""The `powerlint` command's entry point: the CLI's modules are imported with the collector paused.

Click, PyYAML and the CLI's own modules live as long as the process, as the rule modules do (lint/heap.py):
collecting during their import only re-scans them. Measured on `powerlint check lists/tianshui-ybj.yaml
--no-cache`: 0.173 s → 0.166 s (medians of 21 alternating runs, `python -c` with and without it).

`check --daemon` first hands the command to the resident process (lint/daemon): when one of this installation
answers, nothing else is imported here. Without the option its client is not even imported.
"""

from __future__ import annotations

import sys


def run() -> None:
    """`lint.cli.run`, its imports kept out of the collector's way (or the resident process, when asked for)."""
    from .daemon import OPTION

    if OPTION in sys.argv:
        from .daemon import client

        if client.wanted(sys.argv):
            code = client.forward()
            if code is not None:
                sys.exit(code)
            client.start()
    from .heap import permanent

    with permanent():
        from .cli import run as cli_run
    cli_run()
