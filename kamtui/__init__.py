"""kamtui: a keyboard-driven terminal workspace for Key Account Management."""

__version__ = "0.1.0"
