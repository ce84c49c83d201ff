"""`python -m lint.daemon SOCKET`: the server, as `powerlint check --daemon` starts it."""

import sys

from .server import serve

if __name__ == "__main__":  # not in a `--jobs` worker that re-imports the main module (spawn, forkserver)
    serve(sys.argv[1])
