from __future__ import annotations

import pytest

from guides.seed import seed_guides


@pytest.fixture
def codes(db):
    """Every response code from fixtures/, as ``manage.py seed`` loads them."""
    report = seed_guides()
    assert report.created
    return report
