"""The `[updates]` and `[metrics]` settings (issue 20). Kept light: the settings module imports
this at start-up, so no tuf or prometheus_client here. One declaration per setting
(kiosk/settings_spec.py); documented in docs/settings.md."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kiosk.settings_spec import setting

# A site's folder name in the repository (kiosk/fleet/publish.py checks the same).
SITE_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,62}")


def _url_ok(value: str) -> bool:
    return not value or re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", value) is not None


def _path_or_empty(value: str) -> bool:
    return "\0" not in value


@dataclass(frozen=True)
class UpdateSettings:
    url: str = setting(
        "",
        check=_url_ok,
        meaning="an http:// or https:// address, or empty",
        shown="empty (no updates: the content file on this disk)",
        doc="the published TUF repository the kiosk polls for content (`metadata/` and "
        "`targets/` below it)",
    )
    interval: float = setting(
        300.0,
        check=lambda v: 30 <= v <= 86400,
        meaning="seconds between 30 and 86400",
        doc="seconds between two checks for new content",
    )
    site: str = setting(
        "",
        check=lambda v: v == "" or SITE_NAME.fullmatch(v) is not None,
        meaning="a-z, 0-9, '-' or '_' (at most 63), or empty",
        shown="empty (the group's content)",
        doc="this kiosk's site in the repository: it takes `sites/<site>/content.tar.gz` "
        "when one is published (`publish --site`), else the group's content",
    )
    root: Path | None = setting(
        None,
        check=_path_or_empty,
        meaning="a file path, or empty",
        shown="empty (`<data_dir>/updates/root.json`)",
        doc="the trusted TUF root (`metadata/1.root.json` of the repository) that IT puts on "
        "the kiosk; nothing is accepted without it",
        to_value=lambda v: Path(v) if v else None,
    )


@dataclass(frozen=True)
class MetricsSettings:
    textfile: Path | None = setting(
        None,
        check=_path_or_empty,
        meaning="a file path, or empty",
        shown="empty (none written)",
        doc="where to write the metrics for node_exporter's (or windows_exporter's) textfile "
        "collector, e.g. `/var/lib/node_exporter/textfile/fbss_kiosk.prom`",
        to_value=lambda v: Path(v) if v else None,
    )
    pushgateway: str = setting(
        "",
        check=_url_ok,
        meaning="an http:// or https:// address, or empty",
        shown="empty (no push)",
        doc="a Prometheus Pushgateway to push the metrics to",
    )
    interval: float = setting(
        15.0,
        check=lambda v: 1 <= v <= 3600,
        meaning="seconds between 1 and 3600",
        doc="seconds between two writes of the metrics (and pushes); also written at exit",
    )

    @property
    def enabled(self) -> bool:
        """Metrics are off (nothing imported, no timer, no thread) unless one is set."""
        return self.textfile is not None or bool(self.pushgateway)
