"""Fixtures for content updates: keys, a repository folder served on loopback, a kiosk's
update client that trusts the repository's root."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.fleet.bundle import Limits
from kiosk.fleet.update_client import UpdateClient
from tests.conftest import MINI
from tests.fleet.helpers import publish, serve
from tests.fleet.pushgateway import running_pushgateway
from tests.ui.conftest import make_kiosk  # noqa: F401 - the whole kiosk, for these tests too


@dataclass
class Office:
    """The publishing side: keys, the repository folder, the staff's content, the URL."""

    keys: Path
    repo: Path
    content: Path
    url: str

    def publish(self, *more: str) -> None:
        publish(self.keys, self.repo, self.content, *more)

    @property
    def root(self) -> Path:
        return self.repo / "metadata" / "1.root.json"


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Office]:
    keys, repo = tmp_path / "keys", tmp_path / "repo"
    content = shutil.copytree(MINI, tmp_path / "office") / "content.yaml"
    assert main(["keys", "init", "--keys", str(keys)]) == 0
    repo.mkdir()
    with serve(repo) as url:
        yield Office(keys, repo, content, url)


@pytest.fixture
def make_client(tmp_path: Path, office: Office) -> Callable[..., UpdateClient]:
    """A kiosk's update client; its trusted root is the repository's first root, copied
    into the kiosk's data folder as IT would install it."""

    def make(name: str = "kiosk", site: str = "", limits: Limits | None = None) -> UpdateClient:
        data = tmp_path / name
        root = data / "updates" / "root.json"
        root.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(office.root, root)
        return UpdateClient(office.url, data, root, site=site, limits=limits)

    return make


@pytest.fixture
def pushgateway(tmp_path: Path) -> Iterator[str]:
    """A real Pushgateway on a free loopback port, for this test only."""
    with running_pushgateway(tmp_path) as url:
        yield url
