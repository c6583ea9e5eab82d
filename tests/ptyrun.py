"""Runs a program with a pseudo-terminal as its terminal, as a person at a
terminal would, and gives back everything it wrote there.

The slave side of the terminal stays open here until the program is done
and its last bytes are read. With pty.fork() only the program held it, and
a read of the master could fail (EIO) as the program exited, before its
last lines had come through: a test saw a page cut after its first line."""
import fcntl, os, select, subprocess, termios, time

# After the program exits, the terminal is read until it has been quiet this long.
QUIET = 0.2


def pty_run(argv, env, timeout=60):
    """Runs argv on a new pseudo-terminal (stdin, stdout, stderr and the
    controlling terminal); returns (exit status, the bytes it wrote). A
    program still running after `timeout` seconds is killed, and the test
    fails saying so (a screen program waiting for keys, say)."""
    master, slave = os.openpty()
    out = bytearray()
    p = None
    try:
        p = subprocess.Popen(argv, env=env, stdin=slave, stdout=slave, stderr=slave, start_new_session=True,
                             preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
        deadline, quiet = time.monotonic() + timeout, 0.0
        while True:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                out += os.read(master, 65536)
                quiet = 0.0
            elif p.poll() is not None:
                # Done: what it wrote last may still be on its way through the terminal.
                quiet += 0.05
                if quiet >= QUIET:
                    break
            if time.monotonic() > deadline:
                raise AssertionError(f"{argv[0]} still running after {timeout} s: {bytes(out[-300:])!r}")
    finally:
        if p is not None and p.poll() is None:
            p.kill()
            p.wait()
        os.close(slave)
        os.close(master)
    return p.returncode, bytes(out)
