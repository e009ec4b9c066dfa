"""Rich styles for table cells, taken from the current theme (never literal colours)."""

from __future__ import annotations

from textual.app import App


def _color(variables: dict[str, str], name: str) -> str:
    value = variables.get(name, "")
    # Rich understands #RRGGBB; anything else (alpha, "auto 60%") is left to the default.
    return value if value.startswith("#") and len(value) == 7 else ""


def cell_styles(app: App[object]) -> dict[str, str]:
    """Semantic style names → Rich styles built from the theme's CSS variables."""
    v = app.get_css_variables()
    return {
        "error": f"bold {_color(v, 'text-error')}".strip(),
        "warning": _color(v, "text-warning"),
        "success": _color(v, "text-success"),
        "segment-A": f"bold {_color(v, 'text-success')}".strip(),
        "segment-B": f"bold {_color(v, 'text-accent')}".strip(),
        "segment-C": "",
    }
