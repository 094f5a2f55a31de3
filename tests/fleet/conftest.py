from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fleet.pushgateway import running_pushgateway


@pytest.fixture
def pushgateway(tmp_path: Path) -> Iterator[str]:
    """A real Pushgateway on a free loopback port, for this test only."""
    with running_pushgateway(tmp_path) as url:
        yield url
