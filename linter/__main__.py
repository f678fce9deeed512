"""``python -m loopsafe.linter`` is ``loopsafe``."""

import sys

from loopsafe.linter.cli import main

sys.exit(main())
