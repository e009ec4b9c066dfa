"""The ``kamtui`` subcommands. Each module has ``add_parser(subparsers)`` and ``run(args)``.

Command modules import nothing heavy at module level: ``kamtui --help`` and ``kamtui check``
must start fast and never load pandas.
"""
