"""Digest extractor: Chinese digest articles -> structured, span-anchored data."""

__version__ = "0.1.0"
