"""The REST API over the ledger: ``create_app(db_path)`` builds the FastAPI app ``newsledger serve`` runs."""

from __future__ import annotations

from newsledger.api.app import create_app

__all__ = ["create_app"]
