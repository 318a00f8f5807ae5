"""gunicorn settings shared by `make serve` and the benchmarks (bench/serving.py).

The access log keeps the path but never the query string or the referrer: searches and
filters may carry what a user typed (README "Security")."""

#: %(U)s is the path without its query string; no %(r)s (request line), %(q)s or %(f)s.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s'
