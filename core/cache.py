"""Django's Redis cache, with one ``redis.Redis`` client per connection pool instead of one per
call: building a client sets up some 170 response callbacks, a quarter of a millisecond that a
page served from the cache paid on every request. Clients are thread-safe and share the pool's
connections (which redis-py re-opens after a fork), so reusing them changes nothing else."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.cache.backends import redis as django_redis

if TYPE_CHECKING:
    from redis import ConnectionPool, Redis


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
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient
