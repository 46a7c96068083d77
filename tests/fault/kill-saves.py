#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Kill saves at random points: the file must always be exactly the old
bytes or exactly the new bytes, never a mix, never empty.

    tests/fault/kill-saves.py cli BUILDDIR [RUNS]   (default 1000)
    tests/fault/kill-saves.py app BUILDDIR [RUNS]   (default 300; needs a
        D-Bus session with AT-SPI: run it under dbus-run-session)

cli: each run starts `curator-cli set FILE title NEW` on a copy of the
largest hospital profile (about 200 KB, so that a save takes a while)
and sends SIGKILL after a random delay up to the time an uninterrupted
run takes. app: each run starts Curator on the file, types a new title
over AT-SPI, presses Save, and sends SIGKILL after a random delay up to
the time an uninterrupted save takes.

After each kill the file is compared with both versions, and temporary
files of the save (.NAME.curator-XXXXXX~) are counted and removed. Prints
how many runs ended with the old bytes, with the new bytes, and with a
temporary file left (killed between creating it and the rename), and
exits 1 if any run left anything else. Not part of the test suite: it
takes minutes, and what it proves does not change from run to run.
"""
import glob
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, '..', 'corpus', 'medigy', 'profiles', 'institutional-profiles',
                      'healthcare-delivery-organizations', 'content-auto', 'profile', 'regulated',
                      'institution', 'us-dhhs-cms', 'hospital', 'alabama-choctaw-general-hospital-11304.md')


class Tally:
    def __init__(self):
        self.old = self.new = self.temporary = self.bad = self.undriven = 0

    def check(self, path, old, new, run):
        with open(path, 'rb') as f:
            now = f.read()
        leftovers = glob.glob(os.path.join(os.path.dirname(path), '.*.curator-*~'))
        for leftover in leftovers:
            os.unlink(leftover)
        self.temporary += 1 if leftovers else 0
        if now == old:
            self.old += 1
            return old
        if now == new:
            self.new += 1
            return new
        self.bad += 1
        print(f'run {run}: the file is neither version ({len(now)} bytes, old {len(old)}, new {len(new)})')
        return now

    def report(self, runs, what):
        print(f'{runs} runs of {what} killed at random points: {self.old} left the old bytes, '
              f'{self.new} the new bytes, {self.bad} anything else; '
              f'{self.temporary} were killed with the temporary file written but not yet renamed'
              + (f'; {self.undriven} were killed before the save was pressed (AT-SPI timed out)'
                 if self.undriven else ''))
        return 1 if self.bad else 0


def title_line(text, title):
    start = text.index(b'\ntitle: ') + 1
    end = text.index(b'\n', start)
    return text[:start] + b'title: ' + title.encode() + text[end:]


def run_cli(build, runs):
    cli = os.path.join(build, 'src', 'cli', 'curator-cli')
    workdir = tempfile.mkdtemp(prefix='curator-kill-saves-')
    path = os.path.join(workdir, 'item.md')
    shutil.copyfile(SOURCE, path)
    tally = Tally()
    try:
        # How long an uninterrupted save takes here.
        durations = []
        for i in range(5):
            start = time.monotonic()
            subprocess.run([cli, 'set', path, 'title', f'Warm-up {i}'], check=True)
            durations.append(time.monotonic() - start)
        longest = sorted(durations)[len(durations) // 2] * 1.2
        with open(path, 'rb') as f:
            current = f.read()
        rng = random.Random(int(os.environ.get('CURATOR_FAULT_SEED', time.time())))
        scratch = os.path.join(workdir, 'expected.md')
        for run in range(runs):
            title = f'Choctaw General Hospital, run {run}' + ' x' * rng.randrange(0, 20)
            # The new bytes, from an uninterrupted run on a copy.
            with open(scratch, 'wb') as f:
                f.write(current)
            subprocess.run([cli, 'set', scratch, 'title', title], check=True)
            with open(scratch, 'rb') as f:
                new = f.read()
            assert new == title_line(current, title)
            process = subprocess.Popen([cli, 'set', path, 'title', title],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0, longest))
            process.send_signal(signal.SIGKILL)
            process.wait()
            current = tally.check(path, current, new, run)
        print(f'an uninterrupted run takes {longest / 1.2 * 1000:.1f} ms; kills fell uniformly in 0-{longest * 1000:.1f} ms')
        return tally.report(runs, 'curator-cli set')
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run_app(build, runs):
    import pyatspi  # Debian's python3-pyatspi, for /usr/bin/python3
    from gi.repository import GLib

    curator = os.path.join(build, 'src', 'ui', 'curator')
    workdir = tempfile.mkdtemp(prefix='curator-kill-saves-')
    path = os.path.join(workdir, 'item.md')
    shutil.copyfile(SOURCE, path)
    # Drafts go to a folder of the run's own, emptied before each start:
    # every run opens the file as it is on disk, not a draft laid over it.
    drafts_home = os.path.join(workdir, 'data')
    env = dict(os.environ, GTK_A11Y='atspi', GSK_RENDERER='cairo', GSETTINGS_BACKEND='memory',
               GSETTINGS_SCHEMA_DIR=os.path.join(build, 'data'), XDG_DATA_HOME=drafts_home)
    env.pop('NO_AT_BRIDGE', None)
    tally = Tally()
    rng = random.Random(int(os.environ.get('CURATOR_FAULT_SEED', time.time())))

    def find(node, predicate, depth=0):
        if node is None or depth > 60:
            return None
        try:
            if predicate(node):
                return node
            for i in range(node.childCount):
                found = find(node.getChildAtIndex(i), predicate, depth + 1)
                if found is not None:
                    return found
        except Exception:
            return None
        return None

    def wait_for(what, fn, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = fn()
            if value:
                return value
            time.sleep(0.02)
        raise TimeoutError(f'timed out waiting for {what}')

    def ours(desktop, pid):
        for i in range(desktop.childCount):
            child = desktop.getChildAtIndex(i)
            try:
                if child is not None and child.get_process_id() == pid:
                    return child
            except Exception:
                continue
        return None

    def start():
        """The app, its Title input and its Save button. The app is this
        process's own, found by its pid: a second instance would hand the
        file to the first and exit, so none may outlive its run."""
        shutil.rmtree(drafts_home, ignore_errors=True)
        app = subprocess.Popen([curator, path], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            desktop = pyatspi.Registry.getDesktop(0)
            node = wait_for('Curator on the accessibility bus', lambda: ours(desktop, app.pid))
            title = wait_for('an input named Title',
                             lambda: find(node, lambda n: n.name == 'Title'
                                          and n.getRole() in (pyatspi.ROLE_ENTRY, pyatspi.ROLE_TEXT)))
            save = wait_for('a button named Save',
                            lambda: find(node, lambda n: n.name == 'Save' and n.getRole() == pyatspi.ROLE_PUSH_BUTTON))
        except BaseException:
            app.kill()
            app.wait()
            raise
        return app, title, save

    try:
        with open(path, 'rb') as f:
            current = f.read()
        # How long a save takes, from the press to the new bytes on disk.
        durations = []
        for i in range(3):
            app, title, save = start()
            new = title_line(current, f'Warm-up {i}')
            title.queryEditableText().setTextContents(f'Warm-up {i}')
            start_time = time.monotonic()
            save.queryAction().doAction(0)
            wait_for('the save', lambda: open(path, 'rb').read() == new)
            durations.append(time.monotonic() - start_time)
            current = new
            app.kill()
            app.wait()
        longest = max(durations) * 1.2
        for run in range(runs):
            name = f'Choctaw General Hospital, run {run}' + ' x' * rng.randrange(0, 20)
            new = title_line(current, name)
            try:
                app, title, save = start()
            except (GLib.Error, TimeoutError) as error:
                print(f'run {run}: the app did not come up ({error})')
                tally.undriven += 1
                current = tally.check(path, current, new, run)
                continue
            try:
                title.queryEditableText().setTextContents(name)
                save.queryAction().doAction(0)
                time.sleep(rng.uniform(0, longest))
            except (GLib.Error, TimeoutError) as error:
                # AT-SPI gave up on a loaded machine: the run is killed
                # wherever it was, and the file checked all the same.
                print(f'run {run}: not driven to the end ({error})')
                tally.undriven += 1
            app.send_signal(signal.SIGKILL)
            app.wait()
            current = tally.check(path, current, new, run)
        print(f'a save takes up to {longest / 1.2 * 1000:.1f} ms; kills fell uniformly in 0-{longest * 1000:.1f} ms')
        return tally.report(runs, 'Curator saving')
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ('cli', 'app'):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    build = sys.argv[2]
    if sys.argv[1] == 'cli':
        return run_cli(build, int(sys.argv[3]) if len(sys.argv) > 3 else 1000)
    return run_app(build, int(sys.argv[3]) if len(sys.argv) > 3 else 300)


if __name__ == '__main__':
    sys.exit(main())
