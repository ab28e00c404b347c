"""``python -m llmkb <command>``: the same as the ``llmkb`` command."""

import sys

from llmkb.cli import main

sys.exit(main())
