"""Extraction: a Document in, an Extraction (mentions, times, events, claims) out."""
