"""hospitals.benchpages: which processes of a gunicorn master are its workers."""

import subprocess
import sys
import time

from hospitals import benchpages

# A "master" that forks a worker (same command line) and starts a helper of another command,
# as gunicorn's master does while it loads (the pinyin tables' child process).
MASTER = """
import os, subprocess, sys, time
helper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
if os.fork() == 0:
    time.sleep(60)
    os._exit(0)
print("ready", flush=True)
time.sleep(60)
"""


def test_only_children_running_the_masters_command_are_workers():
    master = subprocess.Popen([sys.executable, "-c", MASTER], stdout=subprocess.PIPE, text=True)
    try:
        assert master.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + 10
        while len(_all_children(master.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        children = _all_children(master.pid)
        assert len(children) == 2
        workers = benchpages._children(master.pid)
        assert len(workers) == 1
        assert benchpages._cmdline(workers[0]) == benchpages._cmdline(master.pid)
    finally:
        for pid in _all_children(master.pid):
            subprocess.run(["kill", str(pid)], check=False)
        master.kill()
        master.wait()


def _all_children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []
