"""Per-user daily quotas and per-second rates, counted in Redis (one pipeline per call), whatever
the credential (app key, API token, session): rotating keys neither resets nor multiplies them; each
key's own calls are counted too, for the keys page. Anonymous data calls are limited per address
(ckanext.harbin_opendata.access.anonymous_calls_per_minute). Limits
depend on the open type of the entry read (ckanext.harbin_opendata.access.daily_quota.<type>,
.rate_per_second.<type>; searches count as unconditional: they return metadata only). Every call
presented counts, refused ones too, so hammering past the limit does not reopen it."""
from __future__ import annotations

import datetime as dt
import time
from typing import NamedTuple, Optional

import ckan.plugins.toolkit as tk
from ckan.lib.redis import connect_to_redis

__all__ = ["OPEN_TYPES", "Refusal", "spend", "spend_anonymous", "used_today", "seconds_to_midnight"]

OPEN_TYPES = ("unconditional", "conditional")
_PREFIX = "harbin_opendata:access:"


class Refusal(NamedTuple):
    retry_after: int  # seconds
    message: str  # in the reader's language


def _day_key(key_id: str, open_type: str, day: dt.date) -> str:
    return f"{_PREFIX}day:{key_id}:{open_type}:{day.isoformat()}"


def _limit(kind: str, open_type: str) -> int:
    return int(tk.config[f"ckanext.harbin_opendata.access.{kind}.{open_type}"])


def spend(user_id: str, open_type: str, now: Optional[float] = None,
          key_id: Optional[str] = None) -> Optional[Refusal]:
    """Count one call of the user (and of the app key it came with); a Refusal when the user goes
    past the daily quota or the rate."""
    now = time.time() if now is None else now
    moment = dt.datetime.fromtimestamp(now)
    day_key = _day_key(f"user-{user_id}", open_type, moment.date())
    second_key = f"{_PREFIX}sec:user-{user_id}:{open_type}:{int(now)}"
    pipe = connect_to_redis().pipeline(transaction=False)
    pipe.incr(day_key)
    pipe.expire(day_key, 2 * 86400)
    pipe.incr(second_key)
    pipe.expire(second_key, 2)
    if key_id:  # the key's own count, shown on the keys page
        pipe.incr(_day_key(key_id, open_type, moment.date()))
        pipe.expire(_day_key(key_id, open_type, moment.date()), 2 * 86400)
    used_day, _, used_second, *_ = pipe.execute()
    quota, rate = _limit("daily_quota", open_type), _limit("rate_per_second", open_type)
    if used_day > quota:
        return Refusal(seconds_to_midnight(moment), tk._(
            "You have used your daily quota of {quota} calls (app keys, API tokens and the browser together); "
            "it opens again at midnight.").format(quota=quota))
    if used_second > rate:
        return Refusal(1, tk._("You are limited to {rate} calls per second (app keys, API tokens and the "
                               "browser together); slow down.").format(rate=rate))
    return None


def spend_anonymous(address: str, now: Optional[float] = None) -> Optional[Refusal]:
    """Count one data call made without an account from the address; a Refusal past the limit of
    the current minute."""
    now = time.time() if now is None else now
    minute_key = f"{_PREFIX}anon:{address[:64]}:{int(now) // 60}"
    pipe = connect_to_redis().pipeline(transaction=False)
    pipe.incr(minute_key)
    pipe.expire(minute_key, 120)
    used, _ = pipe.execute()
    limit = int(tk.config["ckanext.harbin_opendata.access.anonymous_calls_per_minute"])
    if used > limit:
        return Refusal(60 - int(now) % 60, tk._(
            "Data calls without an account are limited to {limit} a minute from one address; try again in a "
            "minute, or sign in and use an app key.").format(limit=limit))
    return None


def seconds_to_midnight(moment: Optional[dt.datetime] = None) -> int:
    """Seconds until the next day begins on the server's clock (a Retry-After), at least 1."""
    moment = moment or dt.datetime.now()
    midnight = dt.datetime.combine(moment.date() + dt.timedelta(days=1), dt.time(), tzinfo=moment.tzinfo)
    return max(1, int((midnight - moment).total_seconds()) + 1)


def used_today(key_ids: list[str]) -> dict[str, int]:
    """Calls made today by each key, all open types together."""
    if not key_ids:
        return {}
    today = dt.date.today()
    names = [_day_key(key_id, open_type, today) for key_id in key_ids for open_type in OPEN_TYPES]
    counts = connect_to_redis().mget(names)
    used = {key_id: 0 for key_id in key_ids}
    for name, count in zip(names, counts):
        used[name.split(":")[3]] += int(count or 0)
    return used
