#!/usr/bin/env python3
"""Records what node does on a terminal for the cases of tests/pty-cases/, as the golden
files tests/cli.rs (`pty_cases`) compares jsvm against.

A case is a directory holding main.js or main.mjs and `keys`: the keys to type, one chunk a
line, written with \\xNN escapes (and \\\\ for a backslash). The program runs as
`node main.js` in the case directory on a new 120x24 pseudo-terminal (TERM=xterm, NO_COLOR=1,
as the test runs jsvm). Its output is read until it has been quiet for a moment, then the next
chunk is typed. `expected` gets one step per chunk: a line `@@ KEYS` then a line with what the
program wrote after them (same escapes), the first step's keys empty (what it wrote before
any key), and at the end `@@exit CODE` and what it wrote until it ended.
Usage: crates/jsvm-cli/tests/record-pty.py [--runner PATH] [case ...]   (needs node v20)"""
import os, sys, pty, time, select, struct, fcntl, termios, signal, re

QUIET = 0.4

def escape(data: str) -> str:
    out = []
    for ch in data:
        if ch == '\\':
            out.append('\\\\')
        elif ord(ch) < 0x20 or ord(ch) == 0x7f:
            out.append('\\x%02x' % ord(ch))
        else:
            out.append(ch)
    return ''.join(out)

def unescape(text: str) -> str:
    return re.sub(r'\\(\\|x[0-9a-fA-F]{2})',
                  lambda m: '\\' if m.group(1) == '\\' else chr(int(m.group(1)[1:], 16)), text)

def record(runner, case_dir):
    main = 'main.mjs' if os.path.exists(os.path.join(case_dir, 'main.mjs')) else 'main.js'
    with open(os.path.join(case_dir, 'keys'), encoding='utf-8') as f:
        keys = [unescape(l.rstrip('\n')) for l in f if l.rstrip('\n')]
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(case_dir)
        env = dict(os.environ, TERM='xterm', NO_COLOR='1')
        os.execvpe(runner, [runner, main], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 24, 120, 0, 0))
    buf = b''
    alive = True
    def settle(limit=10.0):
        nonlocal buf, alive
        start = time.time()
        last = time.time()
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
                buf += d
                last = time.time()
            elif time.time() - last > QUIET:
                break
        out, buf = buf, b''
        return out.decode('utf-8')
    steps = [('', settle())]
    for k in keys:
        os.write(fd, k.encode('utf-8'))
        steps.append((k, settle()))
    rest = settle(15.0) if alive else ''
    code = None
    for _ in range(100):
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            code = os.waitstatus_to_exitcode(status)
            break
        time.sleep(0.05)
    if code is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        sys.exit('%s: the program did not end' % case_dir)
    with open(os.path.join(case_dir, 'expected'), 'w', encoding='utf-8') as f:
        for k, out in steps:
            f.write('@@ %s\n%s\n' % (escape(k), escape(out)))
        f.write('@@exit %d\n%s\n' % (code, escape(rest)))
    print('recorded %s (%d steps, exit %d)' % (case_dir, len(steps), code))

args = sys.argv[1:]
runner = 'node'
if args[:1] == ['--runner']:
    runner = args[1]
    args = args[2:]
here = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'pty-cases')
names = args or sorted(os.listdir(here))
for name in names:
    record(runner, os.path.join(here, name))
