import sys

from toxgui.app.cli import main

sys.exit(main())
