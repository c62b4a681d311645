"""The package version, in one place (imported by every layer, so it imports nothing)."""

__version__ = "0.2.0"
