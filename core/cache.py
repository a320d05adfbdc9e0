"""Django's Redis cache, made cheaper per call and safe when Redis is down.

* One ``redis.Redis`` client per connection pool instead of one per call: building a client sets
  up some 170 response callbacks, a quarter of a millisecond that a page served from the cache
  paid on every request. Clients are thread-safe and share the pool's connections (which
  redis-py re-opens after a fork), so reusing them changes nothing else.
* Everything in the cache can be computed again, so a cache that fails (Redis down, a timeout)
  is a miss, not an error: reads give their default, writes are dropped, and the page is
  computed from the database. After a failure this process leaves Redis alone for
  ``RETRY_SECONDS`` (a dead Redis then costs nothing per request, not a timeout each time).
  Counters are the exception: ``incr`` raises :class:`CacheUnavailable`, because a rate limit
  that cannot count must refuse (fails closed: ``core.middleware`` answers 503 with
  ``Retry-After``), never let everything through.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.cache import cache, caches
from django.core.cache.backends import redis as django_redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from redis.exceptions import RedisError

if TYPE_CHECKING:
    from redis import ConnectionPool, Redis

log = logging.getLogger(__name__)

RETRY_SECONDS = 2.0
T = TypeVar("T")


class CacheUnavailable(Exception):
    """The shared cache cannot be reached (a counter cannot count)."""


# When each cache (by location) may be tried again; shared by the threads of a process.
_down_until: dict[str, float] = {}
_lock = threading.Lock()


class RedisCacheClient(django_redis.RedisCacheClient):
    if TYPE_CHECKING:  # Django's private members used below, which django-stubs leaves out
        _client: type[Redis]

        def _get_connection_pool(self, write: bool) -> ConnectionPool: ...

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)
        clients: dict[int, Any] = self.__dict__.setdefault("_clients_by_pool", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    if TYPE_CHECKING:  # Django's private member, which django-stubs leaves out
        _cache: RedisCacheClient

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient
        self._location = str(server)

    # ------------------------------------------------------------------ failing soft

    def is_down(self) -> bool:
        return time.monotonic() < _down_until.get(self._location, 0.0)

    def _failed(self, exc: Exception) -> None:
        with _lock:
            first = not self.is_down()
            _down_until[self._location] = time.monotonic() + RETRY_SECONDS
        if first:
            log.warning("cache unavailable, computing without it: %s", exc.__class__.__name__)

    def _soft(self, default: T, call: Callable[[], T]) -> T:
        if self.is_down():
            return default
        try:
            return call()
        except RedisError as exc:
            self._failed(exc)
            return default

    def ping(self) -> bool:
        """Whether Redis answers now (for /healthz; ignores the retry pause)."""
        try:
            return bool(self._cache.get_client(write=True).ping())
        except RedisError as exc:
            self._failed(exc)
            return False

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return self._soft(default, lambda: super(RedisCache, self).get(key, default, version))

    def get_many(self, keys: Any, version: int | None = None) -> dict[Any, Any]:
        return self._soft({}, lambda: super(RedisCache, self).get_many(keys, version))

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._soft(False, lambda: super(RedisCache, self).has_key(key, version))

    def set(
        self,
        key: Any,
        value: Any,
        timeout: Any = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> None:
        self._soft(None, lambda: super(RedisCache, self).set(key, value, timeout, version))

    def set_many(
        self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> list[Any]:
        return self._soft([], lambda: super(RedisCache, self).set_many(data, timeout, version))

    def add(
        self,
        key: Any,
        value: Any,
        timeout: Any = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> bool:
        return self._soft(False, lambda: super(RedisCache, self).add(key, value, timeout, version))

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return self._soft(False, lambda: super(RedisCache, self).touch(key, timeout, version))

    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._soft(False, lambda: super(RedisCache, self).delete(key, version))

    def delete_many(self, keys: Any, version: int | None = None) -> None:
        self._soft(None, lambda: super(RedisCache, self).delete_many(keys, version))

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        if self.is_down():
            raise CacheUnavailable(self._location)
        try:
            return super().incr(key, delta, version)
        except RedisError as exc:
            self._failed(exc)
            raise CacheUnavailable(self._location) from exc


def cache_status() -> str:
    """``"ok"`` when the default cache answers, ``"unavailable"`` when it does not."""
    ping = getattr(caches["default"], "ping", None)
    if callable(ping):
        return "ok" if ping() else "unavailable"
    try:
        cache.set("healthz:probe", 1, 5)
        return "ok" if cache.get("healthz:probe") == 1 else "unavailable"
    except Exception:  # any backend failure means unavailable
        return "unavailable"
