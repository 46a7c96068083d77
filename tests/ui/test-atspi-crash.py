#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A simulated crash, driven as a screen reader user would: type a new
title into the input named Title, wait for the draft, kill -9 the app,
start it again with no file named, and find the edit restored: the bar
says "Unsaved changes restored", the window is named by the new title,
and the button named Save writes it to the file.

    test-atspi-crash.py CURATOR_BINARY DATA_FILE     (TAP output)
Needs the private D-Bus session of the headless test run (dbus-run-session);
starts an Xvfb display of its own for each run of the app.
"""
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import curator_atspi as at  # noqa: E402

pyatspi = at.require_session()

binary, data = sys.argv[1], sys.argv[2]
NEW_TITLE = "Edited Before the Crash"


def is_input(node, name):
    return node.name == name and node.getRole() in (pyatspi.ROLE_ENTRY, pyatspi.ROLE_TEXT)


def read_lines(path):
    with open(path, "rb") as f:
        return f.read().split(b"\n")


def drafts_in(home):
    folder = os.path.join(home, "data", "curator", "drafts")
    return os.listdir(folder) if os.path.isdir(folder) else []


def edit_then_crash(home, path):
    app = at.App(binary, [path], workdir=home)
    try:
        node = app.node(pyatspi)
        title = at.wait_for("an input named Title", lambda: at.find(node, lambda n: is_input(n, "Title")))
        if not title.queryEditableText().setTextContents(NEW_TITLE):
            return "the Title input refused SetTextContents"
        at.wait_for("the draft to be written", lambda: drafts_in(home))
    finally:
        app.crash()
    return None


def restart_and_check(home, path, original):
    # No file named: the application opens what the drafts belong to.
    app = at.App(binary, [], workdir=home)
    try:
        node = app.node(pyatspi)
        at.wait_for("the bar saying Unsaved changes restored",
                    lambda: at.find(node, lambda n: n.name == "Unsaved changes restored"
                                    and n.getRole() == pyatspi.ROLE_LABEL))
        at.wait_for(f"a window named {NEW_TITLE}",
                    lambda: at.find(node, lambda n: n.name == NEW_TITLE and n.getRole() == pyatspi.ROLE_FRAME))
        at.wait_for("an input named Title", lambda: at.find(node, lambda n: is_input(n, "Title")))
        if read_lines(path) != original:
            return "the file changed on disk before Save"
        save = at.wait_for("a button named Save",
                           lambda: at.find(node, lambda n: n.name == "Save"
                                           and n.getRole() == pyatspi.ROLE_PUSH_BUTTON))
        save.queryAction().doAction(0)
        at.wait_for("the file to be saved", lambda: read_lines(path) != original)
        at.wait_for("the draft to be deleted once saved", lambda: not drafts_in(home))
    finally:
        app.close()
    return None


def main():
    print("1..2", flush=True)
    home = tempfile.mkdtemp(prefix="curator-atspi-crash-")
    try:
        path = os.path.join(home, "item.md")
        shutil.copyfile(data, path)
        original = read_lines(path)

        try:
            problem = edit_then_crash(home, path)
        except (at.Timeout, RuntimeError) as error:
            problem = str(error)
        if problem is None and read_lines(path) != original:
            problem = "the file changed on disk without a save"
        if problem is not None:
            print(f"not ok 1 - {problem}")
            print("not ok 2 - not run: no draft to restore")
            return 1
        print("ok 1 - a draft is written after an edit; kill -9 leaves the file as it was")

        try:
            problem = restart_and_check(home, path, original)
        except (at.Timeout, RuntimeError) as error:
            problem = str(error)
        if problem is None:
            now = read_lines(path)
            changed = [i for i, (a, b) in enumerate(zip(original, now)) if a != b]
            if len(now) != len(original) or len(changed) != 1 \
                    or now[changed[0]] != b"title: " + NEW_TITLE.encode():
                problem = f"saved file differs in lines {changed}: {[now[i] for i in changed]}"
        if problem is not None:
            print(f"not ok 2 - {problem}")
            return 1
        print("ok 2 - the next start restores the edit, says so, and saves only the title line")
        return 0
    finally:
        shutil.rmtree(home, ignore_errors=True)


sys.exit(main())
