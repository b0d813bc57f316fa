#!/usr/bin/env python3
"""ptydrive.py KEYS -- CMD ARGS...: runs CMD on a new 80x24 pseudo-terminal and types the
keys of the file KEYS (one chunk a line, Python escapes such as \\r, \\x1b, \\x03; a line
`@wait S` waits S seconds), each once the program has been quiet for a moment. Prints what
the program wrote, one JSON string a line, then its exit code."""
import os, sys, pty, time, select, json, struct, fcntl, termios, signal

QUIET = 0.3
keys_file, sep, *cmd = sys.argv[1:]
assert sep == '--' and cmd, __doc__
with open(keys_file, encoding='utf-8') as f:
    keys = [l.rstrip('\n') for l in f if l.rstrip('\n')]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(cmd[0], cmd)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 24, 80, 0, 0))
out = b''
alive = True

def settle(limit, first=False):
    """Reads until the program has been quiet for QUIET s (or ended, or `limit` s passed);
    `first`: quiet counts only once it wrote something (it is ready for keys)."""
    global out, alive
    start = last = time.time()
    before = len(out)
    while alive and time.time() - start < limit:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                d = os.read(fd, 65536)
            except OSError:
                d = b''
            if not d:
                alive = False
                break
            out += d
            last = time.time()
        elif time.time() - last > QUIET and (not first or len(out) > before):
            break

settle(10, first=True)
for k in keys:
    if k.startswith('@wait '):
        time.sleep(float(k[6:]))
        settle(10)
        continue
    if not alive:
        break
    os.write(fd, k.encode('latin1').decode('unicode_escape').encode('utf-8'))
    settle(10)
code = None
for _ in range(200):
    settle(0.1)
    time.sleep(0.05)
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        code = os.waitstatus_to_exitcode(status)
        break
if code is None:
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    code = 'killed: the program did not end'
settle(0.5)
for line in out.decode('utf-8', 'replace').split('\n'):
    print(json.dumps(line))
print('exit', code)
