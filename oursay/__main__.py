import sys

from oursay.cli import main

sys.exit(main())
