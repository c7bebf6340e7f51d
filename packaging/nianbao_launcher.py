"""Entry script of the frozen program: the same `main` as the `nianbao` console script."""

import sys

from desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
