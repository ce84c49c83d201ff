"""`python -m lint.daemon SOCKET`: the server, as `powerlint check --daemon` starts it."""

import sys

from .server import serve

serve(sys.argv[1])
