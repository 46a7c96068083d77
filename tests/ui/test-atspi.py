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
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import curator_atspi as at  # noqa: E402

pyatspi = at.require_session()

binary, data = sys.argv[1], sys.argv[2]
NEW_TITLE = "Care Teams Share Records Faster"


def edit_and_save(path, original):
    app = at.App(binary, [path])
    try:
        node = app.node(pyatspi)
        title = at.wait_for("an input named Title",
                            lambda: at.find(node, lambda n: n.name == "Title"
                                            and n.getRole() in (pyatspi.ROLE_ENTRY, pyatspi.ROLE_TEXT)))
        save = at.wait_for("a button named Save",
                           lambda: at.find(node, lambda n: n.name == "Save"
                                           and n.getRole() == pyatspi.ROLE_PUSH_BUTTON))

        # GTK 4.8 answers GetText with "" for GtkText: check the file instead.
        if not title.queryEditableText().setTextContents(NEW_TITLE):
            return "the Title input refused SetTextContents"
        save.queryAction().doAction(0)

        def saved():
            with open(path, "rb") as f:
                return f.read().split(b"\n") != original
        at.wait_for("the file to be saved", saved)
    finally:
        app.close()
    return None


def main():
    print("1..1", flush=True)
    workdir = tempfile.mkdtemp(prefix="curator-atspi-")
    try:
        path = os.path.join(workdir, "item.md")
        shutil.copyfile(data, path)
        with open(path, "rb") as f:
            original = f.read().split(b"\n")

        try:
            problem = edit_and_save(path, original)
        except (at.Timeout, RuntimeError) as error:
            problem = str(error)
        if problem is not None:
            print(f"not ok 1 - {problem}")
            return 1

        with open(path, "rb") as f:
            now = f.read().split(b"\n")
        changed = [i for i, (a, b) in enumerate(zip(original, now)) if a != b]
        if len(now) != len(original) or len(changed) != 1 \
                or now[changed[0]] != b"title: " + NEW_TITLE.encode():
            print(f"not ok 1 - saved file differs in lines {changed}: {[now[i] for i in changed]}")
            return 1
        print("ok 1 - title edited and saved through AT-SPI changes only the title line")
        return 0
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


sys.exit(main())
