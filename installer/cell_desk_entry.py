"""The bundle's entry point: PyInstaller runs a script, and cell_desk/__main__.py must stay a
module of its package (it imports relatively)."""
import sys

from cell_desk.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
