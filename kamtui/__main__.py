"""``python -m kamtui``."""

import sys

from kamtui.cli import main

sys.exit(main())
