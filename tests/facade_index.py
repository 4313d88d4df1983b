"""A static index of the facade: every public resource method and the generated operations it calls.

The index lives in ``scripts/facade_uses.py`` (the change report of ``scripts/regenerate.py`` needs it too); the
tests import it from here.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from facade_uses import Endpoint, endpoints, operations_used

__all__ = ["Endpoint", "endpoints", "operations_used"]
