"""Polite HTTP for the opt-in online gazetteers (`places add --online`); verify never uses it.

Both services ask the same of their users (Nominatim's usage policy,
https://operations.osmfoundation.org/policies/nominatim/; the Wikimedia User-Agent policy,
https://meta.wikimedia.org/wiki/User-Agent_policy): say who you are in the User-Agent with a way
to reach you, send one request at a time (Nominatim: at most one a second), and cache what you
got. So every request carries `claimcheck/VERSION (...; contact: CLAIMCHECK_CONTACT)` and is
refused when no contact is set; answers are kept on disk (the user cache directory, or
CLAIMCHECK_CACHE_DIR) and never asked for twice; a stamp file in the cache spaces requests to
one service by its minimum interval, across runs. Base URLs come from the caller (an option or
an environment variable), so tests point them at a local server.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from claimcheck import __version__
from claimcheck.errors import UsageError
from claimcheck.frozen import frozen

CONTACT_ENV = "CLAIMCHECK_CONTACT"
CACHE_ENV = "CLAIMCHECK_CACHE_DIR"
TIMEOUT_S = 30.0


@frozen
class Answer:
    """A JSON answer and the day it was fetched (the citation's retrieval date)."""

    data: Any
    retrieved: str
    from_cache: bool


def user_agent() -> str:
    contact = os.environ.get(CONTACT_ENV, "").strip()
    if not contact:
        raise UsageError(
            f"set {CONTACT_ENV} to an email address or URL where the service can reach you: "
            "Nominatim's and Wikimedia's usage policies ask every client to identify itself"
        )
    return f"claimcheck/{__version__} (checks distance claims in news reports; contact: {contact})"


def cache_dir() -> str:
    override = os.environ.get(CACHE_ENV)
    if override:
        return override
    from platformdirs import user_cache_dir

    return os.path.join(user_cache_dir("claimcheck"), "online")


@dataclass
class Client:
    """One service: its name (for messages and the stamp file) and its minimum interval."""

    service: str
    min_interval_s: float = 0.0

    def get_json(self, base_url: str, params: dict[str, str]) -> Answer:
        """GET base_url?params as JSON, from the cache when it was asked before."""
        url = f"{base_url}?{urllib.parse.urlencode(sorted(params.items()))}"
        folder = cache_dir()
        path = os.path.join(folder, hashlib.sha256(url.encode()).hexdigest() + ".json")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as handle:
                stored = json.load(handle)
            return Answer(stored["data"], stored["retrieved"], True)
        headers = {"User-Agent": user_agent(), "Accept": "application/json"}
        os.makedirs(folder, exist_ok=True)
        self._wait(folder)
        try:
            with urllib.request.urlopen(
                urllib.request.Request(url, headers=headers), timeout=TIMEOUT_S
            ) as response:
                body = response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            raise UsageError(f"{self.service}: {url} answered HTTP {exc.code}") from exc
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise UsageError(f"{self.service}: cannot reach {base_url}: {reason}") from exc
        finally:
            self._stamp(folder)
        try:
            data = json.loads(body)
        except json.JSONDecodeError as exc:
            raise UsageError(f"{self.service}: {url} did not answer JSON") from exc
        retrieved = datetime.date.today().isoformat()
        temp = f"{path}.{os.getpid()}.tmp"
        with open(temp, "w", encoding="utf-8") as handle:
            json.dump({"url": url, "retrieved": retrieved, "data": data}, handle)
        os.replace(temp, path)
        return Answer(data, retrieved, False)

    def _stamp_path(self, folder: str) -> str:
        return os.path.join(folder, f"{self.service}.last-request")

    def _wait(self, folder: str) -> None:
        """Sleep until min_interval_s has passed since this service's last request."""
        if self.min_interval_s <= 0:
            return
        try:
            last = os.path.getmtime(self._stamp_path(folder))
        except OSError:
            return
        pause = last + self.min_interval_s - time.time()
        if pause > 0:
            time.sleep(min(pause, self.min_interval_s))

    def _stamp(self, folder: str) -> None:
        if self.min_interval_s > 0:
            with open(self._stamp_path(folder), "w", encoding="utf-8") as handle:
                handle.write(f"{time.time()}\n")
