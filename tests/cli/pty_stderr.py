"""Run a command with stderr on a pseudo-terminal (stdout and stdin stay
pipes) and print what the terminal received, so tests exercise the TTY
path of the progress bars. usage: pty_stderr.py CMD ARG... [< stdin]"""
import os
import pty
import subprocess
import sys

master, slave = pty.openpty()
proc = subprocess.Popen(sys.argv[1:], stdin=sys.stdin, stdout=subprocess.DEVNULL,
                        stderr=slave)
os.close(slave)
seen = b""
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:  # EIO: the child closed the terminal
        break
    if not chunk:
        break
    seen += chunk
rc = proc.wait()
sys.stdout.write(seen.decode("utf-8", "replace"))
sys.exit(rc)
