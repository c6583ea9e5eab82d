"""Runs a program with a pseudo-terminal as its terminal, as a person at a
terminal would, and gives back everything it wrote there.

The slave side of the terminal stays open here until the program is done
and its last bytes are read. With pty.fork() only the program held it, and
a read of the master could fail (EIO) as the program exited, before its
last lines had come through: a test saw a page cut after its first line."""
import fcntl, os, select, subprocess, termios


def pty_run(argv, env):
    """Runs argv on a new pseudo-terminal (stdin, stdout, stderr and the
    controlling terminal); returns (exit status, the bytes it wrote)."""
    master, slave = os.openpty()
    out = bytearray()
    try:
        p = subprocess.Popen(argv, env=env, stdin=slave, stdout=slave, stderr=slave, start_new_session=True,
                             preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
        quiet = 0.0
        while True:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                out += os.read(master, 65536)
                quiet = 0.0
            elif p.poll() is not None:
                # Done: what it wrote last may still be on its way through the terminal.
                quiet += 0.05
                if quiet >= 0.2:
                    break
    finally:
        os.close(slave)
        os.close(master)
    return p.returncode, bytes(out)
