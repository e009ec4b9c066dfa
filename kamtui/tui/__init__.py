"""The Textual app. Uses only the headless core in :mod:`kamtui`; holds no business logic."""
