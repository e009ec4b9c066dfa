"""``python -m kamtui``."""

import sys

from kamtui.cli.main import main

sys.exit(main())
