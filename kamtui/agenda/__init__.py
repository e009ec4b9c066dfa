"""Across the portfolio: every open action of every account (the "my week" list behind
``kamtui actions`` and the app's actions view), and a calendar of due dates and reviews
(``kamtui calendar``).

Headless: never imports textual, rich or pandas. It sits beside :mod:`kamtui.abc`,
:mod:`kamtui.export`, :mod:`kamtui.git` and :mod:`kamtui.lint` and imports none of them, so the
caller (the command line, the app) asks git for the user's name and writes the files.
"""
