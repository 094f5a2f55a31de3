"""Fixtures for the Qt-free appointment tests: a store on a fresh data dir and a fake clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.appointments import RequestStore
from tests.appointments.factories import FakeClock


@pytest.fixture
def store(data_dir: Path, clock: FakeClock) -> Iterator[RequestStore]:
    with RequestStore(data_dir, clock=clock) as opened:
        yield opened
