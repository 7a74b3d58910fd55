"""Schedule computations handed to ``partact engine-worker`` over Redis, when one listens (``make run-cluster``).

Why: on one instance, a computation runs in an engine process of the instance's own (``engine_process``, ~85 MB
of interpreter, numpy, scipy and HiGHS, kept 10 minutes after its last computation). With several instances,
each one whose console re-plans would hold such a process, beside a thousand phones' sockets. A deployment on
Redis instead runs the engine once, in a worker of its own that every instance hands its computations to, as
pretix hands its heavy work to Celery: the instances stay the size of their phones, and the engine's memory is
counted once.

The queue is RQ's (Redis Queue: a maintained library on the Redis the deployment already has, the jobs and
their results kept there with a lifetime). Its worker (``work``, run by ``partact engine-worker``) loads the
engine once, then runs each job in a child it forks (RQ's "work horse"): a solver that crashes or runs out of
memory takes that child only, and the job is marked failed.

``call`` is used by ``engine_process.call`` first. It raises ``NotListening`` (and the instance computes in its
own engine process, as without Redis) when there is no Redis, Redis does not answer, no worker on the queue gave
a heartbeat in the last ``SILENT_LIMIT`` seconds (a killed worker stays registered 80 s more), or no worker took
the job within ``START_WITHIN`` seconds while none was busy with another (``WAIT_FOR_BUSY`` at most). A worker that took the job and died, or a job over its
time limit, gives ``EngineUnavailable``, as a dead engine process does.

Jobs and their results are pickled in Redis, as Reflex's states are: whoever can write to that Redis can already
change any tab's state, and the deployment keeps Redis private (docs/deployment.md).
"""

from __future__ import annotations

import datetime
import logging
import os
import socket
import threading
import time

from partact_app import settings
from partact_app.core.schedule import remote
from partact_app.core.schedule.results import ScheduleError

log = logging.getLogger(__name__)

START_WITHIN = 5  # s: a job nobody took by then is taken back, and the instance computes it itself...
WAIT_FOR_BUSY = 60  # s: ...unless a live worker is busy with another job: then the job waits in line this long
RUN_WITHIN = 300  # s: a job's time limit in the worker (a 300-participant schedule takes ~1 s)
HEARTBEAT = 5  # s between a worker's heartbeats, idle (RQ waits WORKER_TTL - 15 s per dequeue) or busy
WORKER_TTL = HEARTBEAT + 15
SILENT_LIMIT = 3 * HEARTBEAT  # s: a worker silent for longer is taken for dead (killed: RQ keeps its record 80 s)
KEEP_RESULTS = 60  # s a result stays in Redis (the caller reads it at once)
KEEP_FAILURES = 3600  # s a failed job stays in RQ's failed registry, for a look with ``rq info``

_lock = threading.Lock()
_connections: dict[str, object] = {}


class NotListening(Exception):
    """No engine worker takes computations here now; the instance computes in its own engine process."""


def queue_name() -> str:
    """One queue per deployment (the instances of one database), like every key partact names in Redis."""
    return f"{settings.redis_prefix()}:engine"


def _queue():
    """The RQ queue on ``REFLEX_REDIS_URL``, or None without Redis. RQ is imported only here and in ``work``: a
    process without Redis never loads it."""
    url = settings.redis_url()
    if not url:
        return None
    import redis
    from rq import Queue

    with _lock:
        connection = _connections.get(url)
        if connection is None:
            connection = _connections[url] = redis.Redis.from_url(
                url, socket_connect_timeout=2, socket_timeout=RUN_WITHIN + 30,  # above the longest wait for a result
            )
    return Queue(queue_name(), connection=connection)


