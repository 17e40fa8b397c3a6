"""Shared fixtures and the Hypothesis profile for the isscoop test suite."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import pytest
from hypothesis import HealthCheck, settings

import isscoop

# "ci" (the default): no deadline, 200 examples, no example database written into the checkout.
settings.register_profile(
    "ci",
    deadline=None,
    max_examples=200,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None, max_examples=50)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# The brief that `python -m isscoop` keeps once rendered goes to a folder of this run, not the user's cache.
if "ISSCOOP_CACHE_DIR" not in os.environ:
    os.environ["ISSCOOP_CACHE_DIR"] = tempfile.mkdtemp(prefix="isscoop-test-cache-")
    atexit.register(shutil.rmtree, os.environ["ISSCOOP_CACHE_DIR"], True)


@pytest.fixture(scope="session")
def bundled() -> isscoop.Dataset:
    """The bundled dataset (read once, cached by the package)."""
    return isscoop.dataset()
