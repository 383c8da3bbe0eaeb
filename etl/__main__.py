"""`python -m etl`: the import path's command line (etl.cli)."""

import sys

from etl.cli import main

if __name__ == "__main__":
    sys.exit(main())
