"""The browser UI: static files and front-end packages served by the API app (see mount.py)."""

from __future__ import annotations

from newsledger.web.mount import mount_web

__all__ = ["mount_web"]
