"""Plans in git: the user's own ``git`` command run as a subprocess (argument lists, never a
shell, paths after ``--``), and the merge driver that merges plans by record and field."""
