"""The package version (also read by the build backend)."""

__version__ = "0.1.0"
