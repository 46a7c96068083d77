#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drive the real curator process through AT-SPI, as a screen reader user:
find the title by its accessible name, type a new one, press the button
named "Save", and check that only the title line changed on disk.

    test-atspi.py CURATOR_BINARY DATA_FILE     (TAP output)
Needs the private D-Bus session of the headless test run (dbus-run-session);
starts an Xvfb display of its own.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time
import faulthandler

faulthandler.dump_traceback_later(40, exit=True)

try:
    import pyatspi
except ImportError:
    print("1..0 # SKIP pyatspi is not installed for /usr/bin/python3")
    sys.exit(0)

if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
    print("1..0 # SKIP needs a private D-Bus session (run under dbus-run-session)")
    sys.exit(0)
if not shutil.which("Xvfb"):
    print("1..0 # SKIP Xvfb is not installed")
    sys.exit(0)

binary, data = sys.argv[1], sys.argv[2]
NEW_TITLE = "Care Teams Share Records Faster"


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


def wait_for(what, fn, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = fn()
        if value:
            return value
        time.sleep(0.1)
    print(f"not ok 1 timed out waiting for {what}")
    sys.exit(1)


def start_xvfb():
    """A display of our own: -displayfd picks a free number atomically, where
    xvfb-run -a can race with other servers starting on the same machine."""
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24",
                               "-nolisten", "tcp"],
                              pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    number = b""
    with os.fdopen(read_fd, "rb") as pipe:
        while not number.endswith(b"\n"):
            chunk = pipe.read(1)
            if not chunk:
                break
            number += chunk
    if not number.strip():
        server.kill()
        print("not ok 1 Xvfb did not start")
        sys.exit(1)
    return server, ":" + number.decode().strip()


def main():
    print("1..1")
    workdir = tempfile.mkdtemp(prefix="curator-atspi-")
    path = os.path.join(workdir, "item.md")
    shutil.copyfile(data, path)
    with open(path, "rb") as f:
        original = f.read().split(b"\n")

    xvfb, display = start_xvfb()
    env = dict(os.environ, GTK_A11Y="atspi", GSK_RENDERER="cairo", DISPLAY=display)
    env.pop("NO_AT_BRIDGE", None)
    if "CURATOR_TEST_CHILD_G_DEBUG" in env:
        env["G_DEBUG"] = env.pop("CURATOR_TEST_CHILD_G_DEBUG")
    env.pop("XAUTHORITY", None)
    env.pop("WAYLAND_DISPLAY", None)
    app = subprocess.Popen([binary, path], env=env)
    try:
        desktop = pyatspi.Registry.getDesktop(0)

        def curator_app():
            return find(desktop, lambda n: n.getRoleName() == "application" and "curator" in (n.name or ""), 0) \
                or next((desktop.getChildAtIndex(i) for i in range(desktop.childCount)
                         if desktop.getChildAtIndex(i) is not None
                         and "curator" in (desktop.getChildAtIndex(i).name or "")), None)

        app_node = wait_for("the application on the accessibility bus", curator_app)
        title = wait_for("an input named Title",
                         lambda: find(app_node, lambda n: n.name == "Title"
                                      and n.getRole() in (pyatspi.ROLE_ENTRY, pyatspi.ROLE_TEXT)))
        save = wait_for("a button named Save",
                        lambda: find(app_node, lambda n: n.name == "Save"
                                     and n.getRole() == pyatspi.ROLE_PUSH_BUTTON))

        # GTK 4.8 answers GetText with "" for GtkText: check the file instead.
        if not title.queryEditableText().setTextContents(NEW_TITLE):
            print("not ok 1 the Title input refused SetTextContents")
            return 1
        action = save.queryAction()
        action.doAction(0)

        def saved():
            with open(path, "rb") as f:
                return f.read().split(b"\n") != original
        wait_for("the file to be saved", saved)

        with open(path, "rb") as f:
            now = f.read().split(b"\n")
        changed = [i for i, (a, b) in enumerate(zip(original, now)) if a != b]
        if len(now) != len(original) or len(changed) != 1 \
                or now[changed[0]] != b"title: " + NEW_TITLE.encode():
            print(f"not ok 1 saved file differs in lines {changed}: {[now[i] for i in changed]}")
            return 1
        print("ok 1 title edited and saved through AT-SPI changes only the title line")
        return 0
    finally:
        app.terminate()
        try:
            app.wait(5)
        except subprocess.TimeoutExpired:
            app.kill()
        xvfb.terminate()
        xvfb.wait()
        shutil.rmtree(workdir, ignore_errors=True)


sys.exit(main())
