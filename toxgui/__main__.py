import sys

from toxgui.app import main

sys.exit(main())
