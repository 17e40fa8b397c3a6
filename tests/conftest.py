"""Shared fixtures and the Hypothesis profile for the isscoop test suite."""

from __future__ import annotations

import os

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


@pytest.fixture(scope="session")
def bundled() -> isscoop.Dataset:
    """The bundled dataset (read once, cached by the package)."""
    return isscoop.dataset()
