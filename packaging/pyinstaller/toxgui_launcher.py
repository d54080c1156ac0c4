"""Entry point of the PyInstaller build (the `toxgui` executable in dist/toxgui/)."""

import sys

from toxgui.app.cli import main

sys.exit(main())