def call(name: str, args: tuple, kwargs: dict):
    """``core.schedule.<name>(*args, **kwargs)`` computed by the engine worker; ``NotListening`` when none takes
    it (see the module's docstring)."""
    import redis
    from rq.job import JobStatus
    from rq.results import Result

    from partact_app.services.engine_process import EngineUnavailable

    queue = _queue()
    if queue is None:
        raise NotListening()
    try:
        if not _alive(queue):
            raise NotListening()
        job = queue.enqueue(remote.run_queued, name, args, kwargs, job_timeout=RUN_WITHIN,
                            result_ttl=KEEP_RESULTS, failure_ttl=KEEP_FAILURES, ttl=START_WITHIN + RUN_WITHIN)
        queued_until = time.monotonic() + WAIT_FOR_BUSY
        result = job.latest_result(timeout=START_WITHIN)
        while result is None and job.get_status() in (JobStatus.QUEUED, JobStatus.DEFERRED, JobStatus.SCHEDULED):
            if time.monotonic() > queued_until or not _alive(queue, busy=True):
                job.cancel()
                log.warning("no engine worker took the computation within %s s; computing it here", START_WITHIN)
                raise NotListening()
            result = job.latest_result(timeout=START_WITHIN)  # a busy worker takes it once its job is done
        if result is None:
            result = job.latest_result(timeout=RUN_WITHIN + 5)
    except (redis.ConnectionError, redis.TimeoutError) as error:
        log.warning("the engine queue is unreachable (%s); computing here", type(error).__name__)
        raise NotListening() from error
    if result is None or result.type != Result.Type.SUCCESSFUL:
        log.error("the engine worker failed a computation: %s", getattr(result, "exc_string", "no result"))
        raise EngineUnavailable()
    value = result.return_value
    if isinstance(value, ScheduleError):
        raise value
    return value


def _alive(queue, busy: bool = False) -> bool:
    """Whether a worker on ``queue`` gave a heartbeat in the last ``SILENT_LIMIT`` seconds (and, with ``busy``,
    is computing)."""
    from rq import Worker
    from rq.worker import WorkerStatus

    now = datetime.datetime.now(datetime.timezone.utc)
    return any(
        worker.last_heartbeat is not None and (now - worker.last_heartbeat).total_seconds() < SILENT_LIMIT
        and (not busy or worker.get_state() == WorkerStatus.BUSY)
        for worker in Worker.all(queue=queue)
    )


def listening() -> bool:
    """Whether an engine worker takes this deployment's computations now (the console then warms no engine
    process of its own)."""
    queue = _queue()
    if queue is None:
        return False
    import redis

    try:
        return _alive(queue)
    except (redis.ConnectionError, redis.TimeoutError):
        return False


def work() -> None:
    """Run the engine worker until it is stopped (``partact engine-worker``): the engine loaded once, each job in
    a forked child.

    It outlives a restart of Redis: RQ's worker retries its connection, and re-registers here when its record is
    gone (a restarted Redis keeps nothing); and a worker RQ ends on an error is replaced by a new one a second
    later. Only SIGTERM or SIGINT (RQ's warm shutdown: the job in progress finishes) end it."""
    import redis
    from rq import Worker

    queue = _queue()
    if queue is None:
        raise RuntimeError("REFLEX_REDIS_URL is not set: the engine worker takes its computations from Redis")
    remote.ready()  # numpy, scipy and HiGHS loaded before the first job, and shared with every forked child

    class EngineWorker(Worker):
        stopping = False  # SIGTERM or SIGINT came (RQ's handler then ends ``work`` once no job runs)

        def request_stop(self, signum, frame):
            self.stopping = True
            super().request_stop(signum, frame)

        def heartbeat(self, timeout=None, pipeline=None):
            super().heartbeat(timeout, pipeline)
            if pipeline is None and not self.connection.hexists(self.key, "birth"):
                log.warning("Redis lost the engine worker's registration (restarted?): registering again")
                self.connection.delete(self.key)  # what the heartbeat wrote, without the rest of the record
                self.register_birth()

    while True:
        worker = EngineWorker([queue], connection=queue.connection, worker_ttl=WORKER_TTL,
                              job_monitoring_interval=HEARTBEAT,
                              name=f"partact-engine-{socket.gethostname()}-{os.getpid()}-{time.monotonic_ns()}")
        try:
            worker.work(logging_level="WARNING")
        except (redis.ConnectionError, redis.TimeoutError) as error:  # RQ's start and end talk to Redis too
            log.warning("the engine worker lost Redis (%s); starting again", type(error).__name__)
        if worker.stopping:
            return
        time.sleep(1)
