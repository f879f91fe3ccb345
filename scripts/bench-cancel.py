#!/usr/bin/env python3
"""Time from `aet cancel T-1` starting to the agent's process group being gone, on a fake agent."""
import os, subprocess, sys, tempfile, time, statistics

aet = sys.argv[1]
reps = int(sys.argv[2]) if len(sys.argv) > 2 else 10

def live_members(pgid):
    out = []
    for name in os.listdir('/proc'):
        if not name.isdigit(): continue
        try:
            text = open(f'/proc/{name}/stat').read()
        except OSError:
            continue
        rest = text[text.rindex(')') + 2:].split()
        if int(rest[2]) == pgid and rest[0] not in ('Z', 'X'):
            out.append(int(name))
    return out

results, wall = [], []
for i in range(reps):
    with tempfile.TemporaryDirectory() as base:
        root, home = base + '/repo', base + '/home'
        os.makedirs(root); os.makedirs(home)
        env = {'PATH': os.environ['PATH'], 'HOME': home, 'GIT_CONFIG_NOSYSTEM': '1',
               'GIT_AUTHOR_NAME': 't', 'GIT_AUTHOR_EMAIL': 't@x', 'GIT_COMMITTER_NAME': 't', 'GIT_COMMITTER_EMAIL': 't@x'}
        run = lambda *a: subprocess.run(a, cwd=root, env=env, check=True, capture_output=True)
        open(root + '/README.md', 'w').write('x\n')
        run('git', 'init', '-q', '-b', 'main'); run('git', 'add', '-A'); run('git', 'commit', '-qm', 'init')
        run(aet, 'init', '--test-command', 'true')
        script = home + '/dev.sh'
        open(script, 'w').write(f"#!/bin/sh\necho $$ > '{home}/pid.tmp'; mv '{home}/pid.tmp' '{home}/pid'\nwhile true; do echo working; sleep 0.1; done\n")
        os.chmod(script, 0o755)
        open(root + '/.aet/agents/developer.md', 'w').write(f"---\nname: developer\ndescription: loops\nruntime: command\ncommand: {script}\n---\nLoop.\n")
        run(aet, 'create', 'Loop', '--mode', 'simple')
        proc = subprocess.Popen([aet, 'process'], cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not os.path.exists(home + '/pid') and time.monotonic() < deadline: time.sleep(0.005)
        pgid = int(open(home + '/pid').read())
        t0 = time.monotonic()
        cancel = subprocess.Popen([aet, 'cancel', 'T-1'], cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while live_members(pgid): time.sleep(0.001)
        gone = time.monotonic() - t0
        cancel.wait(); done = time.monotonic() - t0
        proc.wait(timeout=60)
        results.append(gone * 1000); wall.append(done * 1000)
        print(f'{i+1}: group gone {gone*1000:.0f} ms, aet cancel returned {done*1000:.0f} ms', flush=True)

def p50(v): return statistics.median(v)
print(f'group gone: p50 {p50(results):.0f} ms, max {max(results):.0f} ms; aet cancel returned: p50 {p50(wall):.0f} ms, max {max(wall):.0f} ms')
