"""The bundle's entry script. PyInstaller runs its entry script as a top-level module,
where the package's own ``__main__.py`` cannot make its relative imports; this one
imports the package and calls the same ``main`` that ``python -m scrutiny_desk`` does."""

import sys

from scrutiny_desk.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
