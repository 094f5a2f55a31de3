"""Capped exponential back-off with jitter, for retrying a delivery forever.

Attempt n waits about base * 2**(n-1) seconds, never more than the cap: 10 s, 20 s, 40 s ...
up to 15 minutes. "Equal jitter" (half fixed, half random) keeps kiosks that lost the same
network from all calling back at the same instant, yet never retries at once.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Backoff:
    base: float = 10.0
    cap: float = 900.0

    def ceiling(self, attempt: int) -> float:
        """The longest wait after attempt number `attempt` (1 = the first try)."""
        exponent = min(max(attempt, 1) - 1, 32)
        return float(min(self.cap, self.base * 2.0**exponent))

    def delay(self, attempt: int, rng: random.Random) -> float:
        ceiling = self.ceiling(attempt)
        return ceiling / 2 + rng.uniform(0, ceiling / 2)
