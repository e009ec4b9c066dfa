"""The content lint of ``kamtui check``: warnings about what a plan says (an action done at
60%, an A account without a decision maker…), each with a stable code (docs/lint.md)."""
