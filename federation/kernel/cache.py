"""Django's Redis cache, but a Redis outage is a cache miss, not a server error: data entry
keeps working while Redis is down (the health page still reports it)."""

from __future__ import annotations

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
OUTAGE = (RedisConnectionError, RedisTimeoutError)


def _tolerant(method, fallback):
    @functools.wraps(method)
    def wrapped(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except OUTAGE as error:
            logger.warning("cache unavailable: %s in %s", type(error).__name__, method.__name__)
            if callable(fallback):
                return fallback(*args, **kwargs)
            return fallback

    return wrapped


def _default(key, default=None, *args, **kwargs):
    return default


def _compute(key, default, *args, **kwargs):
    return default() if callable(default) else default


class ResilientRedisCache(RedisCache):
    get = _tolerant(RedisCache.get, _default)
    get_or_set = _tolerant(RedisCache.get_or_set, _compute)
    get_many = _tolerant(RedisCache.get_many, {})
    has_key = _tolerant(RedisCache.has_key, False)
    set = _tolerant(RedisCache.set, None)
    add = _tolerant(RedisCache.add, False)
    set_many = _tolerant(RedisCache.set_many, [])
    touch = _tolerant(RedisCache.touch, False)
    delete = _tolerant(RedisCache.delete, False)
    delete_many = _tolerant(RedisCache.delete_many, None)
    clear = _tolerant(RedisCache.clear, False)
    incr = _tolerant(RedisCache.incr, lambda key, delta=1, *args, **kwargs: delta)
