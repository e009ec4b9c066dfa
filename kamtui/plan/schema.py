"""The version of the plan file format (``schema = 1`` in every plan file).

A module of its own: the plan cache (kamtui/store/cache.py) stamps its file with it without
importing the plan model (kamtui/plan/model.py), which re-exports it.
"""

SCHEMA_VERSION = 1
