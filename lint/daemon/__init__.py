"""The resident process of `powerlint check --daemon`: a server that has imported the rules and loaded the
shipped data once, and forks a child that runs each check as a process of its own would.

A pre-commit run of a short list spends most of its time starting (importing click, PyYAML and the rules,
loading the character model and the division index), not checking: `client` hands the command, its working
directory, its environment and its standard streams (the descriptors themselves, `socket.send_fds`) to the
server of the same installation, whose forked child runs the command as the installed `powerlint` would and
sends back the exit code. Nothing the user's files decide is kept from one check to the next: each child
starts from the server's state, which holds only what the installation itself decides (see `server.warm`).
Unix only (descriptor passing and `fork`); elsewhere, and whenever no server answers, the check runs in
the process as usual.
"""

OPTION = "--daemon"  # the option of `check` that asks for the resident process
IDLE = 15 * 60  # seconds without a command after which the server exits
