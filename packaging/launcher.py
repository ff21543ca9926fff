"""Entry script of the frozen Statuscope: the same ``main()`` as ``python -m app``.

A separate script (rather than ``app/__main__.py``) keeps PyInstaller from putting ``app/``
itself on the analysis path; the package is imported as ``app`` exactly as from source.
"""

import sys

from app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
